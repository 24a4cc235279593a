/**
 * Remuneration of the authors that is paid, not only computed (NĐ13 Art. 10; src/domain/remuneration.ts): the
 * ledger of a recognised case (each year's amount, split by share, what was paid, what is outstanding and overdue,
 * each figure with its legal basis), the head of the investing unit setting a year's amount and recording payments
 * with their evidence. Writes are refused with a Vietnamese problem and nothing written when they would overpay, when
 * the case has no schedule, or when the caller is not the payer; each is audited and idempotent by its key.
 */
import { z } from 'zod';
import type { Actor } from '../../contracts/initiative';
import type { CaseRecord } from '../../db/cases';
import { ledgerEntries, verifyLedger, type RemunerationEntry } from '../../db/remuneration';
import { COMMUNE_WIDE_ROLES } from '../../domain/access';
import {
  formatVnd,
  ledgerOf,
  minimumOwed,
  payeesOf,
  REMINDER_LEAD_DAYS,
  REMUNERATION_BASIS,
  WAGE_FLOOR_MULTIPLE,
  type Ledger,
} from '../../domain/remuneration';
import { assessmentRefusal, paymentRefusal, type Refusal } from '../../domain/remuneration-checks';
import { visibleCase } from '../cases';
import type { GatewayDeps } from '../deps';
import { asUnitHead } from '../lookups';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { initiativeParamsSchema } from '../schemas';
import { checkedFile } from './attachments';
import { assessmentBody, evidenceSchema, ledgerSchema, paymentBody } from '../remuneration-schemas';

/** Whether the person pays this case's remuneration: the head of the unit that applies it (the investor). */
function isPayer(actor: Actor, record: Pick<CaseRecord, 'unitId'>): boolean {
  return actor.roles.includes('UNIT_HEAD') && actor.unitIds.includes(record.unitId);
}

/** Who sees the figures: the authors and the filer, the paying unit's head and the commune's officers. */
function maySee(actor: Actor, record: CaseRecord): boolean {
  return (
    actor.roles.some((r) => COMMUNE_WIDE_ROLES.includes(r)) ||
    record.filedBy === actor.personId ||
    record.authorIds.includes(actor.personId) ||
    isPayer(actor, record)
  );
}

/** The schedule and payees of a case. */
function partsOf(record: CaseRecord) {
  return {
    schedule: record.state.remunerationSchedule ?? [],
    payees: payeesOf(record.state.dossier.authors),
    decidedAt: record.state.decision?.decidedAt ?? null,
  };
}

/** A case's ledger at an instant. */
export function ledgerOfCase(
  record: CaseRecord,
  stored: readonly RemunerationEntry[],
  now = Date.now(),
): Ledger {
  return ledgerOf({
    ...partsOf(record),
    entries: ledgerEntries(stored),
    now,
    revoked: record.status === 'REVOKED',
  });
}

function refusal(r: Refusal): ProblemError {
  return new ProblemError(r.status, r.code, r.message);
}

