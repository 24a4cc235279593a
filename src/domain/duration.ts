/** Durations of the process and the Vietnamese business calendar (pure, workflow-safe). */

/**
 * A period as the rules state it: working days (SLAs), calendar days, calendar months (legal periods, NĐ13 Art. 7.1)
 * or seconds (for short test packs and sub-day policies).
 */
export type Duration = { workingDays: number } | { days: number } | { months: number } | { seconds: number };

/** Official days off of one year (`YYYY-MM-DD`, Vietnam time), as announced by the government. */
export type HolidayTable = Record<string, readonly string[]>;

/** Raised when a period needs a year whose holiday table the rule pack lacks: never guess a calendar. */
export class CalendarGapError extends Error {
  constructor(readonly year: number) {
    super(`no official holiday table for ${year} in the rule pack`);
    this.name = 'CalendarGapError';
  }
}

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** Vietnam-time calendar date (`YYYY-MM-DD`) of an instant. */
export function vnDate(instantMs: number): string {
  return new Date(instantMs + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date a person reads (`dd/mm/yyyy`, Vietnam time) of the day a due instant ends: the day before midnight. */
export function vnDueDay(dueMs: number): string {
  const [y, m, d] = vnDate(dueMs - 1).split('-');
  return `${d}/${m}/${y}`;
}

/** The year in Vietnam of an instant: a register, a number series, an achievement or a list by year. */
export function vnYear(instantMs: number): number {
  return Number(vnDate(instantMs).slice(0, 4));
}

/** The instant at which a Vietnam-time calendar date starts (00:00 UTC+7). */
export function vnStartOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00+07:00`);
}

/** True for Monday–Friday that is not an official day off; throws CalendarGapError for a year without a table. */
export function isWorkingDay(date: string, holidays: HolidayTable): boolean {
  const year = date.slice(0, 4);
  const table = holidays[year];
  if (!table) throw new CalendarGapError(Number(year));
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !table.includes(date);
}

/**
 * When a period that starts at `fromMs` ends. Working days: the end of the n-th working day after the start day
 * (the start day itself does not count). A period that starts at midnight in Vietnam starts at the end of the day
 * before: an extension of a due date "at the end of 16/12" counts from 17/12, the day after the old due date. Months: the same clock time n calendar months later in Vietnam time, on the
 * month's last day when the day does not exist (31/1 + 1 month = 28 or 29/2).
 */
export function addDuration(fromMs: number, d: Duration, holidays: HolidayTable): number {
  if ('seconds' in d) return fromMs + d.seconds * 1000;
  if ('days' in d) return fromMs + d.days * DAY_MS;
  if ('months' in d) return addVnMonths(fromMs, d.months);
  let date = vnDate(fromMs - 1);
  let left = d.workingDays;
  while (left > 0) {
    date = vnDate(vnStartOfDay(date) + DAY_MS + 1);
    if (isWorkingDay(date, holidays)) left--;
  }
  // The end of that working day is the start of the next calendar day in Vietnam.
  return vnStartOfDay(date) + DAY_MS;
}

/**
 * The instant a period before `dueMs` begins: a reminder "3 working days before" a due date at the end of a working
 * day D falls at the end of the third working day before D. Months and days count back on the calendar.
 */
export function subtractDuration(dueMs: number, d: Duration, holidays: HolidayTable): number {
  if ('seconds' in d) return dueMs - d.seconds * 1000;
  if ('days' in d) return dueMs - d.days * DAY_MS;
  if ('months' in d) return addVnMonths(dueMs, -d.months);
  let date = vnDate(dueMs - 1);
  let left = d.workingDays;
  while (left > 0) {
    date = vnDate(vnStartOfDay(date) - 1);
    if (isWorkingDay(date, holidays)) left--;
  }
  return vnStartOfDay(date) + DAY_MS;
}

/** The table with each year from `fromYear` to `toYear` that has none counted as Monday–Friday, without days off. */
export function weekdaysWhereMissing(holidays: HolidayTable, fromYear: number, toYear: number): HolidayTable {
  const filled: Record<string, readonly string[]> = { ...holidays };
  for (let y = fromYear; y <= toYear; y++) filled[String(y)] ??= [];
  return filled;
}

/** Adds calendar months in Vietnam time, clamping to the last day of the target month. */
export function addVnMonths(fromMs: number, months: number): number {
  const local = new Date(fromMs + VN_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(
    y,
    m,
    day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return shifted - VN_OFFSET_MS;
}

/** The instants at which reminders fall: each fraction of the period from `startMs` to `dueMs`. */
export function reminderInstants(startMs: number, dueMs: number, fractions: readonly number[]): number[] {
  return fractions
    .map((f) => Math.round(startMs + (dueMs - startMs) * f))
    .filter((t) => t > startMs && t < dueMs);
}

/** Vietnamese words for a duration, for reasons and notices (e.g. "10 ngày làm việc"). */
export function describeDuration(d: Duration): string {
  if ('workingDays' in d) return `${d.workingDays} ngày làm việc`;
  if ('days' in d) return `${d.days} ngày`;
  if ('months' in d) return `${d.months} tháng`;
  return `${d.seconds} giây`;
}

/**
 * Whole working days between two instants (Vietnam dates, the start day not counted). A year without a holiday table
 * counts Monday–Friday only and says so, for "idle for N working days" filters that must not fail.
 */
export function workingDaysBetween(
  fromMs: number,
  toMs: number,
  holidays: HolidayTable,
): { days: number; approximate: boolean } {
  let approximate = false;
  let days = 0;
  let date = vnDate(fromMs);
  const end = vnDate(toMs);
  for (let guard = 0; date < end && guard < 5000; guard++) {
    date = vnDate(vnStartOfDay(date) + DAY_MS + 1);
    try {
      if (isWorkingDay(date, holidays)) days++;
    } catch {
      approximate = true;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) days++;
    }
  }
  return { days, approximate };
}
