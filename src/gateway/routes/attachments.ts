/**
 * Dossier attachments: one file per request, its type checked by its content (not its name or declared type), size
 * limits per file and per case, stored with its SHA-256 and recorded in the case's legal record. A file is replaced by
 * a newer version while the dossier may be amended; the old one stays stored and downloadable, marked as replaced.
 */
import { createHash, randomUUID } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { z } from 'zod';
import { httpStatusFor } from '../../contracts/errors';
import { addAttachmentUpdate, replaceAttachmentUpdate, type AttachmentRef } from '../../contracts/initiative';
import { ENDPOINT_ROLES, refusalOf } from '../../domain/permissions';
import { requireOpenCase, visibleCase, workflowCall } from '../cases';
import { updateIdOf } from '../decision-pipeline';
import type { GatewayDeps } from '../deps';
import { text } from '../dossier-schema';
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

/** The answer of a replacement: the new version and the id of the one it replaced. */
const replacementSchema = attachmentSchema.extend({ replaces: z.string() });

const attachmentParams = z.strictObject({
  id: initiativeParamsSchema.shape.id,
  attachmentId: z.string().regex(/^[A-Za-z0-9_:-]{10,120}$/),
});

/**
 * Stores an upload, then lets the case take it (`accept`, the workflow's Update); if the case refuses, nothing of the
 * upload is kept. A file the case already held (same content, same id) is left as it was.
 */
async function storeAccepted(
  deps: GatewayDeps,
  initiativeId: string,
  uploadedBy: string,
  attachment: Omit<AttachmentRef, 'uploadedBy' | 'at' | 'replaces' | 'replacedBy'>,
  data: Buffer,
  accept: () => Promise<unknown>,
): Promise<void> {
  const stored = await deps.repos.attachments.store({
    ...attachment,
    _id: attachment.id,
    initiativeId,
    uploadedBy,
    uploadedAt: new Date(),
    data,
  });
  try {
    await workflowCall(accept);
  } catch (err) {
    // The case refused it: keep nothing of this upload.
    if (stored) await deps.repos.attachments.remove(attachment.id);
    throw err;
  }
}

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
        await storeAccepted(deps, params.id, actor!.personId, attachment, file.buffer, () =>
          deps.initiatives.handle(params.id).executeUpdate(addAttachmentUpdate, {
            args: [{ actor: actor!, attachment }],
            updateId: randomUUID(),
          }),
        );
        return { status: 201, body: attachment };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/attachments/:attachmentId/replacement',
      summary:
        'Thay một tệp đính kèm bằng phiên bản mới (khi hồ sơ được trả lại để bổ sung); tệp cũ vẫn được lưu, ghi rõ đã được thay',
      tag: 'Văn bản',
      access: ENDPOINT_ROLES['attachment-replacement'],
      params: attachmentParams,
      multipart: { field: 'file', maxBytes: deps.attachments.maxFileBytes },
      body: z.strictObject({
        /** Whether the new version holds confidential information; absent: as the version it replaces. */
        confidential: z.enum(['true', 'false']).optional(),
        reason: text(500).optional(),
      }),
      errors: [404, 409, 413, 415, 422],
      success: { status: 201, description: 'Đã thay tệp', schema: replacementSchema },
      handler: async ({ req, params, body, actor, idempotencyKey }) => {
        const record = await visibleCase(deps, actor!, params.id);
        requireOpenCase(record);
        const old = (record.state.attachments ?? []).find((a) => a.id === params.attachmentId);
        if (!old) throw new ProblemError(404, 'ATTACHMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
        // Who may replace, at which step: the workflow's own rule (it checks again when it decides).
        const refusal = refusalOf(record.state, actor!, 'attachment-replacement');
        if (refusal) throw new ProblemError(httpStatusFor(refusal.code), refusal.code, refusal.message);
        const file = await checkedFile(req.file, 'Chưa chọn tệp thay thế (trường "file").');
        const { sha256, mime } = file;
        const filename = file.filename || 'tep-dinh-kem';
        const id = `${params.id}:${sha256.slice(0, 32)}`;
        // A retry of this very replacement goes on to the workflow, which answers it as already done.
        if (old.replacedBy && old.replacedBy.id !== id) {
          throw new ProblemError(
            409,
            'ATTACHMENT_ALREADY_REPLACED',
            `Tệp "${old.filename}" đã được thay bằng phiên bản mới hơn; hãy thay phiên bản hiện hành.`,
          );
        }
        const same = (record.state.attachments ?? []).find((a) => a.id === id);
        if (same && old.replacedBy?.id !== id) {
          throw new ProblemError(
            409,
            'ATTACHMENT_DUPLICATE',
            `Tệp mới có nội dung giống hệt tệp "${same.filename}" đã có trong hồ sơ.`,
          );
        }
        // The replaced version stays stored: the case holds both.
        if (
          !same &&
          (await deps.repos.attachments.totalSize(params.id)) + file.size > deps.attachments.maxCaseBytes
        ) {
          throw new ProblemError(
            413,
            'CASE_ATTACHMENTS_TOO_LARGE',
            `Tổng dung lượng tệp của hồ sơ (kể cả các phiên bản đã được thay) vượt quá ${Math.round(deps.attachments.maxCaseBytes / 1024 / 1024)} MB.`,
          );
        }
        const attachment = {
          id,
          filename,
          contentType: mime,
          size: file.size,
          sha256,
          confidential: body.confidential === undefined ? old.confidential : body.confidential === 'true',
        };
        await storeAccepted(deps, params.id, actor!.personId, attachment, file.buffer, () =>
          deps.initiatives.handle(params.id).executeUpdate(replaceAttachmentUpdate, {
            args: [
              {
                actor: actor!,
                replaces: old.id,
                attachment,
                ...(body.reason ? { reason: body.reason } : {}),
              },
            ],
            updateId: updateIdOf(idempotencyKey).updateId ?? randomUUID(),
          }),
        );
        // Audited like the administrative actions, besides the case's legal record (not again for a retry).
        if (!old.replacedBy)
          await deps.repos.audit.log({
            actorId: actor!.personId,
            action: 'ATTACHMENT_REPLACED',
            target: params.id,
            details: {
              replaced: { id: old.id, filename: old.filename, sha256: old.sha256 },
              attachment: { id, filename, sha256, size: file.size },
              ...(body.reason ? { reason: body.reason } : {}),
            },
            requestId: typeof req.id === 'string' ? req.id : null,
          });
        return { status: 201, body: { ...attachment, replaces: old.id } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/attachments/:attachmentId',
      summary: 'Tải tệp đính kèm (cả phiên bản đã được thay: X-Attachment-Replaced-By nêu phiên bản thay nó)',
      tag: 'Văn bản',
      access: 'authenticated',
      params: attachmentParams,
      errors: [404],
      success: { status: 200, description: 'Tệp', schema: z.string(), mediaType: 'application/octet-stream' },
      handler: async ({ params, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        const a = await deps.repos.attachments.get(params.attachmentId);
        if (!a || a.initiativeId !== params.id)
          throw new ProblemError(404, 'ATTACHMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
        const ref: AttachmentRef | undefined = (record.state.attachments ?? []).find((x) => x.id === a._id);
        return {
          status: 200,
          headers: {
            'X-Content-SHA256': a.sha256,
            ...(ref?.replacedBy ? { 'X-Attachment-Replaced-By': ref.replacedBy.id } : {}),
          },
          raw: { contentType: a.contentType, data: a.data, filename: a.filename },
        };
      },
    }),
  ];
}
