/**
 * Rule packs: every number of the process, versioned, each with its basis. A case is pinned to the pack in force when
 * it was filed; a new version never changes a running case (process.md, legal-basis §9.1).
 */
import type { Duration, HolidayTable } from './duration';

/** Where a number comes from: a legal text (with its source and confidence tag) or commune policy. */
export type Basis =
  { kind: 'legal'; source: string; confidence: 'V' | 'S' } | { kind: 'policy'; note: string };

/** A value with its basis. */
export interface Ruled<T> {
  value: T;
  basis: Basis;
}

/** One rubric criterion and its maximum score. */
export interface RubricCriterion {
  key: string;
  /** Vietnamese label shown on the score sheet. */
  label: string;
  max: number;
}

/** One reward level: applies when the verdict and the mean score fall in its band. */
export interface RewardLevel {
  key: string;
  label: string;
  minScore: number;
  verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE' | 'ANY';
  amountVnd: number;
}

/** The whole rule set of one version. */
export interface RulePack {
  version: string;
  /** ISO instant from which new filings use this pack. */
  effectiveFrom: string;
  description: string;
  timeBar: Ruled<Duration>;
  unitReviewSla: Ruled<Duration>;
  amendmentPeriod: Ruled<Duration>;
  /** After the amendment period expires, the final reminder's grace before the case closes as withdrawn. */
  amendmentGrace: Ruled<Duration>;
  registrationSla: Ruled<Duration>;
  formalCheckSla: Ruled<Duration>;
  councilFormationSla: Ruled<Duration>;
  scoringSla: Ruled<Duration>;
  meetingSla: Ruled<Duration>;
  decisionClock: Ruled<Duration>;
  /** Reminder points as fractions of a period (expiry itself always escalates). */
  reminderFractions: Ruled<number[]>;
  /** Meeting quorum: fraction of all members present. */
  quorumFraction: Ruled<number>;
  /** Recommendation: fraction of all members agreeing. */
  approvalFraction: Ruled<number>;
  /** Whether recused members leave the vote's denominator (false unless the provincial rule allows it). */
  recusedLeaveDenominator: Ruled<boolean>;
  passMark: Ruled<number>;
  rubric: Ruled<RubricCriterion[]>;
  rewardLevels: Ruled<RewardLevel[]>;
  trackingPeriod: Ruled<Duration>;
  reportingInterval: Ruled<Duration>;
  /** How long before a report is due its reminder goes out. */
  reportReminderLead: Ruled<Duration>;
  confirmationSla: Ruled<Duration>;
  complaintWindow: Ruled<Duration>;
  replicationCheckpoints: Ruled<Duration[]>;
  /** Share of similar units adopting that makes an initiative eligible to be proposed for provincial scope. */
  provincialShare: Ruled<number>;
  /** `reminderLeadDays`: calendar days before a payment falls due that the payer is reminded (absent: 14). */
  remuneration: Ruled<{
    percentOfBenefit: number;
    years: number;
    payWithin: Duration;
    reminderLeadDays?: number;
  }>;
  holidays: Ruled<HolidayTable>;
  /**
   * How the council decides (TT18 Art. 8: by show of hands or by secret ballot, 2/3 of all members agreeing): the
   * commune's default and any council's own choice. Absent in packs published before it existed: show of hands.
   */
  votingMode?: Ruled<{ default: VotingRule; councils: Record<string, VotingRule> }>;
  /**
   * Which earlier filings the secretary is shown as likely duplicates at registration: those at least this similar
   * (0–1, title or summary), the most similar first, at most `shown`. Absent in packs published before it existed.
   */
  duplicateCheck?: Ruled<DuplicateCheck>;
  /**
   * Whether a filing outside every open round goes into the year's standing round (true) or is refused (false).
   * Absent in packs published before rounds existed: year-round filing, as before.
   */
  yearRoundFiling?: Ruled<boolean>;
}

/** Whether a pack lets a filing outside every open round go into the year's standing round. */
export function yearRoundFilingOf(pack: Pick<RulePack, 'yearRoundFiling'>): boolean {
  return pack.yearRoundFiling?.value ?? true;
}

/** The likely-duplicate rule of a pack. */
export interface DuplicateCheck {
  minSimilarity: number;
  shown: number;
}

