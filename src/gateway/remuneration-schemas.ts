/** Request and answer schemas of the remuneration routes (routes/remuneration.ts): one definition for validation and /openapi.json. */
import { z } from 'zod';
import { isoDate, text } from './schemas';

const vnd = z
  .number()
  .int('Số tiền tính bằng đồng, không có phần lẻ')
  .min(1, 'Số tiền phải lớn hơn 0')
  .max(1_000_000_000_000, 'Số tiền quá lớn');
const year = z.number().int().min(1, 'Năm áp dụng bắt đầu từ 1').max(10, 'Năm áp dụng không hợp lệ');
const actorSchema = z.object({ personId: z.string(), fullName: z.string() });
const figuresSchema = z.object({
  key: z.string(),
  personId: z.string().nullable(),
  fullName: z.string(),
  sharePercent: z.number(),
  owedVnd: z.number().nullable(),
  paidVnd: z.number(),
  outstandingVnd: z.number().nullable(),
});
const paymentSchema = z.object({
  seq: z.number(),
  year: z.number(),
  authorKey: z.string(),
  authorName: z.string(),
  amountVnd: z.number(),
  paidOn: z.string(),
  at: z.string(),
  by: actorSchema,
  evidence: z.object({
    reference: z.string().nullable(),
    attachment: z.object({ id: z.string(), filename: z.string() }).nullable(),
  }),
});
export const ledgerSchema = z.object({
  initiativeId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  unitId: z.string(),
  /** Whether the dossier says remuneration is owed (NĐ13 Art. 10), and whether the recognition set a schedule. */
  applies: z.boolean(),
  revoked: z.boolean(),
  basis: z.object({
    applicability: z.string(),
    percent: z.string(),
    floor: z.string(),
    dueDate: z.string(),
    split: z.string(),
  }),
  wageFloorMultiple: z.number(),
  reminderLeadDays: z.number(),
  /** The benefit the effect reports gave during tracking: a hint for year 1, not the year's confirmed benefit. */
  trackedBenefitVnd: z.number().nullable(),
  years: z.array(
    z.object({
      year: z.number(),
      periodFrom: z.string(),
      periodTo: z.string(),
      dueBy: z.string(),
      percentOfBenefit: z.number(),
      assessment: z
        .object({
          basis: z.enum(['BENEFIT', 'NOT_CALCULABLE']),
          benefitVnd: z.number().nullable(),
          referenceWageVnd: z.number().nullable(),
          minimumVnd: z.number(),
          amountVnd: z.number(),
          note: z.string().nullable(),
          at: z.string(),
          by: actorSchema,
        })
        .nullable(),
      owedVnd: z.number().nullable(),
      paidVnd: z.number(),
      outstandingVnd: z.number().nullable(),
      basisText: z.string().nullable(),
      status: z.enum(['NOT_ASSESSED', 'OUTSTANDING', 'PAID']),
      overdue: z.boolean(),
      dueSoon: z.boolean(),
      authors: z.array(figuresSchema),
    }),
  ),
  authors: z.array(figuresSchema),
  payments: z.array(paymentSchema),
  totals: z.object({ owedVnd: z.number(), paidVnd: z.number(), outstandingVnd: z.number() }),
  /** Every entry's hash verifies and chains to the one before. */
  verified: z.boolean(),
  /** Whether the person asking may set amounts and record payments (the head of the investing unit). */
  mayRecord: z.boolean(),
});

export const assessmentBody = z.discriminatedUnion('basis', [
  z.strictObject({
    year,
    basis: z.literal('BENEFIT'),
    benefitVnd: z
      .number()
      .int('Số tiền tính bằng đồng, không có phần lẻ')
      .min(0, 'Tiền làm lợi không âm')
      .max(1_000_000_000_000_000, 'Số tiền quá lớn'),
    amountVnd: vnd.optional(),
    note: text(1000).optional(),
  }),
  z.strictObject({
    year,
    basis: z.literal('NOT_CALCULABLE'),
    referenceWageVnd: vnd,
    amountVnd: vnd.optional(),
    note: text(1000).optional(),
  }),
]);

export const paymentBody = z
  .strictObject({
    year,
    authorKey: z.string().min(1).max(200),
    amountVnd: vnd,
    paidOn: isoDate,
    evidenceReference: text(500).optional(),
    evidenceAttachmentId: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{10,120}$/)
      .optional(),
  })
  .refine((b) => b.evidenceReference !== undefined || b.evidenceAttachmentId !== undefined, {
    message: 'Cần số chứng từ chi hoặc tệp chứng từ đính kèm',
    path: ['evidenceReference'],
  });

export const evidenceSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
