/** Vietnamese text helpers: NFC normalisation and accent folding for diacritic-insensitive search. */

/** Normalises to NFC: the same word typed on different keyboards can arrive decomposed. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Lower-case, accent-free form ("Sáng kiến Đổi mới" → "sang kien doi moi") for search. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes a string for use inside a regular expression. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
