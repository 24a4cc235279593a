/** Council rules (TT18 Art. 8, provincial practice): conflicts of interest, scores, quorum and the vote. Pure. */
import type { RubricCriterion } from './rule-pack';

/** A council member as the chairman names them. */
export interface CouncilMember {
  personId: string;
  fullName: string;
  position: 'CHAIR' | 'VICE_CHAIR' | 'SECRETARY' | 'MEMBER' | 'UNION_REP';
}

/** Why a score sheet is refused, with a stable code. */
export interface ScoreProblem {
  code: 'SCORE_MISSING_CRITERION' | 'SCORE_UNKNOWN_CRITERION' | 'SCORE_ABOVE_MAXIMUM' | 'SCORE_NOT_A_NUMBER';
  criterion: string;
  message: string;
}

/** Checks one member's scores against the pinned rubric: every criterion, none unknown, each within 0..max. */
export function checkScores(
  rubric: readonly RubricCriterion[],
  scores: Record<string, number>,
): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  for (const c of rubric) {
    const v = scores[c.key];
    if (v === undefined) {
      problems.push({
        code: 'SCORE_MISSING_CRITERION',
        criterion: c.key,
        message: `Thiếu điểm tiêu chí "${c.label}"`,
      });
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      problems.push({
        code: 'SCORE_NOT_A_NUMBER',
        criterion: c.key,
        message: `Điểm tiêu chí "${c.label}" không hợp lệ`,
      });
    } else if (v > c.max) {
      problems.push({
        code: 'SCORE_ABOVE_MAXIMUM',
        criterion: c.key,
        message: `Điểm tiêu chí "${c.label}" vượt mức tối đa ${c.max}`,
      });
    }
  }
  for (const key of Object.keys(scores)) {
    if (!rubric.some((c) => c.key === key)) {
      problems.push({
        code: 'SCORE_UNKNOWN_CRITERION',
        criterion: key,
        message: `Không có tiêu chí "${key}"`,
      });
    }
  }
  return problems;
}

/** Total of one score sheet. */
export function totalScore(scores: Record<string, number>): number {
  return Object.values(scores).reduce((a, b) => a + b, 0);
}

/** Mean of the members' totals, rounded to two decimals; 0 when nobody scored. */
export function meanScore(totals: readonly number[]): number {
  if (totals.length === 0) return 0;
  return Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100;
}

/** Members who may not score or vote: the authors of the initiative (recorded as recusals). */
export function recusedMembers(
  members: readonly CouncilMember[],
  authorPersonIds: readonly string[],
): string[] {
  return members.filter((m) => authorPersonIds.includes(m.personId)).map((m) => m.personId);
}

/** `count / total >= fraction`, compared exactly enough for thirds (2/3 of 6 is 4, of 7 is 5). */
export function reaches(count: number, total: number, fraction: number): boolean {
  if (total <= 0) return false;
  return count >= Math.ceil(total * fraction - 1e-9);
}

/** The counted ballots of a secret vote. */
export interface Ballot {
  agree: number;
  disagree: number;
  abstain: number;
}

/** Why a secret ballot's counts cannot be right, or null: whole numbers, no more ballots than voters present. */
export function ballotProblem(ballot: Ballot, voters: number): string | null {
  const counts = [ballot.agree, ballot.disagree, ballot.abstain];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) return 'Số phiếu phải là số nguyên không âm.';
  const cast = counts.reduce((a, b) => a + b, 0);
  if (cast > voters) return `Có ${cast} phiếu nhưng chỉ ${voters} thành viên có mặt được bỏ phiếu.`;
  return null;
}

/** Outcome of a council meeting as the rules compute it. */
export type MeetingOutcome =
  | { kind: 'NO_QUORUM'; present: number; required: number }
  | {
      kind: 'RECOMMENDED' | 'NOT_RECOMMENDED';
      agree: number;
      required: number;
      mean: number;
      passMark: number;
    };

/** Computes the meeting's outcome: quorum on all members, then the vote on all members (or non-recused) and the pass mark. */
export function meetingOutcome(input: {
  members: readonly CouncilMember[];
  present: readonly string[];
  recused: readonly string[];
  /** Show of hands: each present, non-recused member's vote. */
  votes?: Record<string, 'AGREE' | 'DISAGREE' | 'ABSTAIN'>;
  /** Secret ballot: the counted ballots (who voted how is never known). */
  ballot?: Ballot;
  totals: readonly number[];
  quorumFraction: number;
  approvalFraction: number;
  recusedLeaveDenominator: boolean;
  passMark: number;
}): MeetingOutcome {
  const memberIds = input.members.map((m) => m.personId);
  const present = input.present.filter((p) => memberIds.includes(p));
  const quorumRequired = Math.ceil(memberIds.length * input.quorumFraction - 1e-9);
  if (!reaches(present.length, memberIds.length, input.quorumFraction)) {
    return { kind: 'NO_QUORUM', present: present.length, required: quorumRequired };
  }
  const denominator = input.recusedLeaveDenominator
    ? memberIds.length - input.recused.length
    : memberIds.length;
  const agree = input.ballot
    ? input.ballot.agree
    : Object.entries(input.votes ?? {}).filter(
        ([p, v]) => v === 'AGREE' && present.includes(p) && !input.recused.includes(p),
      ).length;
  const required = Math.ceil(denominator * input.approvalFraction - 1e-9);
  const mean = meanScore(input.totals);
  const passes = reaches(agree, denominator, input.approvalFraction) && mean >= input.passMark;
  return {
    kind: passes ? 'RECOMMENDED' : 'NOT_RECOMMENDED',
    agree,
    required,
    mean,
    passMark: input.passMark,
  };
}
