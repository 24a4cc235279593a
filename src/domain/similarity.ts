/** Likely-duplicate detection for the formal check (NĐ13 Art. 4.1a): flags for the secretary, never a rejection. */
import { foldVietnamese } from './text';

const STOP = new Set([
  'va',
  'cua',
  'cho',
  'trong',
  'tai',
  'cac',
  'nhung',
  'voi',
  'de',
  've',
  'mot',
  'la',
  'o',
  'tu',
]);

function tokens(text: string): Set<string> {
  return new Set(
    foldVietnamese(text)
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 1 && !STOP.has(t)),
  );
}

/** Jaccard similarity of the meaningful words of two Vietnamese texts, ignoring diacritics and case (0..1). */
export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}
