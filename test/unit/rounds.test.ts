/** Rounds (src/domain/rounds.ts): which round takes a filing, the standing round, the refusal, a window's checks. */
import { roundLists, type RoundCase } from '../../src/documents/templates/rounds';
import {
  placeFiling,
  roundProblems,
  roundStatus,
  standingRoundId,
  type Round,
} from '../../src/domain/rounds';

const round = (over: Partial<Round>): Round => ({
  id: 'dot-1-2026',
  name: 'Đợt 1 năm 2026',
  opensOn: '2026-03-01',
  closesOn: '2026-05-31',
  unitIds: [],
  fields: [],
  rulePackVersion: null,
  closedEarlyOn: null,
  ...over,
});

test('a round is upcoming before its first day, open through its last, closed after it or after closing early', () => {
  const r = round({});
  expect(roundStatus(r, '2026-02-28')).toBe('UPCOMING');
  expect(roundStatus(r, '2026-03-01')).toBe('OPEN');
  expect(roundStatus(r, '2026-05-31')).toBe('OPEN');
  expect(roundStatus(r, '2026-06-01')).toBe('CLOSED');
  expect(roundStatus(round({ closedEarlyOn: '2026-04-10' }), '2026-04-10')).toBe('OPEN');
  expect(roundStatus(round({ closedEarlyOn: '2026-04-10' }), '2026-04-11')).toBe('CLOSED');
  // Closed before it opened: cancelled.
  expect(roundStatus(round({ closedEarlyOn: '2026-02-01' }), '2026-02-10')).toBe('CLOSED');
});

test('a filing goes into the open round covering its unit and field, compared without accents or case', () => {
  const rounds = [
    round({ id: 'giao-duc', fields: ['Giáo dục'], opensOn: '2026-03-01' }),
    round({ id: 'thcs', unitIds: ['u-thcs'], opensOn: '2026-04-01' }),
  ];
  const placed = (unit: string, field: string) => {
    const p = placeFiling(rounds, '2026-04-15', unit, field, false);
    return 'round' in p ? p.round.id : p.refused.code;
  };
  expect(placed('u-tram-yte', 'giao duc ')).toBe('giao-duc');
  // Both cover the school: the one opened last takes it.
  expect(placed('u-thcs', 'Giáo dục')).toBe('thcs');
  expect(placed('u-tram-yte', 'Y tế')).toBe('NO_OPEN_ROUND');
});

test('outside every open round, a filing goes into the standing round where the pack allows it, else it is refused and told when the next round opens', () => {
  const rounds = [round({ opensOn: '2026-09-01', closesOn: '2026-09-30' })];
  const standing = placeFiling(rounds, '2026-07-01', 'u-thcs', 'Giáo dục', true);
  expect('round' in standing && standing.round.id).toBe(standingRoundId(2026));
  const refused = placeFiling(rounds, '2026-07-01', 'u-thcs', 'Giáo dục', false);
  expect('refused' in refused && refused.refused.message).toContain(
    'Đợt 1 năm 2026 nhận hồ sơ từ 01/09/2026 đến 30/09/2026',
  );
  const none = placeFiling([], '2026-07-01', 'u-thcs', 'Giáo dục', false);
  expect('refused' in none && none.refused.message).toContain('lưu bản nháp');
});

test('a round needs a name and a window inside one year that does not end before it starts', () => {
  expect(roundProblems({ name: 'Đợt 2', opensOn: '2026-09-01', closesOn: '2026-09-30' })).toEqual([]);
  expect(roundProblems({ name: ' ', opensOn: '2026-09-30', closesOn: '2026-09-01' })).toHaveLength(2);
  expect(roundProblems({ name: 'Đợt 3', opensOn: '2026-12-01', closesOn: '2027-01-15' })).toHaveLength(1);
});

test('a round ends with each decided case in one list: recognised (and proposed to the province), or not, a revoked recognition among the latter', () => {
  const c = (id: string, over: Partial<RoundCase>): RoundCase => ({
    id,
    code: id,
    title: id,
    unitName: 'Trường THCS',
    authors: [],
    status: 'OPEN',
    meanScore: null,
    decisionOutcome: null,
    decisionNumber: null,
    decisionReasons: null,
    proposedScope: null,
    ...over,
  });
  const lists = roundLists([
    c('a', { status: 'COMPLETED', decisionOutcome: 'RECOGNISED', proposedScope: 'PROVINCE' }),
    c('b', { decisionOutcome: 'RECOGNISED', proposedScope: 'UNIT' }),
    c('c', { status: 'REJECTED', decisionOutcome: 'REFUSED' }),
    c('d', { status: 'REVOKED', decisionOutcome: 'RECOGNISED', proposedScope: 'PROVINCE' }),
    c('e', {}),
    c('f', { status: 'WITHDRAWN' }),
  ]);
  const ids = (xs: RoundCase[]) => xs.map((x) => x.id);
  expect(ids(lists.recognised)).toEqual(['a', 'b']);
  expect(ids(lists.province)).toEqual(['a']);
  expect(ids(lists.notRecognised)).toEqual(['c', 'd']);
  expect(ids(lists.pending)).toEqual(['e']);
});
