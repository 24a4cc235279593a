/**
 * The checks a new entry of the remuneration ledger must pass (src/domain/remuneration.ts), each refusal with its code
 * and the Vietnamese sentence people read, and the reminders a ledger calls for. Pure.
 */
import { vnDate } from './duration';
import {
  formatPercent,
  formatVnd,
  minimumOwed,
  splitByShare,
  WAGE_FLOOR_MULTIPLE,
  type AssessmentBasis,
  type Ledger,
  type LedgerYear,
} from './remuneration';

/** Why a write is refused: a code and the Vietnamese sentence people read. */
export interface Refusal {
  status: 404 | 409 | 422;
  code: string;
  message: string;
}

const NO_SCHEDULE: Refusal = {
  status: 409,
  code: 'NO_REMUNERATION_SCHEDULE',
  message:
    'Hồ sơ này không có lịch chi trả thù lao (sáng kiến chưa được công nhận hoặc không thuộc trường hợp phải trả thù lao theo Điều 10 Nghị định 13/2012/NĐ-CP).',
};

function yearOf(ledger: Ledger, year: number): LedgerYear | Refusal {
  if (ledger.years.length === 0) return NO_SCHEDULE;
  const y = ledger.years.find((x) => x.year === year);
  return (
    y ?? {
      status: 422,
      code: 'REMUNERATION_YEAR_UNKNOWN',
      message: `Lịch chi trả thù lao chỉ có năm thứ 1 đến năm thứ ${ledger.years.length}.`,
    }
  );
}

/** Whether a year's amount may be set (or set again) as asked; null when it may. */
export function assessmentRefusal(
  ledger: Ledger,
  year: number,
  a: AssessmentBasis & { amountVnd?: number | undefined },
): Refusal | null {
  const y = yearOf(ledger, year);
  if ('code' in y) return y;
  const minimum = minimumOwed(a, y.percentOfBenefit);
  const amount = a.amountVnd ?? minimum;
  if (amount < minimum)
    return {
      status: 422,
      code: 'REMUNERATION_BELOW_MINIMUM',
      message: `Số tiền thù lao ${formatVnd(amount)} thấp hơn mức tối thiểu ${formatVnd(minimum)} (${
        a.basis === 'BENEFIT'
          ? `${formatPercent(y.percentOfBenefit)}% tiền làm lợi`
          : `${WAGE_FLOOR_MULTIPLE} lần mức lương làm căn cứ`
      }, Điều 10 Nghị định 13/2012/NĐ-CP).`,
    };
  if (amount < y.paidVnd)
    return {
      status: 409,
      code: 'REMUNERATION_BELOW_PAID',
      message: `Năm thứ ${year} đã chi ${formatVnd(y.paidVnd)}: số tiền thù lao không thể thấp hơn số đã chi.`,
    };
  // Split again, no author may end up owed less than they have already been paid.
  const shares = splitByShare(amount, y.authors);
  const under = y.authors.find((x) => (shares.get(x.key) ?? 0) < x.paidVnd);
  if (under)
    return {
      status: 409,
      code: 'REMUNERATION_BELOW_PAID',
      message: `Với số tiền này, phần của ${under.fullName} (${formatVnd(shares.get(under.key) ?? 0)}) thấp hơn số đã chi cho tác giả (${formatVnd(under.paidVnd)}).`,
    };
  return null;
}

/** Whether a payment may be recorded; null when it may. */
export function paymentRefusal(
  ledger: Ledger,
  year: number,
  p: { authorKey: string; amountVnd: number; paidOn: string },
  now: number,
): Refusal | null {
  const y = yearOf(ledger, year);
  if ('code' in y) return y;
  const author = y.authors.find((a) => a.key === p.authorKey);
  if (!author)
    return {
      status: 422,
      code: 'NOT_AN_AUTHOR',
      message: 'Người nhận không phải là tác giả của sáng kiến này.',
    };
  if (y.owedVnd === null || author.outstandingVnd === null)
    return {
      status: 409,
      code: 'REMUNERATION_NOT_ASSESSED',
      message: `Chưa xác định số tiền thù lao năm thứ ${year}: xác định tiền làm lợi (hoặc mức lương làm căn cứ) trước khi ghi nhận chi trả.`,
    };
  if (p.paidOn > vnDate(now))
    return {
      status: 422,
      code: 'PAYMENT_DATE_IN_FUTURE',
      message: 'Ngày chi trả không thể sau ngày hôm nay.',
    };
  if (p.amountVnd > author.outstandingVnd)
    return {
      status: 409,
      code: 'REMUNERATION_OVERPAYMENT',
      message:
        author.outstandingVnd <= 0
          ? `${author.fullName} đã được chi đủ thù lao năm thứ ${year} (${formatVnd(author.owedVnd ?? 0)}); không ghi nhận thêm.`
          : `Số tiền ${formatVnd(p.amountVnd)} vượt quá số còn phải trả cho ${author.fullName} năm thứ ${year} (${formatVnd(author.outstandingVnd)}).`,
    };
  return null;
}

/** A reminder a year calls for at an instant: shortly before its due date, or once it is overdue. */
export interface DueReminder {
  year: number;
  kind: 'DUE_SOON' | 'OVERDUE';
  dueBy: string;
  outstandingVnd: number | null;
}

/** The reminders a ledger calls for now (each is sent once: the caller keys it by case, year and kind). */
export function remindersDue(ledger: Ledger): DueReminder[] {
  return ledger.years.flatMap((y): DueReminder[] => {
    if (y.overdue)
      return [{ year: y.year, kind: 'OVERDUE', dueBy: y.dueBy, outstandingVnd: y.outstandingVnd }];
    if (y.dueSoon)
      return [{ year: y.year, kind: 'DUE_SOON', dueBy: y.dueBy, outstandingVnd: y.outstandingVnd }];
    return [];
  });
}
