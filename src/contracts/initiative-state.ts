/**
 * The initiative workflow's input and the live state of a case: its stages and steps, deadlines, council, scores,
 * effect, decision and replication. Workflow-safe: types and constant lists only.
 */
import type { Ballot, CouncilMember } from '../domain/council';
import type { Duration, HolidayTable } from '../domain/duration';
import type { RulePack } from '../domain/rule-pack';
import type { SigningAuthority, SigningOffice } from '../domain/signing';
import type { Actor, Dossier, Role } from './initiative-dossier';

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

/** A round as a case names it. */
export interface RoundRef {
  id: string;
  name: string;
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
  /** The round (đợt xét) the filing went into; absent on cases filed before rounds existed. */
  round?: RoundRef;
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
  /** The earlier version of the same file that this one replaced (its id). */
  replaces?: string;
  /** Set once a newer version replaced this one: it stays stored and downloadable, no longer current. */
  replacedBy?: AttachmentReplacement;
}

/** Who replaced a file by which newer version, when and why. */
export interface AttachmentReplacement {
  /** The newer version's id. */
  id: string;
  by: string;
  byName: string;
  at: string;
  reason?: string;
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
  /** The round (đợt xét) the filing went into; absent on cases filed before rounds existed. */
  round?: RoundRef;
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
  /** `reminderLeadDays`: from the pinned pack; absent on schedules made before the pack held it (14 then). */
  remunerationSchedule: {
    year: number;
    dueBy: string;
    percentOfBenefit: number;
    reminderLeadDays?: number;
  }[];
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

/** What an initiative workflow returns when its case closes (the whole state is in the read model). */
export interface InitiativeOutcome {
  initiativeId: string;
  status: CaseStatus;
  revision: number;
}

/**
 * What a decision returns: it was accepted (refusals are failed updates), and the revision of the case's state that
 * holds it, already in the read model. Not the state itself: the answer is kept in the history, once per decision.
 */
export interface DecisionResult {
  accepted: true;
  revision: number;
}
