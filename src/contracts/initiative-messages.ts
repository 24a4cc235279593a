/**
 * The initiative workflow's messages: its query, signals and updates (decisions), defined once for the client side and
 * the workflow. Workflow-safe: message definitions and types only.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Ballot, CouncilMember } from '../domain/council';
import type { Duration } from '../domain/duration';
import type { VotingMode } from '../domain/rule-pack';
import type { SigningAuthority, SigningOffice } from '../domain/signing';
import type { Actor, Dossier } from './initiative-dossier';
import type {
  AttachmentRef,
  DecisionResult,
  EffectReport,
  InitiativeState,
  PublishedCalendar,
} from './initiative-state';

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
/** A new version of an attached file: the old one stays stored, marked as replaced (only while the dossier may be amended). */
export const replaceAttachmentUpdate = defineUpdate<
  DecisionResult,
  [
    U<{
      /** The id of the version replaced (a current one). */
      replaces: string;
      attachment: Omit<AttachmentRef, 'uploadedBy' | 'at' | 'replaces' | 'replacedBy'>;
      reason?: string;
    }>,
  ]
>('replaceAttachment');
export const reassignUpdate = defineUpdate<
  DecisionResult,
  [U<{ to: { personId: string; fullName: string }; reason: string }>]
>('reassign');
