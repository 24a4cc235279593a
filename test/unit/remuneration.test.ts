/**
 * The authors' remuneration (src/domain/remuneration.ts, remuneration-checks.ts): the year's amount from its benefit or the wage floor, the
 * split by share, what is outstanding and overdue, the checks a payment or an assessment must pass, and the reminders
 * a ledger calls for (src/notify/remuneration-reminders.ts). Pure rules.
 */
import {
  ledgerOf,
  minimumOwed,
  payeeKey,
  payeesOf,
  splitByShare,
  type LedgerEntry,
  type ScheduleYear,
} from '../../src/domain/remuneration';
import { assessmentRefusal, paymentRefusal, remindersDue } from '../../src/domain/remuneration-checks';
import { remunerationReminderDraft } from '../../src/notify/remuneration-reminders';

const decidedAt = '2026-03-10T03:00:00.000Z';
const schedule: ScheduleYear[] = [
  { year: 1, dueBy: '2027-04-09T17:00:00.000Z', percentOfBenefit: 7 },
  { year: 2, dueBy: '2028-04-09T17:00:00.000Z', percentOfBenefit: 7 },
  { year: 3, dueBy: '2029-04-09T17:00:00.000Z', percentOfBenefit: 7 },
];
const payees = payeesOf([
  { personId: 'p-tra', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
  { fullName: 'Lưu Văn Khánh', sharePercent: 30 },
]);
const head = { personId: 'p-ht-thcs', fullName: 'Lê Văn Hùng' };
const khanh = payeeKey({ fullName: 'Lưu Văn Khánh' });

let seq = 0;
const assess = (
  year: number,
  a: Extract<LedgerEntry, { kind: 'ASSESSMENT' }>['assessment'],
): LedgerEntry => ({
  seq: ++seq,
  year,
  at: '2027-03-20T03:00:00.000Z',
  by: head,
  kind: 'ASSESSMENT',
  assessment: a,
});
const pay = (year: number, authorKey: string, amountVnd: number): LedgerEntry => ({
  seq: ++seq,
  year,
  at: '2027-03-25T03:00:00.000Z',
  by: head,
  kind: 'PAYMENT',
  payment: { authorKey, amountVnd, paidOn: '2027-03-25', evidence: { reference: 'PC-01', attachment: null } },
});
const at = (iso: string) => Date.parse(iso);
const ledger = (entries: LedgerEntry[], now = at('2027-03-30T00:00:00Z')) =>
  ledgerOf({ schedule, payees, decidedAt, entries, now });

test('the year’s amount is its percent of the benefit, rounded up to the đồng, or five times the wage', () => {
  expect(minimumOwed({ basis: 'BENEFIT', benefitVnd: 12_000_000 }, 7)).toBe(840_000);
  // 7% of 1.234.567 is 86.419,69: never less than 7%, so 86.420.
  expect(minimumOwed({ basis: 'BENEFIT', benefitVnd: 1_234_567 }, 7)).toBe(86_420);
  expect(minimumOwed({ basis: 'BENEFIT', benefitVnd: 10_000_000 }, 7.5)).toBe(750_000);
  expect(minimumOwed({ basis: 'NOT_CALCULABLE', referenceWageVnd: 2_340_000 }, 7)).toBe(11_700_000);
});

test('an amount split by share sums exactly to the amount, the odd đồng to the largest remainder', () => {
  const three = payeesOf([
    { personId: 'a', fullName: 'A', sharePercent: 33.4 },
    { personId: 'b', fullName: 'B', sharePercent: 33.3 },
    { personId: 'c', fullName: 'C', sharePercent: 33.3 },
  ]);
  const split = splitByShare(100_001, three);
  expect([...split.values()].reduce((a, b) => a + b, 0)).toBe(100_001);
  expect(split.get('a')).toBe(33_401);
  expect(split.get('b')! + split.get('c')!).toBe(66_600);
  expect([...splitByShare(840_000, payees).values()]).toEqual([588_000, 252_000]);
});

test('before a year is assessed nothing is owed for it; once assessed, each author is owed their share', () => {
  let l = ledger([]);
  expect(l.years.map((y) => y.status)).toEqual(['NOT_ASSESSED', 'NOT_ASSESSED', 'NOT_ASSESSED']);
  expect(l.years[0]!.owedVnd).toBeNull();
  expect(l.years[0]!.periodFrom).toBe(decidedAt);
  expect(l.years[0]!.periodTo).toBe('2027-03-10T03:00:00.000Z');
  l = ledger([assess(1, { basis: 'BENEFIT', benefitVnd: 12_000_000, amountVnd: 840_000, note: null })]);
  const y1 = l.years[0]!;
  expect(y1).toMatchObject({ owedVnd: 840_000, paidVnd: 0, outstandingVnd: 840_000, status: 'OUTSTANDING' });
  expect(y1.authors.map((a) => [a.fullName, a.owedVnd])).toEqual([
    ['Nguyễn Thị Hương Trà', 588_000],
    ['Lưu Văn Khánh', 252_000],
  ]);
  expect(y1.basisText).toContain('7% × tiền làm lợi 12.000.000 đ = 840.000 đ');
  expect(y1.basisText).toContain('Nghị định 13/2012/NĐ-CP');
  const floor = ledger([
    assess(1, { basis: 'NOT_CALCULABLE', referenceWageVnd: 2_340_000, amountVnd: 11_700_000, note: null }),
  ]).years[0]!;
  expect(floor.basisText).toContain('5 × mức lương làm căn cứ 2.340.000 đ = 11.700.000 đ');
  expect(floor.basisText).toContain('không tính được tiền làm lợi');
});

test('payments lower what is outstanding per author and year; paid in full, the year is settled', () => {
  const a = assess(1, { basis: 'BENEFIT', benefitVnd: 12_000_000, amountVnd: 840_000, note: null });
  let l = ledger([a, pay(1, 'p-tra', 500_000)]);
  expect(l.years[0]!.authors[0]).toMatchObject({
    owedVnd: 588_000,
    paidVnd: 500_000,
    outstandingVnd: 88_000,
  });
  expect(l.years[0]!.outstandingVnd).toBe(340_000);
  expect(l.totals).toEqual({ owedVnd: 840_000, paidVnd: 500_000, outstandingVnd: 340_000 });
  expect(l.payments[0]).toMatchObject({ authorName: 'Nguyễn Thị Hương Trà', amountVnd: 500_000, year: 1 });
  l = ledger([a, pay(1, 'p-tra', 588_000), pay(1, khanh, 252_000)]);
  expect(l.years[0]!.status).toBe('PAID');
  expect(l.authors.find((x) => x.key === khanh)).toMatchObject({ owedVnd: 252_000, outstandingVnd: 0 });
});

test('a year past its due date and not paid in full is overdue; within the pack’s lead (14 days unless it says) of it, due soon', () => {
  const a = assess(1, { basis: 'BENEFIT', benefitVnd: 12_000_000, amountVnd: 840_000, note: null });
  expect(ledger([a], at('2027-03-20T00:00:00Z')).years[0]).toMatchObject({ dueSoon: false, overdue: false });
  expect(ledger([a], at('2027-03-30T00:00:00Z')).years[0]).toMatchObject({ dueSoon: true, overdue: false });
  expect(ledger([a], at('2027-04-10T00:00:00Z')).years[0]).toMatchObject({ dueSoon: false, overdue: true });
  // A pack with a longer lead reminds earlier: 30 days before, 20 March is due soon.
  const early = schedule.map((y) => ({ ...y, reminderLeadDays: 30 }));
  expect(
    ledgerOf({ schedule: early, payees, decidedAt, entries: [a], now: at('2027-03-20T00:00:00Z') }).years[0],
  ).toMatchObject({ dueSoon: true });
  // Not assessed at all is overdue too; paid in full is neither.
  expect(ledger([], at('2027-04-10T00:00:00Z')).years[0]!.overdue).toBe(true);
  const paid = [a, pay(1, 'p-tra', 588_000), pay(1, khanh, 252_000)];
  expect(ledger(paid, at('2027-04-10T00:00:00Z')).years[0]!.overdue).toBe(false);
  // A revoked recognition: nothing further falls due.
  expect(
    ledgerOf({ schedule, payees, decidedAt, entries: [a], now: at('2027-04-10T00:00:00Z'), revoked: true })
      .years[0]!.overdue,
  ).toBe(false);
});

test('a payment over what is outstanding, before the year is assessed, to a non-author or without a schedule is refused', () => {
  const now = at('2027-03-30T00:00:00Z');
  const a = assess(1, { basis: 'BENEFIT', benefitVnd: 12_000_000, amountVnd: 840_000, note: null });
  const p = (authorKey: string, amountVnd: number, paidOn = '2027-03-28') => ({
    authorKey,
    amountVnd,
    paidOn,
  });
  expect(paymentRefusal(ledger([]), 1, p('p-tra', 1), now)?.code).toBe('REMUNERATION_NOT_ASSESSED');
  expect(paymentRefusal(ledger([a]), 1, p('p-tra', 588_000), now)).toBeNull();
  const over = paymentRefusal(ledger([a, pay(1, 'p-tra', 500_000)]), 1, p('p-tra', 88_001), now);
  expect(over).toMatchObject({ status: 409, code: 'REMUNERATION_OVERPAYMENT' });
  expect(over!.message).toContain('88.000 đ');
  expect(paymentRefusal(ledger([a]), 1, p('p-nguoi-ngoai', 1), now)?.code).toBe('NOT_AN_AUTHOR');
  expect(paymentRefusal(ledger([a]), 4, p('p-tra', 1), now)?.code).toBe('REMUNERATION_YEAR_UNKNOWN');
  expect(paymentRefusal(ledger([a]), 1, p('p-tra', 1, '2027-04-01'), now)?.code).toBe(
    'PAYMENT_DATE_IN_FUTURE',
  );
  const none = ledgerOf({ schedule: [], payees, decidedAt, entries: [], now });
  expect(paymentRefusal(none, 1, p('p-tra', 1), now)).toMatchObject({ code: 'NO_REMUNERATION_SCHEDULE' });
});

test('an amount below the legal minimum, or below what was already paid, is refused', () => {
  const a = assess(1, { basis: 'BENEFIT', benefitVnd: 12_000_000, amountVnd: 840_000, note: null });
  const below = assessmentRefusal(ledger([]), 1, {
    basis: 'BENEFIT',
    benefitVnd: 12_000_000,
    amountVnd: 800_000,
  });
  expect(below).toMatchObject({ code: 'REMUNERATION_BELOW_MINIMUM' });
  expect(below!.message).toContain('840.000 đ');
  expect(
    assessmentRefusal(ledger([]), 1, { basis: 'NOT_CALCULABLE', referenceWageVnd: 2_340_000 }),
  ).toBeNull();
  // Paid 588.000 to Trà already: a new benefit that gives her less is refused.
  const paid = ledger([a, pay(1, 'p-tra', 588_000)]);
  expect(assessmentRefusal(paid, 1, { basis: 'BENEFIT', benefitVnd: 10_000_000 })?.code).toBe(
    'REMUNERATION_BELOW_PAID',
  );
  expect(assessmentRefusal(paid, 1, { basis: 'BENEFIT', benefitVnd: 20_000_000 })).toBeNull();
});

test('the reminders: due soon to the unit head before the due date, overdue after it, keyed by case, year and kind', () => {
  const a = assess(1, { basis: 'BENEFIT', benefitVnd: 12_000_000, amountVnd: 840_000, note: null });
  expect(remindersDue(ledger([a], at('2027-03-01T00:00:00Z')))).toEqual([]);
  const soon = remindersDue(ledger([a], at('2027-03-30T00:00:00Z')));
  expect(soon).toEqual([{ year: 1, kind: 'DUE_SOON', dueBy: schedule[0]!.dueBy, outstandingVnd: 840_000 }]);
  const late = remindersDue(ledger([], at('2027-04-10T00:00:00Z')));
  expect(late.map((r) => r.kind)).toEqual(['OVERDUE']);
  const draft = remunerationReminderDraft('c1', 'truong-thcs', soon[0]!, new Date('2027-03-30T00:00:00Z'));
  expect(draft).toMatchObject({
    key: 'remuneration:c1:1:DUE_SOON',
    kind: 'REMINDER',
    to: { role: 'UNIT_HEAD', unitId: 'truong-thcs' },
    dueAt: schedule[0]!.dueBy,
  });
  expect(draft.lines.join(' ')).toContain('Số còn phải trả: 840.000 đ');
  expect(draft.lines.join(' ')).toContain('09/04/2027');
  const overdue = remunerationReminderDraft('c1', 'truong-thcs', late[0]!, new Date());
  expect(overdue.key).toBe('remuneration:c1:1:OVERDUE');
  expect(overdue.lines.join(' ')).toContain('chưa xác định số tiền thù lao');
});
