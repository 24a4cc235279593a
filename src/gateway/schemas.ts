/** Request and response schemas of the gateway (zod): the one definition for validation and, later, OpenAPI. */
import { z } from 'zod';
import { INITIATIVE_ID_PATTERN } from '../contracts/ids';
import { STAGES } from '../contracts/initiative';
import { isNotInFuture, isWithinTimeBar, shareTotal, sharesSumTo100, vietnamDate } from '../domain/dossier';
import { nfc } from '../domain/text';

// Vietnamese messages for zod's built-in checks: the person reading a 400 reads Vietnamese.
z.config(z.locales.vi());

const text = (max: number) =>
  z
    .string()
    .transform((s) => nfc(s).trim())
    .pipe(z.string().min(1, 'Không được để trống').max(max, `Tối đa ${max} ký tự`));

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/** One author of the dossier. */
export const authorSchema = z.strictObject({
  fullName: text(120),
  birthDate: isoDate.optional(),
  workplace: text(200).optional(),
  jobTitle: text(120).optional(),
  qualification: text(120).optional(),
  sharePercent: z.number().gt(0, 'Tỷ lệ đóng góp phải lớn hơn 0').max(100, 'Tỷ lệ đóng góp tối đa 100%'),
});

/** The minimal dossier of a filing (the full application form arrives with the life-cycle work). */
export const createInitiativeSchema = z
  .strictObject({
    id: z.string().regex(INITIATIVE_ID_PATTERN, 'Mã hồ sơ gồm 6–64 chữ cái, chữ số, "-" hoặc "_"').optional(),
    title: text(300),
    unitId: z.string().regex(/^[a-z0-9-]{2,64}$/, 'Mã đơn vị không hợp lệ'),
    field: text(200),
    firstAppliedOn: isoDate,
    summary: text(5000),
    authors: z.array(authorSchema).min(1, 'Cần ít nhất một tác giả').max(20, 'Tối đa 20 tác giả'),
  })
  .superRefine((d, ctx) => {
    const shares = d.authors.map((a) => a.sharePercent);
    if (!sharesSumTo100(shares)) {
      ctx.addIssue({
        code: 'custom',
        path: ['authors'],
        message: `Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là ${shareTotal(shares)}%)`,
      });
    }
    const today = vietnamDate(new Date());
    try {
      if (!isNotInFuture(d.firstAppliedOn, today)) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstAppliedOn'],
          message: 'Ngày áp dụng lần đầu không được ở tương lai',
        });
      } else if (!isWithinTimeBar(d.firstAppliedOn, today)) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstAppliedOn'],
          message:
            'Đã quá 1 năm kể từ ngày áp dụng lần đầu: quyền yêu cầu công nhận đã hết (Điều 5.2 Nghị định 13/2012/NĐ-CP)',
        });
      }
    } catch {
      ctx.addIssue({ code: 'custom', path: ['firstAppliedOn'], message: 'Ngày không tồn tại' });
    }
  });
/** A validated filing. */
export type CreateInitiativeBody = z.infer<typeof createInitiativeSchema>;

/** Path parameter of one initiative. */
export const initiativeParamsSchema = z.strictObject({
  id: z.string().regex(INITIATIVE_ID_PATTERN, 'Mã hồ sơ không hợp lệ'),
});

/** Filters and paging of the case list. */
export const listQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  status: z.enum(['OPEN', 'COMPLETED', 'REJECTED', 'WITHDRAWN', 'REVOKED']).optional(),
  unitId: z
    .string()
    .regex(/^[a-z0-9-]{2,64}$/, 'Mã đơn vị không hợp lệ')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** Validated list query. */
export type ListQuery = z.infer<typeof listQuerySchema>;
