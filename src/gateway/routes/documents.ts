/** Issued documents of a case (download by participants) and the public record of recognised initiatives. */
import { z } from 'zod';
import type { CaseRecord } from '../../db/cases';
import { mayReadDocument, scoreSeal } from '../../domain/access';
import { escapeRegex, foldVietnamese } from '../../domain/text';
import { documentFile } from '../answers';
import { visibleCase } from '../cases';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { initiativeParamsSchema } from '../schemas';
import { vnDate } from '../../domain/duration';

const documentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  number: z.string().nullable(),
  issuedAt: z.string(),
  pdfSha256: z.string(),
  docxSha256: z.string(),
  revoked: z.boolean(),
});
const documentParams = z.strictObject({
  id: initiativeParamsSchema.shape.id,
  docId: z.string().regex(/^[A-Za-z0-9_:#-]{6,160}$/),
  format: z.enum(['pdf', 'docx']),
});

/** The public view of a recognised initiative: no confidential part, no contact data, authors by name only. */
export const publicInitiativeSchema = z.object({
  id: z.string(),
  title: z.string(),
  authors: z.array(z.object({ fullName: z.string(), sharePercent: z.number() })),
  unitId: z.string(),
  unitName: z.string(),
  field: z.string(),
  summary: z.string(),
  effect: z.string().nullable(),
  monetaryBenefitVnd: z.number().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  /** Still in its replication follow-up: a unit head may volunteer their unit. */
  replicationOpen: z.boolean(),
});
type PublicInitiative = z.infer<typeof publicInitiativeSchema>;

const publicQuery = z.strictObject({
  q: z.string().max(200).optional(),
  field: z.string().max(200).optional(),
  unitId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,63}$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Paging (the whole list when absent); `total` always counts every match. */
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(10000).optional(),
});

/** Document and publication routes. */
export function documentRoutes(deps: GatewayDeps): Route[] {
  async function publicList(q: z.infer<typeof publicQuery>): Promise<PublicInitiative[]> {
    const and: Record<string, unknown>[] = [
      { decisionOutcome: 'RECOGNISED' },
      { status: { $in: ['OPEN', 'COMPLETED'] } },
    ];
    if (q.unitId) and.push({ unitId: { $eq: q.unitId } });
    if (q.year) and.push({ year: { $eq: q.year } });
    if (q.field) and.push({ fieldFolded: { $regex: escapeRegex(foldVietnamese(q.field)) } });
    if (q.q) {
      const f = escapeRegex(foldVietnamese(q.q));
      and.push({ $or: [{ titleFolded: { $regex: f } }, { summaryFolded: { $regex: f } }] });
    }
    const rows = await deps.repos.cases.model
      .find({ $and: and }, { state: 0 })
      .sort({ decisionDate: -1, _id: 1 })
      .limit(1000)
      .lean<CaseRecord[]>()
      .exec();
    const units = new Map(
      (await deps.repos.directory.units.find({}, { name: 1 }).lean().exec()).map((u) => [u._id, u.name]),
    );
    // Only the fields a published record may carry are copied: confidential parts are never read from the case.
    return rows.map((r) => ({
      id: r._id,
      title: r.title,
      authors: r.authors.map((a) => ({ fullName: a.fullName, sharePercent: a.sharePercent })),
      unitId: r.unitId,
      unitName: units.get(r.unitId) ?? r.unitId,
      field: r.field,
      summary: r.summary,
      effect:
        r.effectVerdict === 'EFFECTIVE'
          ? 'Có hiệu quả'
          : r.effectVerdict === 'NOT_EFFECTIVE'
            ? 'Chưa đạt hiệu quả'
            : null,
      monetaryBenefitVnd: r.monetaryBenefitVnd ?? null,
      decisionNumber: r.decisionNumber ?? null,
      decisionDate: r.decisionDate ? vnDate(r.decisionDate.getTime()) : null,
      replicationOpen: r.status === 'OPEN' && r.stage === 'REPLICATION_FOLLOW_UP',
    }));
  }

  const csvCell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    // Quote every cell; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };

  return [
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/documents',
      summary: 'Văn bản đã ban hành của hồ sơ',
      tag: 'Văn bản',
      access: 'authenticated',
      params: initiativeParamsSchema,
      errors: [404],
      success: { status: 200, description: 'Văn bản', schema: z.object({ items: z.array(documentSchema) }) },
      handler: async ({ params, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        const seal = scoreSeal(record.state);
        // The documents are the ones its legal-record entries name: each then found by its key.
        const entries = await deps.repos.legalRecord.list(params.id, record.state.legalSeq ?? 0);
        const docs = await deps.repos.documents.listByIds(
          params.id,
          entries.flatMap((e) => ((e.details['documents'] ?? []) as { id: string }[]).map((d) => d.id)),
        );
        const items = docs
          .filter((d) => mayReadDocument(actor!, seal, d))
          .map((d) => ({
            id: d._id,
            kind: d.kind,
            title: d.title,
            number: d.number,
            issuedAt: d.issuedAt.toISOString(),
            pdfSha256: d.pdfSha256,
            docxSha256: d.docxSha256,
            revoked: !!d.revokedAt,
          }));
        return { status: 200, body: { items } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/documents/:docId/:format',
      summary: 'Tải văn bản (PDF hoặc DOCX); cùng bản đã ban hành, đúng từng byte',
      tag: 'Văn bản',
      access: 'authenticated',
      params: documentParams,
      errors: [404],
      success: {
        status: 200,
        description: 'Tệp văn bản',
        schema: z.string(),
        mediaType: 'application/octet-stream',
      },
      handler: async ({ params, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        const doc = await deps.repos.documents.byKey(params.docId);
        // A sealed score sheet answers as if it did not exist: its existence is not revealed either.
        if (
          !doc ||
          doc.initiativeId !== params.id ||
          !mayReadDocument(actor!, scoreSeal(record.state), doc)
        ) {
          throw new ProblemError(404, 'DOCUMENT_NOT_FOUND', 'Không tìm thấy văn bản.');
        }
        return documentFile(
          doc,
          params.format,
          `${doc.kind.toLowerCase()}-${(doc.number ?? doc._id).replace(/[^A-Za-z0-9-]/g, '-')}`,
        );
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/public/initiatives',
      summary: 'Danh sách công khai các sáng kiến được công nhận (không cần đăng nhập; tìm không dấu)',
      tag: 'Công khai',
      access: 'public',
      query: publicQuery,
      success: {
        status: 200,
        description: 'Sáng kiến được công nhận',
        schema: z.object({ items: z.array(publicInitiativeSchema), total: z.number() }),
      },
      handler: async ({ query }) => {
        const all = await publicList(query);
        const start = query.offset ?? 0;
        const items = all.slice(start, query.limit === undefined ? undefined : start + query.limit);
        return { status: 200, body: { items, total: all.length } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/public/initiatives.json',
      summary: 'Dữ liệu mở: sáng kiến được công nhận (JSON)',
      tag: 'Công khai',
      access: 'public',
      success: { status: 200, description: 'Tệp JSON', schema: z.array(publicInitiativeSchema) },
      handler: async () => ({
        status: 200,
        raw: {
          contentType: 'application/json; charset=utf-8',
          data: JSON.stringify(await publicList({}), null, 2),
          filename: 'sang-kien-duoc-cong-nhan.json',
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/public/initiatives.csv',
      summary: 'Dữ liệu mở: sáng kiến được công nhận (CSV, UTF-8)',
      tag: 'Công khai',
      access: 'public',
      success: { status: 200, description: 'Tệp CSV', schema: z.string(), mediaType: 'text/csv' },
      handler: async () => {
        const rows = await publicList({});
        const header = [
          'Mã',
          'Tên sáng kiến',
          'Tác giả',
          'Đơn vị',
          'Lĩnh vực',
          'Tóm tắt',
          'Hiệu quả',
          'Số tiền làm lợi (đồng)',
          'Số quyết định',
          'Ngày quyết định',
        ];
        const lines = rows.map((r) =>
          [
            r.id,
            r.title,
            r.authors.map((a) => `${a.fullName} (${a.sharePercent}%)`).join('; '),
            r.unitName,
            r.field,
            r.summary,
            r.effect,
            r.monetaryBenefitVnd,
            r.decisionNumber,
            r.decisionDate,
          ]
            .map(csvCell)
            .join(','),
        );
        // A byte-order mark so spreadsheet programs read the Vietnamese text as UTF-8.
        return {
          status: 200,
          raw: {
            contentType: 'text/csv; charset=utf-8',
            data: `\uFEFF${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`,
            filename: 'sang-kien-duoc-cong-nhan.csv',
          },
        };
      },
    }),
  ];
}
