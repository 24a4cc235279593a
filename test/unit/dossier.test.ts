import {
  isNotInFuture,
  isWithinTimeBar,
  shareTotal,
  sharesSumTo100,
  timeBarEnds,
} from '../../src/domain/dossier';
import { DEFAULT_RULE_PACK, VN_HOLIDAYS } from '../../src/domain/rule-pack';
import { vnDate } from '../../src/domain/duration';
import { foldVietnamese } from '../../src/domain/text';

describe('co-author shares', () => {
  test('when shares add up to 100 with decimals, then they are accepted', () => {
    expect(sharesSumTo100([33.33, 33.33, 33.34])).toBe(true);
    expect(sharesSumTo100([100])).toBe(true);
  });
  test('when shares add up to less or more than 100, then they are refused and the total is reported', () => {
    expect(sharesSumTo100([60, 30])).toBe(false);
    expect(sharesSumTo100([60, 50])).toBe(false);
    expect(shareTotal([0.1, 0.2])).toBe(0.3);
  });
});

// The rule pack's time bar: NĐ13 Art. 5.2, one year (DEFAULT_RULE_PACK.timeBar, 12 months).
const bar = DEFAULT_RULE_PACK.timeBar.value;
const days = VN_HOLIDAYS;

describe('one-year time bar (NĐ13 Art. 5.2)', () => {
  test('when filed on the anniversary of first application, then it is still in time', () => {
    expect(isWithinTimeBar('2025-11-26', '2026-11-26', bar, days)).toBe(true);
  });
  test('when filed the day after the anniversary, then it is time-barred', () => {
    expect(isWithinTimeBar('2025-11-26', '2026-11-27', bar, days)).toBe(false);
  });
  test('when first application is after filing, then it is refused as a future date', () => {
    expect(isNotInFuture('2026-11-27', '2026-11-26')).toBe(false);
    expect(isNotInFuture('2026-11-26', '2026-11-26')).toBe(true);
  });
  test('when a commune’s pack sets another time bar, then that one applies, and the last day is the anniversary', () => {
    expect(timeBarEnds('2024-02-29', bar, days)).toBe('2025-02-28');
    expect(isWithinTimeBar('2025-11-26', '2026-05-26', { months: 6 }, days)).toBe(true);
    expect(isWithinTimeBar('2025-11-26', '2026-05-27', { months: 6 }, days)).toBe(false);
    expect(timeBarEnds('2026-11-26', { days: 30 }, days)).toBe('2026-12-26');
  });
  test('when a date does not exist, then the rule raises instead of guessing', () => {
    expect(() => isWithinTimeBar('2026-02-30', '2026-03-01', bar, days)).toThrow(RangeError);
    expect(() => isWithinTimeBar('26/11/2026', '2026-03-01', bar, days)).toThrow(RangeError);
  });
});

describe('Vietnam calendar date', () => {
  test('when it is 18:00 UTC, then it is already the next day in Vietnam (UTC+7)', () => {
    expect(vnDate(Date.parse('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
    expect(vnDate(Date.parse('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  });
});

describe('accent folding for search', () => {
  test('when Vietnamese text is folded, then diacritics, đ and case are removed', () => {
    expect(foldVietnamese('Sáng kiến ĐỔI MỚI  quản lý')).toBe('sang kien doi moi quan ly');
  });
  test('when the same word arrives decomposed (NFD), then it folds the same as NFC', () => {
    const nfd = 'Hương Trà'.normalize('NFD');
    expect(foldVietnamese(nfd)).toBe(foldVietnamese('Hương Trà'));
  });
});