/** The likely-duplicate rule of a pack, or the default pack's for a pack published before it existed. */
export function duplicateCheckOf(pack: Pick<RulePack, 'duplicateCheck'>): DuplicateCheck {
  return (pack.duplicateCheck ?? DEFAULT_RULE_PACK.duplicateCheck!).value;
}

/** Show of hands: the minutes name each member's vote. Secret ballot: they hold the counts only. */
export type VotingMode = 'SHOW_OF_HANDS' | 'SECRET_BALLOT';

/** What a pack says of a council's voting: one mode always, or the council chooses at each meeting (TT18 Art. 8). */
export type VotingRule = VotingMode | 'CHOSEN_AT_MEETING';

/** The voting rule of a council under a pack. */
export function votingModeFor(pack: Pick<RulePack, 'votingMode'>, councilId: string): VotingRule {
  const v = pack.votingMode?.value;
  return v?.councils[councilId] ?? v?.default ?? 'SHOW_OF_HANDS';
}

const MODE_VI: Record<VotingMode, string> = {
  SHOW_OF_HANDS: 'biểu quyết công khai',
  SECRET_BALLOT: 'bỏ phiếu kín',
};

/**
 * The mode one meeting votes in: the pack's, or where the pack leaves it to the council, the one the minutes say it
 * chose. A choice the pack does not allow, or a missing one, is a problem to tell the secretary.
 */
export function meetingVotingMode(
  rule: VotingRule,
  chosen: VotingMode | undefined,
): { mode: VotingMode } | { problem: string } {
  if (rule === 'CHOSEN_AT_MEETING') {
    return chosen
      ? { mode: chosen }
      : { problem: 'Hội đồng tự chọn hình thức biểu quyết tại cuộc họp: ghi hình thức Hội đồng đã chọn.' };
  }
  if (chosen && chosen !== rule)
    return { problem: `Theo quy định của xã, Hội đồng này biểu quyết bằng hình thức ${MODE_VI[rule]}.` };
  return { mode: rule };
}

const NĐ13 = 'Nghị định 13/2012/NĐ-CP (Điều lệ Sáng kiến)';
const TT18 = 'Thông tư 18/2013/TT-BKHCN';
const policy = (note: string): Basis => ({ kind: 'policy', note });

/** Official days off for civil servants (weekdays only; weekends are never working days anyway). */
export const VN_HOLIDAYS: HolidayTable = {
  // Tết 2026 ran from Saturday 14/2 to Sunday 22/2 (process.md); Giỗ Tổ 10/3 lunar fell on Sunday 26/4, compensated
  // on Monday 27/4; 2/9 with the adjacent 1/9.
  '2026': [
    '2026-01-01',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-04-27',
    '2026-04-30',
    '2026-05-01',
    '2026-09-01',
    '2026-09-02',
  ],
  // Tết Đinh Mùi: 30 Tết on Friday 5/2, mùng 1–4 on 6–9/2 with the weekend compensated on 10–11/2; Giỗ Tổ on Friday
  // 16/4; 1/5 on Saturday compensated on Monday 3/5; 2/9 (Thursday) with Friday 3/9. Confirm against the government's
  // notice for 2027 when it is published and issue a new pack version if it differs.
  '2027': [
    '2027-01-01',
    '2027-02-05',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-04-16',
    '2027-04-30',
    '2027-05-03',
    '2027-09-02',
    '2027-09-03',
  ],
};

