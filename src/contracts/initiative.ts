/** The initiative workflow's input, state and messages: defined once, imported by the client side and the workflow. */
import { defineQuery } from '@temporalio/workflow';

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

/** Where a case is overall: open, or one of the terminal states of process.md. */
export type CaseStatus = 'OPEN' | 'COMPLETED' | 'REJECTED' | 'WITHDRAWN' | 'REVOKED';

/** Roles of process.md. */
export type Role =
  'SUBMITTER' | 'UNIT_HEAD' | 'SECRETARY' | 'COUNCIL_MEMBER' | 'CHAIRMAN' | 'SUPERVISOR' | 'ADMIN';

/** One author or co-author with their contribution share. */
export interface Author {
  fullName: string;
  birthDate?: string;
  workplace?: string;
  jobTitle?: string;
  qualification?: string;
  /** Contribution share in percent; the shares of a dossier sum to 100. */
  sharePercent: number;
}

/** The dossier as filed (already validated at the edge; workflows take plain data). */
export interface Dossier {
  title: string;
  unitId: string;
  field: string;
  /** Date of first or trial application, `YYYY-MM-DD`. */
  firstAppliedOn: string;
  summary: string;
  authors: Author[];
}

/** Input of the initiative workflow. */
export interface InitiativeInput {
  initiativeId: string;
  dossier: Dossier;
  /** Who filed it (a person id; authentication comes with the gateway). */
  filedBy: string;
  /** ISO instant at which the gateway accepted the filing. */
  filedAt: string;
}

/** Who the case waits on. */
export interface WaitingOn {
  role: Role;
  unitId?: string;
  description: string;
}

/** The live state of a case, as the workflow knows it. */
export interface InitiativeState {
  initiativeId: string;
  status: CaseStatus;
  stage: Stage;
  step: string;
  waitingOn: WaitingOn | null;
  dossier: Dossier;
  filedBy: string;
  filedAt: string;
  /** Increases with every change of state; read-model writes never go backwards. */
  revision: number;
}

/** Reads the live state of a case. */
export const getStateQuery = defineQuery<InitiativeState>('getState');
