/**
 * The initiative workflow's input, state and messages: defined once, imported by the client side and the workflow.
 * Workflow-safe: types and message definitions only. Kept in three modules, re-exported here: who acts and what they
 * file (initiative-dossier.ts), the workflow's input and state (initiative-state.ts), its messages
 * (initiative-messages.ts).
 */
export {
  ROLES,
  type Actor,
  type Author,
  type Description,
  type Dossier,
  type Role,
} from './initiative-dossier';
export {
  STAGES,
  STEPS,
  type AttachmentRef,
  type AttachmentReplacement,
  type CaseStatus,
  type Deadline,
  type DecisionResult,
  type EffectReport,
  type HistoryItem,
  type InitiativeInput,
  type InitiativeOutcome,
  type InitiativeState,
  type PublishedCalendar,
  type ReplicationTarget,
  type Stage,
  type Step,
  type WaitingOn,
} from './initiative-state';
export * from './initiative-messages';
