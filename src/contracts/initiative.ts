/**
 * The initiative workflow's input, state and messages: defined once, imported by the client side and the workflow.
 * Workflow-safe: types and message definitions only.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Ballot, CouncilMember } from '../domain/council';
import type { Duration, HolidayTable } from '../domain/duration';
import type { RulePack, VotingMode } from '../domain/rule-pack';
import type { ActingOffice, SigningAuthority, SigningOffice } from '../domain/signing';

/** The five stages of process.md, in order. */
export const STAGES = [
  'UNIT_RECOMMENDATION',
  'COUNCIL_EVALUATION',
  'EFFECT_TRACKING',
  'REWARD_DECISION',
  'REPLICATION_FOLLOW_UP',
] as const;
/** One of the five stages. */
export type Stage = (typeof STAGES)[number];

/** Steps inside the stages, in the order a case usually meets them. */
export const STEPS = [
  'UNIT_REVIEW',
  'AMENDMENT',
  'REGISTRATION',
  'FORMAL_CHECK',
  'COUNCIL_FORMATION',
  'SCORING',
  'MEETING',
  'EFFECT_REPORTING',
  'EFFECT_CONFIRMATION',
  'DECISION',
  'APPEAL_WINDOW',
  'REPLICATION',
  'CLOSED',
] as const;
/** One step. */
export type Step = (typeof STEPS)[number];

/** Where a case is overall: open, or one of the terminal states of process.md. */
export type CaseStatus = 'OPEN' | 'COMPLETED' | 'REJECTED' | 'WITHDRAWN' | 'REVOKED';

/** Roles of process.md. */
export type Role =
  'SUBMITTER' | 'UNIT_HEAD' | 'SECRETARY' | 'COUNCIL_MEMBER' | 'CHAIRMAN' | 'SUPERVISOR' | 'ADMIN';

/** The authenticated person on whose behalf a message is sent (the gateway fills it from the session). */
export interface Actor {
  personId: string;
  fullName: string;
  roles: Role[];
  /** Units the person acts for (unit heads, submitters). */
  unitIds: string[];
  /** Councils the person sits on. */
  councilIds: string[];
  /** The office term the person acts in for this decision (a unit head's), filled by the gateway from the directory. */
  office?: ActingOffice;
}

/** One author or co-author with their contribution share. */
export interface Author {
  /** The author's account, when they have one: used for conflict-of-interest checks. */
  personId?: string;
  fullName: string;
  birthDate?: string;
  workplace?: string;
  jobTitle?: string;
  qualification?: string;
  /** Contribution share in percent; the shares of a dossier sum to 100. */
  sharePercent: number;
}

/** The description (Bản mô tả sáng kiến). */
export interface Description {
  priorState?: string;
  purpose?: string;
  content?: string;
  applicability?: string;
  effectComparison?: string;
}

/** The dossier as filed (validated at the edge; workflows take plain data). */
export interface Dossier {
  title: string;
  unitId: string;
  field: string;
  /** Date of first or trial application, `YYYY-MM-DD`. */
  firstAppliedOn: string;
  summary: string;
  authors: Author[];
  /** Kính gửi: the body asked to recognise it. */
  addressee?: string;
  investor?: string;
  /** Funded by the State: the chairman-author may not sit on the council (TT18 Art. 8). */
  stateFunded?: boolean;
  /** The dossier already proves a completed first application: no tracking period is needed. */
  firstApplicationCompleted?: boolean;
  /** Remuneration is owed (investor is an economic organisation or self-financing unit, NĐ13 Art. 10). */
  remunerationApplies?: boolean;
  confidentialInfo?: string;
  applicationConditions?: string;
  expectedBenefit?: string;
  firstApplicationParticipants?: string[];
  description?: Description;
  attachmentRefs?: string[];
}

/** Input of the initiative workflow. */
export interface InitiativeInput {
  initiativeId: string;
  /** The short code people read and type (`SK-2026-0012`); absent on cases filed before codes existed. */
  code?: string;
  dossier: Dossier;
  /** Who filed it. */
  filedBy: Actor;
  /** ISO instant at which the gateway accepted the filing. */
  filedAt: string;
  /** The rule pack in force at filing, resolved by the caller: the case stays pinned to it for its whole life. */
  pack: RulePack;
  /** The official calendar as published when the case was filed; later publications arrive as signals. */
  calendar?: PublishedCalendar;
  /** Set by continue-as-new: the state to resume from. */
  resume?: { state: InitiativeState };
}

/**
 * The official calendar (days off per year) at one publication. It is not part of the pinned rule pack: every case
 * counts working days on the latest one it has received, and a newer version replaces an older one.
 */
export interface PublishedCalendar {
  version: number;
  holidays: HolidayTable;
}

/** Who the case waits on. */
export interface WaitingOn {
  role: Role;
  unitId?: string;
  councilId?: string;
  /** People who still have to act (e.g. council members who have not scored). */
  personIds?: string[];
  /** A person the step was reassigned to. */
  assignee?: { personId: string; fullName: string };
  description: string;
}