/** Remuneration routes. */
export function remunerationRoutes(deps: GatewayDeps): Route[] {
  /** The ledger as the person asking sees it. */
  async function view(record: CaseRecord, actor: Actor) {
    const stored = await deps.repos.remuneration.list(record._id);
    const ledger = ledgerOfCase(record, stored);
    const revoked = record.status === 'REVOKED';
    return {
      initiativeId: record._id,
      code: record.code ?? null,
      title: record.title,
      unitId: record.unitId,
      applies: ledger.years.length > 0 || record.state.dossier.remunerationApplies === true,
      revoked,
      basis: {
        applicability: REMUNERATION_BASIS.applicability,
        percent: REMUNERATION_BASIS.percent(ledger.years[0]?.percentOfBenefit ?? 7),
        floor: REMUNERATION_BASIS.floor,
        dueDate: REMUNERATION_BASIS.dueDate,
        split: REMUNERATION_BASIS.split,
      },
      wageFloorMultiple: WAGE_FLOOR_MULTIPLE,
      reminderLeadDays: record.state.remunerationSchedule[0]?.reminderLeadDays ?? REMINDER_LEAD_DAYS,
      trackedBenefitVnd: record.monetaryBenefitVnd ?? null,
      years: ledger.years.map((y) => ({
        ...y,
        assessment: y.assessment
          ? {
              basis: y.assessment.basis,
              benefitVnd: y.assessment.basis === 'BENEFIT' ? y.assessment.benefitVnd : null,
              referenceWageVnd:
                y.assessment.basis === 'NOT_CALCULABLE' ? y.assessment.referenceWageVnd : null,
              minimumVnd: y.assessment.minimumVnd,
              amountVnd: y.assessment.amountVnd,
              note: y.assessment.note,
              at: y.assessment.at,
              by: y.assessment.by,
            }
          : null,
      })),
      authors: ledger.authors,
      payments: ledger.payments.map((p) => ({
        seq: p.seq,
        year: p.year,
        authorKey: p.authorKey,
        authorName: p.authorName,
        amountVnd: p.amountVnd,
        paidOn: p.paidOn,
        at: p.at,
        by: p.by,
        evidence: p.evidence,
      })),
      totals: ledger.totals,
      verified: verifyLedger(record._id, stored),
      mayRecord:
        isPayer(actor, record) &&
        !record.authorIds.includes(actor.personId) &&
        ledger.years.length > 0 &&
        !revoked,
    };
  }

  /** The case, if the person pays its remuneration and it has a schedule still in force; refused otherwise. */
  async function payable(id: string, actor: Actor): Promise<{ record: CaseRecord; payer: Actor }> {
    const record = await visibleCase(deps, actor, id);
    if (!isPayer(actor, record))
      throw new ProblemError(
        403,
        'NOT_THE_PAYER',
        'Chỉ thủ trưởng đơn vị chủ đầu tư (đơn vị áp dụng sáng kiến) được xác định và ghi nhận chi trả thù lao.',
      );
    // An author does not set or pay their own remuneration: another head of the unit does.
    if (record.authorIds.includes(actor.personId))
      throw new ProblemError(
        403,
        'COI_AUTHOR_MAY_NOT_PAY',
        'Bạn là tác giả của sáng kiến này nên không xác định, không ghi nhận chi trả thù lao (xung đột lợi ích); một thủ trưởng khác của đơn vị thực hiện việc này.',
      );
    if (record.status === 'REVOKED')
      throw new ProblemError(
        409,
        'RECOGNITION_REVOKED',
        'Quyết định công nhận sáng kiến đã bị hủy bỏ: không ghi nhận thêm thù lao.',
      );
    if ((record.state.remunerationSchedule ?? []).length === 0)
      throw refusal({
        status: 409,
        code: 'NO_REMUNERATION_SCHEDULE',
        message:
          'Hồ sơ này không có lịch chi trả thù lao (sáng kiến chưa được công nhận hoặc không thuộc trường hợp phải trả thù lao theo Điều 10 Nghị định 13/2012/NĐ-CP).',
      });
    // The head acts in the office term the directory records for them today (refused without one).
    const payer = await asUnitHead(deps, actor, record.unitId);
    return { record, payer };
  }

  const by = (a: Actor) => ({ personId: a.personId, fullName: a.fullName });

  return [
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/remuneration',
      summary:
        'Thù lao cho tác giả (Điều 10 Nghị định 13/2012/NĐ-CP): số phải trả từng năm và từng tác giả, đã trả, còn phải trả, quá hạn, kèm căn cứ',
      tag: 'Thù lao',
      access: 'authenticated',
      params: initiativeParamsSchema,
      errors: [404],
      success: { status: 200, description: 'Sổ theo dõi thù lao của hồ sơ', schema: ledgerSchema },
      handler: async ({ params, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        if (!maySee(actor!, record))
          throw new ProblemError(
            403,
            'FORBIDDEN',
            'Chỉ tác giả, thủ trưởng đơn vị chi trả và cán bộ UBND xã xem được thù lao của sáng kiến.',
          );
        return { status: 200, body: await view(record, actor!) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/remuneration/assessments',
      summary:
        'Thủ trưởng đơn vị xác định số tiền thù lao của một năm: theo tiền làm lợi (≥ 7%), hoặc khi không tính được tiền làm lợi theo mức lương làm căn cứ (≥ 5 lần)',
      tag: 'Thù lao',
      access: ['UNIT_HEAD'],
      params: initiativeParamsSchema,
      body: assessmentBody,
      errors: [404, 409, 422],
      success: { status: 201, description: 'Đã xác định; sổ theo dõi thù lao mới', schema: ledgerSchema },
      handler: async ({ params, body, actor, idempotencyKey, req }) => {
        const { record, payer } = await payable(params.id, actor!);
        const basis =
          body.basis === 'BENEFIT'
            ? { basis: 'BENEFIT' as const, benefitVnd: body.benefitVnd }
            : { basis: 'NOT_CALCULABLE' as const, referenceWageVnd: body.referenceWageVnd };
        const result = await deps.repos.remuneration.append(
          record._id,
          idempotencyKey,
          (stored) =>
            assessmentRefusal(ledgerOfCase(record, stored), body.year, {
              ...basis,
              amountVnd: body.amountVnd,
            }),
          (seq) => {
            const y = record.state.remunerationSchedule.find((s) => s.year === body.year)!;
            const minimum = minimumOwed(basis, y.percentOfBenefit);
            return {
              seq,
              year: body.year,
              at: new Date().toISOString(),
              by: by(payer),
              kind: 'ASSESSMENT',
              assessment: { ...basis, amountVnd: body.amountVnd ?? minimum, note: body.note ?? null },
            };
          },
        );
        if ('refused' in result) throw refusal(result.refused);
        const e = result.entry;
        if (e.kind === 'ASSESSMENT')
          await deps.repos.audit.log({
            _id: `remuneration:${e._id}`,
            actorId: payer.personId,
            action: 'REMUNERATION_ASSESSED',
            target: record._id,
            details: { seq: e.seq, year: e.year, ...e.assessment },
            requestId: typeof req.id === 'string' ? req.id : null,
          });
        const after = await deps.repos.cases.findById(record._id);
        return { status: 201, body: await view(after ?? record, actor!) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/remuneration/evidence',
      summary:
        'Tải lên chứng từ chi trả thù lao (PDF, PNG, JPEG, DOCX, XLSX), trước khi ghi nhận khoản chi; loại tệp được kiểm tra theo nội dung',
      tag: 'Thù lao',
      access: ['UNIT_HEAD'],
      params: initiativeParamsSchema,
      multipart: { field: 'file', maxBytes: deps.attachments.maxFileBytes },
      body: z.strictObject({}),
      errors: [404, 409, 413, 415, 422],
      success: { status: 201, description: 'Đã lưu chứng từ', schema: evidenceSchema },
      handler: async ({ req, params, actor }) => {
        const { record, payer } = await payable(params.id, actor!);
        const file = await checkedFile(req.file, 'Chưa chọn tệp chứng từ (trường "file").');
        const { sha256, mime: contentType } = file;
        const id = `${record._id}:thu-lao:${sha256.slice(0, 32)}`;
        const filename = file.filename || 'chung-tu-chi';
        // Payment evidence names people and their accounts: kept confidential, readable by the case's participants.
        await deps.repos.attachments.store({
          _id: id,
          initiativeId: record._id,
          filename,
          contentType,
          size: file.size,
          sha256,
          confidential: true,
          uploadedBy: payer.personId,
          uploadedAt: new Date(),
          data: file.buffer,
        });
        return {
          status: 201,
          body: { id, filename, contentType, size: file.size, sha256 },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/remuneration/payments',
      summary:
        'Thủ trưởng đơn vị ghi nhận một khoản chi trả thù lao cho một tác giả (ngày, số tiền, chứng từ); không vượt quá số còn phải trả',
      tag: 'Thù lao',
      access: ['UNIT_HEAD'],
      params: initiativeParamsSchema,
      body: paymentBody,
      errors: [404, 409, 422],
      success: { status: 201, description: 'Đã ghi nhận; sổ theo dõi thù lao mới', schema: ledgerSchema },
      handler: async ({ params, body, actor, idempotencyKey, req }) => {
        const { record, payer } = await payable(params.id, actor!);
        let attachment: { id: string; filename: string } | null = null;
        if (body.evidenceAttachmentId) {
          const a = await deps.repos.attachments.model
            .findById(body.evidenceAttachmentId, { filename: 1, initiativeId: 1 })
            .lean<{ _id: string; filename: string; initiativeId: string }>()
            .exec();
          if (!a || a.initiativeId !== record._id || !a._id.startsWith(`${record._id}:thu-lao:`))
            throw new ProblemError(
              422,
              'EVIDENCE_NOT_FOUND',
              'Không tìm thấy tệp chứng từ đã tải lên cho hồ sơ này; tải tệp lên lại.',
            );
          attachment = { id: a._id, filename: a.filename };
        }
        const now = Date.now();
        const result = await deps.repos.remuneration.append(
          record._id,
          idempotencyKey,
          (stored) => paymentRefusal(ledgerOfCase(record, stored, now), body.year, body, now),
          (seq) => ({
            seq,
            year: body.year,
            at: new Date(now).toISOString(),
            by: by(payer),
            kind: 'PAYMENT',
            payment: {
              authorKey: body.authorKey,
              amountVnd: body.amountVnd,
              paidOn: body.paidOn,
              evidence: { reference: body.evidenceReference ?? null, attachment },
            },
          }),
        );
        if ('refused' in result) throw refusal(result.refused);
        const e = result.entry;
        if (e.kind === 'PAYMENT')
          await deps.repos.audit.log({
            _id: `remuneration:${e._id}`,
            actorId: payer.personId,
            action: 'REMUNERATION_PAID',
            target: record._id,
            details: {
              seq: e.seq,
              year: e.year,
              authorKey: e.payment.authorKey,
              amountVnd: e.payment.amountVnd,
              amount: formatVnd(e.payment.amountVnd),
              paidOn: e.payment.paidOn,
              evidence: e.payment.evidence,
            },
            requestId: typeof req.id === 'string' ? req.id : null,
          });
        const after = await deps.repos.cases.findById(record._id);
        return { status: 201, body: await view(after ?? record, actor!) };
      },
    }),
  ];
}
