/**
 * Remuneration of the authors (thù lao, NĐ13 Art. 10; legal-basis.md §6.2): what the investing unit owes each author
 * for each year of the schedule the recognition set, what it has paid, what is outstanding and what is overdue, each
 * figure with the rule it comes from. Pure: the ledger's entries and the case in, the figures out; the checks a new
 * assessment or payment must pass before it is written. Amounts are whole đồng.
 */
import { addVnMonths } from './duration';
import { foldVietnamese } from './text';

/** One year of the schedule the recognition wrote (InitiativeState.remunerationSchedule). */
export interface ScheduleYear {
  year: number;
  dueBy: string;
  percentOfBenefit: number;
  /** Days before `dueBy` that the payer is reminded, from the case's rule pack (absent: REMINDER_LEAD_DAYS). */
  reminderLeadDays?: number;
}

/** An author as the ledger names them: by account when they have one, else by name. */
export interface Payee {
  key: string;
  personId: string | null;
  fullName: string;
  sharePercent: number;
}

/** Who wrote an entry. */
export interface EntryActor {
  personId: string;
  fullName: string;
}

/** How the year's amount was set: from the year's benefit, or (benefit not calculable) from the wage floor. */
export type AssessmentBasis =
  { basis: 'BENEFIT'; benefitVnd: number } | { basis: 'NOT_CALCULABLE'; referenceWageVnd: number };

/** The year's amount as the investing unit set it. */
export type Assessment = AssessmentBasis & {
  /** The amount owed for the year to all authors together (at least the legal minimum). */
  amountVnd: number;
  note: string | null;
};

/** Evidence of a payment: a reference (voucher, transfer number) and/or an attached file. */
export interface PaymentEvidence {
  reference: string | null;
  attachment: { id: string; filename: string } | null;
}

/** A payment to one author for one year. */
export interface Payment {
  authorKey: string;
  amountVnd: number;
  /** The day it was paid, `YYYY-MM-DD`. */
  paidOn: string;
  evidence: PaymentEvidence;
}

/** One entry of a case's remuneration ledger, in order. */
export type LedgerEntry = { seq: number; year: number; at: string; by: EntryActor } & (
  { kind: 'ASSESSMENT'; assessment: Assessment } | { kind: 'PAYMENT'; payment: Payment }
);

/** Multiple of the minimum wage owed for a year whose benefit cannot be calculated (NĐ13 Art. 10). */
export const WAGE_FLOOR_MULTIPLE = 5;

/** The legal texts each figure rests on (legal-basis.md §6.2; the source there is tagged [S]). */
export const REMUNERATION_BASIS = {
  applicability:
    'Điều 10 Nghị định 13/2012/NĐ-CP: chủ đầu tư là tổ chức kinh tế hoặc đơn vị sự nghiệp có thu, hạch toán độc lập trả thù lao cho tác giả khi không có thỏa thuận khác.',
  percent: (pct: number) =>
    `Điều 10 Nghị định 13/2012/NĐ-CP: hằng năm không thấp hơn ${formatPercent(pct)}% tiền làm lợi thu được do áp dụng sáng kiến trong năm, trong 3 năm đầu áp dụng.`,
  floor: `Điều 10 Nghị định 13/2012/NĐ-CP: khi không tính được tiền làm lợi, không thấp hơn ${WAGE_FLOOR_MULTIPLE} lần mức lương tối thiểu chung tại thời điểm chi trả (mức lương làm căn cứ do đơn vị xác định).`,
  dueDate:
    'Điều 10 Nghị định 13/2012/NĐ-CP: chi trả trong thời hạn 01 tháng kể từ khi kết thúc mỗi năm áp dụng.',
  split:
    'Chia cho các tác giả theo tỷ lệ đóng góp ghi trong đơn yêu cầu công nhận sáng kiến (Phụ lục I Thông tư 18/2013/TT-BKHCN), khi không có thỏa thuận khác.',
} as const;

/** Days before a year's due date that the payer is reminded, on schedules made before the rule pack held it. */
export const REMINDER_LEAD_DAYS = 14;

function formatPercent(p: number): string {
  return String(p).replace('.', ',');
}