/** A deadline of the current step (or the decision clock), with its reminder state. */
export interface Deadline {
  key: string;
  startedAt: string;
  /** Null when it cannot be computed (a year without a holiday table): the supervisor sees why. */
  dueAt: string | null;
  /** Reminder and expiry points already fired. */
  fired: string[];
  escalated: boolean;
  extensions: { by: string; reason: string; at: string; newDueAt: string }[];
  /** The step's period, so that a newly published calendar can count the due date again. */
  period?: Duration;
}

/** One effect report (metrics against a baseline). */
export interface EffectReport {
  reportedAt: string;
  reportedBy: string;
  periodEnd: string;
  metrics: { name: string; unit: string; baseline: number; value: number }[];
  monetaryBenefitVnd?: number;
  evidenceRefs: string[];
  note?: string;
}

/** One adopting unit of the replication stage. */
export interface ReplicationTarget {
  unitId: string;
  workflowId: string;
  designatedBy: string;
  status: 'RUNNING' | 'CONFIRMED' | 'NOT_EFFECTIVE' | 'ENDED';
  verdict?: 'EFFECTIVE' | 'NOT_EFFECTIVE';
}

/** A file attached to a case. */
export interface AttachmentRef {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  confidential: boolean;
  uploadedBy: string;
  at: string;
}

/** An item of the case's history summary. */
export interface HistoryItem {
  at: string;
  kind: string;
  actor?: string;
  summary: string;
}

/** The live state of a case, as the workflow knows it. */
export interface InitiativeState {
  initiativeId: string;
  /** The short code people read and type (`SK-2026-0012`); absent on cases filed before codes existed. */
  code?: string;
  status: CaseStatus;
  stage: Stage;
  step: Step;
  waitingOn: WaitingOn | null;
  deadline: Deadline | null;
  /** Why a deadline could not be computed (e.g. a missing holiday table), shown to the supervisor. */
  calendarProblem: string | null;
  /** The latest published calendar the case has received; absent: the holiday table of its pack. */
  calendar?: PublishedCalendar;
  dossier: Dossier;
  dossierVersion: number;
  filedBy: Actor;
  filedAt: string;
  rulePackVersion: string;
  amendment: {
    requestedBy: 'UNIT_HEAD' | 'SECRETARY';
    items: string[];
    requestedAt: string;
    round: number;
  } | null;
  registration: {
    registerNo: string;
    receivedAt: string;
    expectedReplyBy: string;
    duplicateFlags: { initiativeId: string; title: string; similarity: number }[];
  } | null;
  acceptedAt: string | null;
  decisionClock: Deadline | null;
  council: {
    councilId: string;
    members: CouncilMember[];
    recused: string[];
    formedAt: string;
    /** The capacity its formation decision was signed in (absent in cases formed before this was recorded). */
    signer?: SigningAuthority;
  } | null;
  /** Score sheets by member; sealed from other members until all are in or the meeting opens (domain/access.ts). */
  scores: Record<
    string,
    { scores: Record<string, number>; total: number; submittedAt: string; comment?: string }
  >;
  scoresRevealed: boolean;
  /** In a person's view only: members who handed in a sheet this person may not see (its figures stay sealed). */
  sealedScorers?: string[];
  meetings: {
    at: string;
    present: string[];
    /** Show of hands only; empty under a secret ballot. */
    votes: Record<string, 'AGREE' | 'DISAGREE' | 'ABSTAIN'>;
    /** Secret ballot only: the counts. */
    ballot?: Ballot;
    outcome: 'NO_QUORUM' | 'RECOMMENDED' | 'NOT_RECOMMENDED';
    agree?: number;
    required: number;
    mean?: number;
    proposedScope: 'UNIT' | 'PROVINCE';
  }[];
  councilRecommended: boolean | null;
  meanScore: number | null;
  effect: {
    startedAt: string;
    trackingEndsAt: string;
    nextReportDueAt: string | null;
    reports: EffectReport[];
    firstApplicationCompletedAt: string | null;
    verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE' | null;
    confirmedAt: string | null;
    missedReports: number;
  } | null;
  decision: {
    outcome: 'RECOGNISED' | 'REFUSED';
    reasons: string | null;
    decidedAt: string;
    decidedBy: string;
    signerTitle: SigningOffice;
    /** The capacity it was signed in: office, term, authority line, delegation. */
    signer: SigningAuthority;
    rewardLevel: string | null;
    rewardVnd: number | null;
  } | null;
  appeal: { filedAt: string; filedBy: string; grounds: string } | null;
  remunerationSchedule: { year: number; dueBy: string; percentOfBenefit: number }[];
  replication: {
    startedAt: string;
    targets: ReplicationTarget[];
    similarUnitsTotal: number | null;
    checkpoints: {
      dueAt: string;
      done: boolean;
      adopted?: number;
      share?: number | null;
      eligibleForProvince?: boolean;
    }[];
  } | null;
  closure: { status: CaseStatus; at: string; by: string; reason: string } | null;
  reminders: number;
  escalations: number;
  /** Files attached to the dossier or its reports (the bytes are in MongoDB, referenced by SHA-256). */
  attachments?: AttachmentRef[];
  /** When the case entered each stage, in order (time spent per stage). */
  stageLog: { stage: Stage; enteredAt: string }[];
  history: HistoryItem[];
  /** Sequence number of the last legal-record entry. */
  legalSeq: number;
  /** Increases with every change of state; read-model writes never go backwards. */
  revision: number;
}

