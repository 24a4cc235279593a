/** Pure filing rules of a dossier (process.md stage 1, legal-basis §2.3). */
import { addDuration, vnDate, vnStartOfDay, type Duration, type HolidayTable } from './duration';

/** Sum of contribution shares, rounded to hundredths so 33.33 + 33.33 + 33.34 is exactly 100. */
export function shareTotal(shares: readonly number[]): number {
  return Math.round(shares.reduce((sum, s) => sum + s * 100, 0)) / 100;
}

/** Co-author shares must sum to 100 % (NĐ13 Art. 5.3b asks for each co-author's share). */
export function sharesSumTo100(shares: readonly number[]): boolean {
  return shareTotal(shares) === 100;
}

/**
 * The last day on which recognition may be requested: the rule pack's time bar after first application (NĐ13
 * Art. 5.2: one year), the anniversary itself still in time. Dates are calendar dates (`YYYY-MM-DD`) in Vietnam.
 */
export function timeBarEnds(firstAppliedOn: string, timeBar: Duration, holidays: HolidayTable): string {
  parseIsoDate(firstAppliedOn);
  // From the end of the day of first application, so months land on the anniversary and days count from the next.
  const endOfFirstDay = vnStartOfDay(firstAppliedOn) + 86_400_000 - 1;
  return vnDate(addDuration(endOfFirstDay, timeBar, holidays) - 1);
}

/** Whether a filing on `filedOn` is within the time bar (see timeBarEnds). */
export function isWithinTimeBar(
  firstAppliedOn: string,
  filedOn: string,
  timeBar: Duration,
  holidays: HolidayTable,
): boolean {
  parseIsoDate(filedOn);
  return filedOn <= timeBarEnds(firstAppliedOn, timeBar, holidays);
}

/** First application cannot lie in the future of the filing date. */
export function isNotInFuture(firstAppliedOn: string, filedOn: string): boolean {
  return parseIsoDate(firstAppliedOn).getTime() <= parseIsoDate(filedOn).getTime();
}

function parseIsoDate(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1) throw new RangeError(`no such date: ${date}`);
  return d;
}
