import {
  addDuration,
  addVnMonths,
  CalendarGapError,
  isWorkingDay,
  reminderInstants,
  subtractDuration,
  vnDate,
  vnStartOfDay,
  weekdaysWhereMissing,
} from '../../src/domain/duration';
import { VN_HOLIDAYS } from '../../src/domain/rule-pack';

const at = (iso: string) => Date.parse(iso);

describe('Vietnamese working days', () => {
  test('when a day is a weekend or an official holiday, then it is not a working day', () => {
    expect(isWorkingDay('2026-11-28', VN_HOLIDAYS)).toBe(false); // Saturday
    expect(isWorkingDay('2026-09-02', VN_HOLIDAYS)).toBe(false); // Quốc khánh
    expect(isWorkingDay('2026-11-26', VN_HOLIDAYS)).toBe(true); // Thursday
  });

  test('when 10 working days start on a Thursday, then they end at the end of the second Thursday after', () => {
    const due = addDuration(at('2026-11-26T09:00:00+07:00'), { workingDays: 10 }, VN_HOLIDAYS);
    expect(vnDate(due - 1)).toBe('2026-12-10');
    expect(new Date(due).toISOString()).toBe('2026-12-10T17:00:00.000Z'); // 00:00 on 11/12 in Vietnam
  });

  test('when a period spans Tết 2026, then the nine days off are skipped', () => {
    // Friday 13/2/2026 + 1 working day: 14–22/2 are all off, so the next working day is Monday 23/2.
    const due = addDuration(at('2026-02-13T10:00:00+07:00'), { workingDays: 1 }, VN_HOLIDAYS);
    expect(vnDate(due - 1)).toBe('2026-02-23');
  });

  test('when a due date at the end of 16/12/2026 is extended by 15 working days, then the count starts on 17/12', () => {
    // Counted by hand: 17, 18, 21–25, 28–31 December (11); 1/1/2027 off, 2–3/1 weekend; 4, 5, 6, 7 January (15).
    const holidays = { ...VN_HOLIDAYS, '2027': ['2027-01-01'] };
    const oldDue = addDuration(at('2026-12-02T10:00:00+07:00'), { workingDays: 10 }, holidays);
    expect(vnDate(oldDue - 1)).toBe('2026-12-16');
    const extended = addDuration(oldDue, { workingDays: 15 }, holidays);
    expect(vnDate(extended - 1)).toBe('2027-01-07');
    expect(new Date(extended).toISOString()).toBe('2027-01-07T17:00:00.000Z');
  });

  test('when working days are counted over the year boundary, then each count matches a count day by day', () => {
    // An independent count: walk the calendar one day at a time, skipping weekends and the listed days off.
    const holidays = { ...VN_HOLIDAYS, '2027': ['2027-01-01'] };
    const off = new Set([...VN_HOLIDAYS['2026']!, '2027-01-01']);
    const byHand = (startDate: string, n: number) => {
      const d = new Date(`${startDate}T00:00:00Z`);
      while (n > 0) {
        d.setUTCDate(d.getUTCDate() + 1);
        const iso = d.toISOString().slice(0, 10);
        if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !off.has(iso)) n--;
      }
      return d.toISOString().slice(0, 10);
    };
    for (const start of ['2026-12-01', '2026-12-16', '2026-12-24', '2026-12-31'])
      for (const n of [1, 5, 10, 15, 20]) {
        const fromFiling = addDuration(at(`${start}T15:30:00+07:00`), { workingDays: n }, holidays);
        expect([start, n, vnDate(fromFiling - 1)]).toEqual([start, n, byHand(start, n)]);
        const fromMidnight = addDuration(vnStartOfDay(start) + 86_400_000, { workingDays: n }, holidays);
        expect([start, n, vnDate(fromMidnight - 1)]).toEqual([start, n, byHand(start, n)]);
      }
  });

  test('when a period reaches a year without a holiday table, then it fails instead of guessing', () => {
    expect(() => addDuration(at('2027-12-20T09:00:00+07:00'), { workingDays: 15 }, VN_HOLIDAYS)).toThrow(
      CalendarGapError,
    );
    try {
      addDuration(at('2027-12-20T09:00:00+07:00'), { workingDays: 15 }, VN_HOLIDAYS);
    } catch (err) {
      expect((err as CalendarGapError).year).toBe(2028);
    }
  });
});

describe('calendar months in Vietnam time (NĐ13 Art. 7.1)', () => {
  test('when 3 months are added, then the same clock time three months later is due', () => {
    expect(new Date(addVnMonths(at('2026-11-26T09:00:00+07:00'), 3)).toISOString()).toBe(
      '2027-02-26T02:00:00.000Z',
    );
  });
  test('when the day does not exist in the target month, then the month’s last day is used', () => {
    expect(vnDate(addVnMonths(at('2026-11-30T09:00:00+07:00'), 3))).toBe('2027-02-28');
  });
  test('when it is late evening UTC, then months are counted from the Vietnamese date', () => {
    // 31/1 20:00 UTC is already 1/2 in Vietnam: one month later is 1/3, not 28/2.
    expect(vnDate(addVnMonths(at('2026-01-31T20:00:00Z'), 1))).toBe('2026-03-01');
  });
});

describe('reminder points', () => {
  test('when reminders are at 50% and 80%, then they fall at those fractions of the period', () => {
    expect(reminderInstants(0, 1000, [0.5, 0.8])).toEqual([500, 800]);
  });
});

describe('holiday tables', () => {
  test('when the pack ships, then 2026 and 2027 have tables and every listed day is a weekday', () => {
    for (const year of ['2026', '2027']) {
      const days = VN_HOLIDAYS[year]!;
      expect(days.length).toBeGreaterThanOrEqual(10);
      for (const d of days) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });
});

describe("periods before a due date (the pack's reportReminderLead: 3 working days, commune policy)", () => {
  const endOf = (date: string) => vnStartOfDay(date) + 86_400_000;
  it('counts working days back over a weekend and a holiday', () => {
    // Due at the end of Monday 4/1/2027; back over the weekend 2–3/1 and the holiday 1/1: Thu 31/12, Wed 30/12, Tue 29/12.
    expect(subtractDuration(endOf('2027-01-04'), { workingDays: 3 }, VN_HOLIDAYS)).toBe(endOf('2026-12-29'));
    // The inverse: 3 working days after the end of 29/12 end on 4/1.
    expect(addDuration(endOf('2026-12-29'), { workingDays: 3 }, VN_HOLIDAYS)).toBe(endOf('2027-01-04'));
  });
  it('counts calendar months and days back in Vietnam time', () => {
    expect(subtractDuration(endOf('2027-03-31'), { months: 1 }, VN_HOLIDAYS)).toBe(endOf('2027-02-28'));
    expect(subtractDuration(endOf('2027-01-04'), { days: 3 }, VN_HOLIDAYS)).toBe(endOf('2027-01-01'));
  });
  it('refuses to guess a year without a table, unless weekdays are asked for', () => {
    expect(() => subtractDuration(endOf('2029-01-10'), { workingDays: 3 }, VN_HOLIDAYS)).toThrow(
      CalendarGapError,
    );
    const filled = weekdaysWhereMissing(VN_HOLIDAYS, 2028, 2029);
    expect(subtractDuration(endOf('2029-01-10'), { workingDays: 3 }, filled)).toBe(endOf('2029-01-05'));
    expect(filled['2027']).toBe(VN_HOLIDAYS['2027']);
  });
});
