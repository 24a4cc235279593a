import {
  ballotProblem,
  checkScores,
  meetingOutcome,
  reaches,
  recusedMembers,
  type CouncilMember,
} from '../../src/domain/council';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { similarity } from '../../src/domain/similarity';

const members: CouncilMember[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => ({
  personId: p,
  fullName: p,
  position: 'MEMBER',
}));
const rubric = DEFAULT_RULE_PACK.rubric.value;
const base = {
  members,
  recused: [] as string[],
  totals: [80, 85, 90],
  quorumFraction: 2 / 3,
  approvalFraction: 2 / 3,
  recusedLeaveDenominator: false,
  passMark: 70,
};

describe('2/3 thresholds', () => {
  test('when counting thirds, then 4 of 6 and 5 of 7 reach 2/3 and 3 of 6 does not', () => {
    expect(reaches(4, 6, 2 / 3)).toBe(true);
    expect(reaches(3, 6, 2 / 3)).toBe(false);
    expect(reaches(5, 7, 2 / 3)).toBe(true);
    expect(reaches(4, 7, 2 / 3)).toBe(false);
  });
});

describe('meeting outcome', () => {
  test('when fewer than 2/3 of members attend, then there is no quorum', () => {
    expect(meetingOutcome({ ...base, present: ['a', 'b', 'c'], votes: {} })).toEqual({
      kind: 'NO_QUORUM',
      present: 3,
      required: 4,
    });
  });
  test('when 4 of 6 members agree and the mean passes, then the council recommends (2/3 of all members, TT18 Art. 8)', () => {
    const votes = { a: 'AGREE', b: 'AGREE', c: 'AGREE', d: 'AGREE', e: 'DISAGREE' } as const;
    expect(meetingOutcome({ ...base, present: ['a', 'b', 'c', 'd', 'e'], votes })).toMatchObject({
      kind: 'RECOMMENDED',
      agree: 4,
      required: 4,
      mean: 85,
    });
  });
  test('when 4 of 5 present agree but only 4 of 7 members, then it is not 2/3 of all members', () => {
    const seven = [...members, { personId: 'g', fullName: 'g', position: 'MEMBER' as const }];
    const votes = { a: 'AGREE', b: 'AGREE', c: 'AGREE', d: 'AGREE', e: 'ABSTAIN' } as const;
    expect(meetingOutcome({ ...base, members: seven, present: ['a', 'b', 'c', 'd', 'e'], votes }).kind).toBe(
      'NOT_RECOMMENDED',
    );
  });
  test('when the mean is below the pass mark, then a unanimous vote does not recommend', () => {
    const votes = { a: 'AGREE', b: 'AGREE', c: 'AGREE', d: 'AGREE', e: 'AGREE', f: 'AGREE' } as const;
    expect(
      meetingOutcome({ ...base, totals: [60, 65], present: ['a', 'b', 'c', 'd', 'e', 'f'], votes }).kind,
    ).toBe('NOT_RECOMMENDED');
  });
  test('when a recused author votes, then the vote does not count', () => {
    const votes = { a: 'AGREE', b: 'AGREE', c: 'AGREE', d: 'AGREE' } as const;
    const r = meetingOutcome({ ...base, recused: ['a'], present: ['a', 'b', 'c', 'd', 'e'], votes });
    expect(r).toMatchObject({ kind: 'NOT_RECOMMENDED', agree: 3 });
  });
});

describe('score sheets', () => {
  test('when every criterion is within its maximum, then there is no problem', () => {
    expect(checkScores(rubric, { novelty: 30, applicability: 0, effect: 15, replicability: 10 })).toEqual([]);
  });
  test('when a criterion exceeds its maximum or is missing or unknown, then each problem is named', () => {
    const codes = checkScores(rubric, { novelty: 31, applicability: 10, effect: 10, bonus: 5 }).map(
      (p) => p.code,
    );
    expect(codes).toEqual(['SCORE_ABOVE_MAXIMUM', 'SCORE_MISSING_CRITERION', 'SCORE_UNKNOWN_CRITERION']);
  });
  test('when authors sit on the council, then they are recused', () => {
    expect(recusedMembers(members, ['c', 'z'])).toEqual(['c']);
  });
});

describe('rule pack', () => {
  test('when the default pack ships, then the rubric totals 100 and every number carries its basis', () => {
    expect(rubric.reduce((s, c) => s + c.max, 0)).toBe(100);
    for (const [key, value] of Object.entries(DEFAULT_RULE_PACK)) {
      if (typeof value === 'object' && value !== null && 'value' in value) {
        expect({ key, basis: (value as { basis: { kind: string } }).basis.kind }).toEqual({
          key,
          basis: expect.stringMatching(/legal|policy/),
        });
      }
    }
    expect(DEFAULT_RULE_PACK.decisionClock.basis).toMatchObject({ kind: 'legal' });
    expect(DEFAULT_RULE_PACK.approvalFraction.basis).toMatchObject({ kind: 'legal' });
  });
});

describe('likely duplicates', () => {
  test('when two titles share their words regardless of diacritics, then they are similar', () => {
    expect(similarity('Ứng dụng sổ điểm điện tử', 'ung dung so diem dien tu trong truong')).toBeGreaterThan(
      0.6,
    );
    expect(similarity('Ứng dụng sổ điểm điện tử', 'Trồng cây xanh khu dân cư')).toBe(0);
  });
});

describe('secret ballot (TT18 Art. 8)', () => {
  test('when the ballots are counted, then the agree count decides against 2/3 of all members', () => {
    const base = {
      members,
      present: members.map((m) => m.personId),
      recused: [],
      totals: [80, 80],
      quorumFraction: 2 / 3,
      approvalFraction: 2 / 3,
      recusedLeaveDenominator: false,
      passMark: 70,
    };
    expect(meetingOutcome({ ...base, ballot: { agree: 4, disagree: 2, abstain: 0 } })).toMatchObject({
      kind: 'RECOMMENDED',
      agree: 4,
    });
    expect(meetingOutcome({ ...base, ballot: { agree: 3, disagree: 2, abstain: 1 } })).toMatchObject({
      kind: 'NOT_RECOMMENDED',
      required: 4,
    });
  });

  test('when the counts are not whole numbers or exceed the voters present, then they are refused', () => {
    expect(ballotProblem({ agree: 2, disagree: 1, abstain: 0 }, 3)).toBeNull();
    expect(ballotProblem({ agree: 2.5, disagree: 0, abstain: 0 }, 3)).toMatch(/số nguyên/);
    expect(ballotProblem({ agree: 3, disagree: 1, abstain: 0 }, 3)).toMatch(/Có 4 phiếu nhưng chỉ 3/);
  });
});
