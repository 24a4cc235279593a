/**
 * The dossier's schema (zod): the gateway validates filings with it and the web app checks its form with the same
 * rules before sending. Browser-safe: zod and pure domain rules only.
 */
import { z } from 'zod';
import { INITIATIVE_ID_PATTERN } from '../contracts/ids';
import { isNotInFuture, shareTotal, sharesSumTo100 } from '../domain/dossier';
import { vnDate } from '../domain/duration';
import { nfc } from '../domain/text';

// Vietnamese messages for zod's built-in checks: the person reading a 400 reads Vietnamese.
z.config(z.locales.vi());

/** Trimmed NFC text of at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max * 2, `Tối đa ${max} ký tự`)
    .transform((s) => nfc(s).trim())
    .pipe(z.string().min(1, 'Không được để trống').max(max, `Tối đa ${max} ký tự`));

/** A calendar date `YYYY-MM-DD` that exists (not 2026-02-30, not 0000-00-00). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900-01-01';
  }, 'Ngày không tồn tại');
/** A slug id of a unit, council or person. */
export const slug = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,63}$/, 'Mã không hợp lệ');
/** One author of the dossier. */
export const authorSchema = z.strictObject({
  personId: slug.optional(),
  fullName: text(120),
  birthDate: isoDate.optional(),
  workplace: text(200).optional(),
  jobTitle: text(120).optional(),
  qualification: text(120).optional(),
  sharePercent: z.number().gt(0, 'Tỷ lệ đóng góp phải lớn hơn 0').max(100, 'Tỷ lệ đóng góp tối đa 100%'),
});

const dossierFields = {
  title: text(300),
  unitId: slug,
  field: text(200),
  firstAppliedOn: isoDate,
  summary: text(5000),
  authors: z.array(authorSchema).min(1, 'Cần ít nhất một tác giả').max(20, 'Tối đa 20 tác giả'),
  addressee: text(300).optional(),
  investor: text(300).optional(),
  stateFunded: z.boolean().optional(),
  firstApplicationCompleted: z.boolean().optional(),
  remunerationApplies: z.boolean().optional(),
  confidentialInfo: text(5000).optional(),
  applicationConditions: text(5000).optional(),
  expectedBenefit: text(5000).optional(),
  firstApplicationParticipants: z.array(text(120)).max(50).optional(),
  description: z
    .strictObject({
      priorState: text(10000).optional(),
      purpose: text(10000).optional(),
      content: text(20000).optional(),
      applicability: text(10000).optional(),
      effectComparison: text(10000).optional(),
    })
    .optional(),
  attachmentRefs: z.array(text(200)).max(50).optional(),
};

/** Filing rules: shares sum to 100, first application within the year before filing (NĐ13 Art. 5.2), not in the future. */
function filingRules(
  d: { authors: { sharePercent: number }[]; firstAppliedOn: string },
  ctx: z.RefinementCtx,
): void {
  const shares = d.authors.map((a) => a.sharePercent);
  if (!sharesSumTo100(shares)) {
    ctx.addIssue({
      code: 'custom',
      path: ['authors'],
      message: `Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là ${shareTotal(shares)}%)`,
    });
  }
  const today = vnDate(Date.now());
  try {
    if (!isNotInFuture(d.firstAppliedOn, today)) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstAppliedOn'],
        message: 'Ngày áp dụng lần đầu không được ở tương lai',
      });
    }
  } catch {
    ctx.addIssue({ code: 'custom', path: ['firstAppliedOn'], message: 'Ngày không tồn tại' });
  }
}

/** The dossier of an amendment. */
export const dossierSchema = z.strictObject(dossierFields).superRefine(filingRules);

/** A filing: the dossier and an optional client-chosen id (for safe retries). */
export const createInitiativeSchema = z
  .strictObject({
    id: z.string().regex(INITIATIVE_ID_PATTERN, 'Mã hồ sơ gồm 6–64 chữ cái, chữ số, "-" hoặc "_"').optional(),
    ...dossierFields,
  })
  .superRefine(filingRules);
/** A validated filing. */
export type CreateInitiativeBody = z.infer<typeof createInitiativeSchema>;
