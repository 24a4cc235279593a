/** Pure filing rules of a dossier (process.md stage 1, legal-basis §2.3). */

/** Sum of contribution shares, rounded to hundredths so 33.33 + 33.33 + 33.34 is exactly 100. */
export function shareTotal(shares: readonly number[]): number {
  return Math.round(shares.reduce((sum, s) => sum + s * 100, 0)) / 100;
}

/** Co-author shares must sum to 100 % (NĐ13 Art. 5.3b asks for each co-author's share). */
export function sharesSumTo100(shares: readonly number[]): boolean {
  return shareTotal(shares) === 100;
}

/**
 * The right to request recognition lapses one year after first application (NĐ13 Art. 5.2).
 * Both dates are calendar dates (`YYYY-MM-DD`) in Vietnam time; the last day of the year is still in time.
 */
export function isWithinTimeBar(firstAppliedOn: string, filedOn: string): boolean {
  const first = parseIsoDate(firstAppliedOn);
  const filed = parseIsoDate(filedOn);
  const lastDay = new Date(Date.UTC(first.getUTCFullYear() + 1, first.getUTCMonth(), first.getUTCDate()));
  return filed.getTime() <= lastDay.getTime();
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
