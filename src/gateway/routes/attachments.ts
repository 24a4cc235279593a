/**
 * Dossier attachments: one file per request, its type checked by its content (not its name or declared type), size
 * limits per file and per case, stored with its SHA-256 and recorded in the case's legal record.
 */
import { createHash, randomUUID } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { z } from 'zod';
import { addAttachmentUpdate } from '../../contracts/initiative';
import { requireOpenCase, visibleCase, workflowCall } from '../cases';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { initiativeParamsSchema } from '../schemas';

/** Types a dossier may carry, by the type their content reveals. */
export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

/** An uploaded file whose content is one of the allowed types, with its SHA-256 and a safe name (empty if none). */
export interface CheckedFile {
  buffer: Buffer;
  size: number;
  mime: string;
  sha256: string;
  filename: string;
}

/**
 * The request's uploaded file, its type checked by its content and against the type it was declared as; refused
 * (400 without a file, 415 for a type not allowed or declared as another) otherwise.
 */
export async function checkedFile(
  file: Express.Multer.File | undefined,
  missing: string,
): Promise<CheckedFile> {
  if (!file) throw new ProblemError(400, 'ATTACHMENT_MISSING', missing);
  const detected = await fromBuffer(file.buffer);
  if (!detected || !ALLOWED_TYPES[detected.mime]) {
    throw new ProblemError(
      415,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `Chỉ nhận tệp ${Object.values(ALLOWED_TYPES).join(', ')}; nội dung tệp này không thuộc các loại đó.`,
    );
  }
  if (detected.mime !== file.mimetype) {
    throw new ProblemError(
      415,
      'ATTACHMENT_TYPE_MISMATCH',
      `Nội dung tệp là ${ALLOWED_TYPES[detected.mime]} nhưng tệp được khai là ${file.mimetype}.`,
    );
  }
  return {
    buffer: file.buffer,
    size: file.size,
    mime: detected.mime,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    // Path separators and control characters never reach a stored name.
    filename: file.originalname
      .normalize('NFC')
      .replace(/[\\/]/g, '_')
      .replace(/\p{Cc}/gu, '_')
      .slice(0, 200),
  };
}

const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  confidential: z.boolean(),
});

/** Attachment routes. */
export function attachmentRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/attachments',
      summary:
        'Đính kèm một tệp (PDF, PNG, JPEG, DOCX, XLSX) vào hồ sơ; loại tệp được kiểm tra theo nội dung',
      tag: 'Văn bản',
      access: ['SUBMITTER', 'UNIT_HEAD', 'SECRETARY'],
      params: initiativeParamsSchema,
      multipart: { field: 'file', maxBytes: deps.attachments.maxFileBytes },
      body: z.strictObject({ confidential: z.enum(['true', 'false']).default('false') }),
      errors: [404, 409, 413, 415, 422],
      success: { status: 201, description: 'Đã đính kèm', schema: attachmentSchema },
      handler: async ({ req, params, body, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        requireOpenCase(record);
        const file = await checkedFile(req.file, 'Chưa chọn tệp để đính kèm (trường "file").');
        if ((await deps.repos.attachments.totalSize(params.id)) + file.size > deps.attachments.maxCaseBytes) {
          throw new ProblemError(
            413,
            'CASE_ATTACHMENTS_TOO_LARGE',
            `Tổng dung lượng tệp của hồ sơ vượt quá ${Math.round(deps.attachments.maxCaseBytes / 1024 / 1024)} MB.`,
          );
        }
        const { sha256, mime } = file;
        const id = `${params.id}:${sha256.slice(0, 32)}`;
        const filename = file.filename || 'tep-dinh-kem';
        const attachment = {
          id,
          filename,
          contentType: mime,
          size: file.size,
          sha256,
          confidential: body.confidential === 'true',
        };
        const stored = await deps.repos.attachments.store({
          ...attachment,
          _id: id,
          initiativeId: params.id,
          uploadedBy: actor!.personId,
          uploadedAt: new Date(),
          data: file.buffer,
        });
        try {
          await workflowCall(() =>
            deps.initiatives.handle(params.id).executeUpdate(addAttachmentUpdate, {
              args: [{ actor: actor!, attachment }],
              updateId: randomUUID(),
            }),
          );
        } catch (err) {
          // The case refused it: keep nothing of this upload.
          if (stored) await deps.repos.attachments.remove(id);
          throw err;
        }
        return { status: 201, body: attachment };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/attachments/:attachmentId',
      summary: 'Tải tệp đính kèm',
      tag: 'Văn bản',
      access: 'authenticated',
      params: z.strictObject({
        id: initiativeParamsSchema.shape.id,
        attachmentId: z.string().regex(/^[A-Za-z0-9_:-]{10,120}$/),
      }),
      errors: [404],
      success: { status: 200, description: 'Tệp', schema: z.string(), mediaType: 'application/octet-stream' },
      handler: async ({ params, actor }) => {
        await visibleCase(deps, actor!, params.id);
        const a = await deps.repos.attachments.get(params.attachmentId);
        if (!a || a.initiativeId !== params.id)
          throw new ProblemError(404, 'ATTACHMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
        return {
          status: 200,
          headers: { 'X-Content-SHA256': a.sha256 },
          raw: { contentType: a.contentType, data: a.data, filename: a.filename },
        };
      },
    }),
  ];
}