/** What a decision returns: it was accepted (refusals are failed updates) and the case's new state. */
export interface DecisionResult {
  accepted: true;
  state: InitiativeState;
}

/** Reads the live state; `viewerPersonId` decides whose scores are visible before they are revealed. */
export const getStateQuery = defineQuery<InitiativeState, [viewerPersonId?: string]>('getState');

/** Answers, with the revision, once the read model holds the case as it is now (the filing waits for it). */
export const recordedUpdate = defineUpdate<number, []>('recorded');

/** A reminder from a person (supervisor, secretary): recorded and sent to whoever must act. */
export const remindSignal = defineSignal<[{ actor: Actor; message?: string }]>('remind');

/** A newly published official calendar: the case counts its working days on it from now on. */
export const calendarSignal = defineSignal<[PublishedCalendar]>('calendarPublished');

/** Input of an update: the acting person and the decision's own fields. */
type U<T> = { actor: Actor } & T;

export const withdrawUpdate = defineUpdate<DecisionResult, [U<{ reason: string }>]>('withdraw');
export const amendDossierUpdate = defineUpdate<DecisionResult, [U<{ dossier: Dossier; note?: string }>]>(
  'amendDossier',
);
export const unitReviewUpdate = defineUpdate<
  DecisionResult,
  [
    U<{
      outcome: 'ENDORSE' | 'RETURN' | 'DECLINE';
      confirmedApplication?: boolean;
      items?: string[];
      reasons?: string;
    }>,
  ]
>('unitReview');
export const registerDossierUpdate = defineUpdate<DecisionResult, [U<object>]>('registerDossier');
export const formalCheckUpdate = defineUpdate<
  DecisionResult,
  [U<{ outcome: 'ACCEPT' | 'REQUEST_AMENDMENT' | 'NOT_ACCEPT'; items?: string[]; reasons?: string }>]
>('formalCheck');
export const formCouncilUpdate = defineUpdate<
  DecisionResult,
  [U<{ councilId: string; members: CouncilMember[]; signer?: SigningAuthority }>]
>('formCouncil');
export const declareConflictUpdate = defineUpdate<DecisionResult, [U<{ reason: string }>]>('declareConflict');
export const submitScoresUpdate = defineUpdate<
  DecisionResult,
  [U<{ scores: Record<string, number>; comment?: string }>]
>('submitScores');
export const recordMeetingUpdate = defineUpdate<
  DecisionResult,
  [
    U<{
      present: string[];
      /** Show of hands: each member's vote. */
      votes?: Record<string, 'AGREE' | 'DISAGREE' | 'ABSTAIN'>;
      /** Secret ballot (the council's voting mode in the rule pack): the counts only. */
      ballot?: Ballot;
      /** The mode the council chose at this meeting, where the rule pack leaves the choice to it. */
      votingMode?: VotingMode;
      proposedScope: 'UNIT' | 'PROVINCE';
      minutes: string;
    }>,
  ]
>('recordMeeting');
export const submitEffectReportUpdate = defineUpdate<
  DecisionResult,
  [U<Omit<EffectReport, 'reportedAt' | 'reportedBy'>>]
>('submitEffectReport');
export const completeFirstApplicationUpdate = defineUpdate<DecisionResult, [U<{ completedOn: string }>]>(
  'completeFirstApplication',
);
export const confirmEffectUpdate = defineUpdate<
  DecisionResult,
  [U<{ verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE'; summary: string }>]
>('confirmEffect');
export const decideRecognitionUpdate = defineUpdate<
  DecisionResult,
  [
    U<{
      outcome: 'RECOGNISE' | 'REFUSE';
      reasons?: string;
      /** The capacity from the directory (src/domain/signing.ts), set by the gateway. */
      signer?: SigningAuthority;
      /** Before signers came from the directory: the capacity as declared (histories recorded then). */
      signerTitle?: SigningOffice;
    }>,
  ]
>('decideRecognition');
export const appealUpdate = defineUpdate<DecisionResult, [U<{ grounds: string }>]>('appeal');
export const designateReplicationUpdate = defineUpdate<
  DecisionResult,
  [U<{ unitIds: string[]; similarUnitsTotal?: number }>]
>('designateReplication');
export const revokeUpdate = defineUpdate<DecisionResult, [U<{ reasons: string }>]>('revoke');
export const extendDeadlineUpdate = defineUpdate<
  DecisionResult,
  [U<{ reason: string; by: Duration; target?: 'STEP' | 'DECISION_CLOCK' }>]
>('extendDeadline');
export const addAttachmentUpdate = defineUpdate<
  DecisionResult,
  [U<{ attachment: Omit<AttachmentRef, 'uploadedBy' | 'at'> }>]
>('addAttachment');
export const reassignUpdate = defineUpdate<
  DecisionResult,
  [U<{ to: { personId: string; fullName: string }; reason: string }>]
>('reassign');
