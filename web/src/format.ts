/** Vietnamese formats: dates dd/mm/yyyy and times HH:mm in Vietnam time, numbers "1.234,5", money "1.500.000 đ". */
const TZ = 'Asia/Ho_Chi_Minh';
const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TZ,
});
const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TZ,
});
const numberFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** `05/02/2026` for an ISO instant or a `YYYY-MM-DD` date (a plain date is not shifted by the time zone). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '—' : dateFmt.format(d);
}

/** `05/02/2026 14:30` in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '—' : `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

/** `1.234,5` */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : numberFmt.format(n);
}

/** `1.500.000 đ` (no decimals). */
export function formatMoney(vnd: number | null | undefined): string {
  return vnd === null || vnd === undefined ? '—' : `${numberFmt.format(Math.round(vnd))} đ`;
}

/** Today's date in Vietnam, `YYYY-MM-DD` (for date inputs). */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
}

/** Whole days from now until an instant (negative when past). */
export function daysUntil(iso: string): number {
  return Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000);
}

/** "còn 3 ngày", "hôm nay", "quá 2 ngày". */
export function dueLabel(iso: string | null | undefined): string {
  if (!iso) return 'Không có hạn';
  const d = daysUntil(iso);
  if (d < 0) return `Quá hạn ${-d} ngày`;
  if (d === 0) return 'Đến hạn hôm nay';
  return `Còn ${d} ngày`;
}

/** Folds Vietnamese diacritics for searching ("Sáng kiến" ~ "sang kien"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Dates written by the engine inside a sentence ("…trước 2027-03-03T17:00:00.000Z") shown the Vietnamese way. */
export function humanizeDates(text: string): string {
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g, (iso) => formatDate(iso))
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y: string, mo: string, d: string) => `${d}/${mo}/${y}`);
}