function formatVnd(n: number): string {
  return `${Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** The ledger's key of an author: their account, else their folded name. */
export function payeeKey(a: { personId?: string | null; fullName: string }): string {
  return a.personId ?? `ten:${foldVietnamese(a.fullName).replace(/ /g, '-')}`;
}

/** The authors of a dossier as payees. */
export function payeesOf(
  authors: readonly { personId?: string | null; fullName: string; sharePercent: number }[],
): Payee[] {
  return authors.map((a) => ({
    key: payeeKey(a),
    personId: a.personId ?? null,
    fullName: a.fullName,
    sharePercent: a.sharePercent,
  }));
}

/** The least a year may be assessed at: its percent of the benefit (rounded up to the đồng), or 5 × the wage. */
export function minimumOwed(a: AssessmentBasis, percentOfBenefit: number): number {
  if (a.basis === 'BENEFIT') {
    // Integer arithmetic on hundredths of a percent: 7% of 12.000.000 is exactly 840.000, not 840.000,0000001.
    const hundredths = Math.round(percentOfBenefit * 100);
    return Math.ceil((a.benefitVnd * hundredths) / 10_000);
  }
  return a.referenceWageVnd * WAGE_FLOOR_MULTIPLE;
}

/**
 * An amount split by the authors' shares, in whole đồng, summing exactly to the amount: each gets the floor of their
 * share, and the đồng left over go one each to the largest remainders (the earlier author first on a tie).
 */
export function splitByShare(amountVnd: number, payees: readonly Payee[]): Map<string, number> {
  const total = payees.reduce((s, p) => s + p.sharePercent, 0) || 1;
  const raw = payees.map((p, i) => {
    const exact = (amountVnd * p.sharePercent) / total;
    const floor = Math.floor(exact + 1e-9);
    return { key: p.key, i, floor, rest: exact - floor };
  });
  let left = amountVnd - raw.reduce((s, r) => s + r.floor, 0);
  for (const r of [...raw].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left <= 0) break;
    r.floor += 1;
    left -= 1;
  }
  return new Map(raw.map((r) => [r.key, r.floor]));
}

/** How a year's amount was reached, with its legal basis, in one sentence. */
export function assessmentBasisText(a: Assessment, percentOfBenefit: number): string {
  const minimum = minimumOwed(a, percentOfBenefit);
  const above =
    a.amountVnd > minimum ? `; đơn vị xác định ${formatVnd(a.amountVnd)}, cao hơn mức tối thiểu` : '';
  if (a.basis === 'BENEFIT')
    return `${formatPercent(percentOfBenefit)}% × tiền làm lợi ${formatVnd(a.benefitVnd)} = ${formatVnd(minimum)}${above}. Căn cứ ${REMUNERATION_BASIS.percent(percentOfBenefit)}`;
  return `${WAGE_FLOOR_MULTIPLE} × mức lương làm căn cứ ${formatVnd(a.referenceWageVnd)} = ${formatVnd(minimum)}${above}. Căn cứ ${REMUNERATION_BASIS.floor}`;
}

/** One author's figures for one year (or for the whole schedule). */
export interface AuthorFigures {
  key: string;
  personId: string | null;
  fullName: string;
  sharePercent: number;
  /** Null while the year's amount has not been set. */
  owedVnd: number | null;
  paidVnd: number;
  outstandingVnd: number | null;
}

/** The state of one year of the schedule. */
export type YearStatus = 'NOT_ASSESSED' | 'OUTSTANDING' | 'PAID';

/** One year of the ledger. */
export interface LedgerYear {
  year: number;
  /** The application year: from the recognition's anniversary to the next. */
  periodFrom: string;
  periodTo: string;
  dueBy: string;
  percentOfBenefit: number;
  assessment: (Assessment & { minimumVnd: number; at: string; by: EntryActor }) | null;
  owedVnd: number | null;
  paidVnd: number;
  outstandingVnd: number | null;
  /** How the amount owed was reached and on what legal basis; null until it is set. */
  basisText: string | null;
  status: YearStatus;
  /** Past the due date and not paid in full (or not even assessed). */
  overdue: boolean;
  /** Within the reminder lead before the due date and not paid in full. */
  dueSoon: boolean;
  authors: AuthorFigures[];
}

/** A case's whole ledger. */
export interface Ledger {
  years: LedgerYear[];
  /** Each author over the whole schedule (years not yet assessed count nothing owed). */
  authors: AuthorFigures[];
  payments: (Payment & { seq: number; year: number; at: string; by: EntryActor; authorName: string })[];
  totals: { owedVnd: number; paidVnd: number; outstandingVnd: number };
}

/** The ledger of a case at an instant: the latest assessment of each year, every payment, the figures. */
export function ledgerOf(input: {
  schedule: readonly ScheduleYear[];
  payees: readonly Payee[];
  decidedAt: string | null;
  entries: readonly LedgerEntry[];
  now: number;
  /** The recognition was revoked: nothing further falls due (what was owed and paid stays on record). */
  revoked?: boolean;
}): Ledger {
  const names = new Map(input.payees.map((p) => [p.key, p.fullName]));
  const decided = input.decidedAt ? Date.parse(input.decidedAt) : null;
  const years: LedgerYear[] = input.schedule.map((s) => {
    const entries = input.entries.filter((e) => e.year === s.year);
    const last = [...entries].reverse().find((e) => e.kind === 'ASSESSMENT');
    const assessment =
      last?.kind === 'ASSESSMENT'
        ? {
            ...last.assessment,
            minimumVnd: minimumOwed(last.assessment, s.percentOfBenefit),
            at: last.at,
            by: last.by,
          }
        : null;
    const shares = assessment ? splitByShare(assessment.amountVnd, input.payees) : null;
    const paidTo = new Map<string, number>();
    for (const e of entries)
      if (e.kind === 'PAYMENT')
        paidTo.set(e.payment.authorKey, (paidTo.get(e.payment.authorKey) ?? 0) + e.payment.amountVnd);
    const authors = input.payees.map((p) => {
      const owed = shares ? (shares.get(p.key) ?? 0) : null;
      const paid = paidTo.get(p.key) ?? 0;
      return {
        key: p.key,
        personId: p.personId,
        fullName: p.fullName,
        sharePercent: p.sharePercent,
        owedVnd: owed,
        paidVnd: paid,
        outstandingVnd: owed === null ? null : owed - paid,
      };
    });
    const paid = [...paidTo.values()].reduce((a, b) => a + b, 0);
    const owed = assessment?.amountVnd ?? null;
    const outstanding = owed === null ? null : owed - paid;
    const settled = outstanding !== null && outstanding <= 0;
    const due = Date.parse(s.dueBy);
    const lead = (s.reminderLeadDays ?? REMINDER_LEAD_DAYS) * 86_400_000;
    return {
      year: s.year,
      periodFrom: decided === null ? '' : new Date(addVnMonths(decided, 12 * (s.year - 1))).toISOString(),
      periodTo: decided === null ? '' : new Date(addVnMonths(decided, 12 * s.year)).toISOString(),
      dueBy: s.dueBy,
      percentOfBenefit: s.percentOfBenefit,
      assessment,
      owedVnd: owed,
      paidVnd: paid,
      outstandingVnd: outstanding,
      basisText: assessment ? assessmentBasisText(assessment, s.percentOfBenefit) : null,
      status: owed === null ? 'NOT_ASSESSED' : settled ? 'PAID' : 'OUTSTANDING',
      overdue: !input.revoked && !settled && input.now > due,
      dueSoon: !input.revoked && !settled && input.now <= due && input.now >= due - lead,
      authors,
    };
  });
  const authors = input.payees.map((p) => {
    const rows = years.map((y) => y.authors.find((a) => a.key === p.key)!);
    const owed = rows.reduce((s, r) => s + (r.owedVnd ?? 0), 0);
    const paid = rows.reduce((s, r) => s + r.paidVnd, 0);
    return {
      key: p.key,
      personId: p.personId,
      fullName: p.fullName,
      sharePercent: p.sharePercent,
      owedVnd: owed,
      paidVnd: paid,
      outstandingVnd: owed - paid,
    };
  });
  const payments = input.entries.flatMap((e) =>
    e.kind === 'PAYMENT'
      ? [
          {
            ...e.payment,
            seq: e.seq,
            year: e.year,
            at: e.at,
            by: e.by,
            authorName: names.get(e.payment.authorKey) ?? e.payment.authorKey,
          },
        ]
      : [],
  );
  const owedTotal = years.reduce((s, y) => s + (y.owedVnd ?? 0), 0);
  const paidTotal = years.reduce((s, y) => s + y.paidVnd, 0);
  return {
    years,
    authors,
    payments,
    totals: { owedVnd: owedTotal, paidVnd: paidTotal, outstandingVnd: owedTotal - paidTotal },
  };
}

export { formatPercent, formatVnd };