/** The default pack shipped in code (seeded into MongoDB at start-up). */
export const DEFAULT_RULE_PACK: RulePack = {
  version: '2026.1',
  effectiveFrom: '2026-01-01T00:00:00+07:00',
  description:
    'Bộ quy tắc mặc định theo Nghị định 13/2012/NĐ-CP, Thông tư 18/2013/TT-BKHCN và chính sách của xã',
  timeBar: { value: { months: 12 }, basis: { kind: 'legal', source: `${NĐ13} Art. 5.2`, confidence: 'S' } },
  unitReviewSla: { value: { workingDays: 10 }, basis: policy('process.md stage 1.2') },
  amendmentPeriod: { value: { workingDays: 15 }, basis: policy('process.md stage 1.2') },
  amendmentGrace: { value: { workingDays: 5 }, basis: policy('final reminder before closing as withdrawn') },
  registrationSla: { value: { workingDays: 5 }, basis: policy('intake desk registers an endorsed dossier') },
  formalCheckSla: {
    value: { workingDays: 5 },
    basis: policy('legal figure not found (NĐ13 Art. 6 not retrieved)'),
  },
  councilFormationSla: { value: { workingDays: 10 }, basis: policy('chairman forms or assigns a council') },
  scoringSla: { value: { workingDays: 10 }, basis: policy('process.md stage 2.2, per member') },
  meetingSla: { value: { workingDays: 10 }, basis: policy('meeting after all scores are in') },
  decisionClock: {
    value: { months: 3 },
    basis: { kind: 'legal', source: `${NĐ13} Art. 7.1`, confidence: 'S' },
  },
  reminderFractions: { value: [0.5, 0.8], basis: policy('process.md: reminders at 50% and 80%') },
  quorumFraction: { value: 2 / 3, basis: policy('provincial practice (Sóc Trăng guidance)') },
  approvalFraction: { value: 2 / 3, basis: { kind: 'legal', source: `${TT18} Art. 8`, confidence: 'S' } },
  recusedLeaveDenominator: {
    value: false,
    basis: policy('2/3 of all members unless the provincial rule allows'),
  },
  passMark: { value: 70, basis: policy('no legal figure found; commune policy') },
  rubric: {
    value: [
      { key: 'novelty', label: 'Tính mới', max: 30 },
      { key: 'applicability', label: 'Khả năng áp dụng, tính khả thi', max: 30 },
      { key: 'effect', label: 'Hiệu quả', max: 30 },
      { key: 'replicability', label: 'Phạm vi ảnh hưởng, khả năng nhân rộng', max: 10 },
    ],
    basis: policy('provincial practice rubric, process.md stage 2.2'),
  },
  rewardLevels: {
    value: [
      { key: 'excellent', label: 'Xuất sắc', minScore: 90, verdict: 'EFFECTIVE', amountVnd: 3_000_000 },
      { key: 'good', label: 'Tốt', minScore: 80, verdict: 'EFFECTIVE', amountVnd: 2_000_000 },
      { key: 'recognised', label: 'Đạt', minScore: 0, verdict: 'ANY', amountVnd: 1_000_000 },
    ],
    basis: policy('commune reward levels by score band and verdict'),
  },
  trackingPeriod: { value: { months: 3 }, basis: policy('process.md stage 3') },
  reportingInterval: { value: { months: 1 }, basis: policy('process.md stage 3') },
  reportReminderLead: { value: { workingDays: 3 }, basis: policy('reminder before each report is due') },
  confirmationSla: { value: { workingDays: 10 }, basis: policy('unit head confirms effect after tracking') },
  complaintWindow: { value: { days: 30 }, basis: policy('process.md stage 4; legal figure not found') },
  replicationCheckpoints: { value: [{ months: 6 }, { months: 12 }], basis: policy('process.md stage 5') },
  provincialShare: { value: 0.5, basis: policy('provincial practice (Kon Tum guidance 03/2020)') },
  remuneration: {
    value: { percentOfBenefit: 7, years: 3, payWithin: { months: 1 }, reminderLeadDays: 14 },
    basis: {
      kind: 'legal',
      source: `${NĐ13} Art. 10 (the reminder 14 days before each payment is commune policy)`,
      confidence: 'S',
    },
  },
  duplicateCheck: {
    value: { minSimilarity: 0.5, shown: 5 },
    basis: policy('a flag for the secretary, never a refusal: half the words shared, the five closest shown'),
  },
  yearRoundFiling: {
    value: true,
    basis: policy(
      "the commune's letter asks that staff can propose at any time; rounds group cases for the council's sessions",
    ),
  },
  holidays: {
    value: VN_HOLIDAYS,
    basis: {
      kind: 'legal',
      source: 'Bộ luật Lao động 2019 Art. 112; yearly government notice',
      confidence: 'S',
    },
  },
};

/** The reward level for a mean score and a verdict: the first level of the pack that matches. */
export function rewardLevelFor(
  pack: RulePack,
  meanScore: number,
  verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE',
): RewardLevel | undefined {
  return pack.rewardLevels.value.find(
    (l) => meanScore >= l.minScore && (l.verdict === 'ANY' || l.verdict === verdict),
  );
}
