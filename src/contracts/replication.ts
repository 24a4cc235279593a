/** The replication child workflow: one adopting unit's own tracked case (process.md stage 5). Workflow-safe. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Duration } from '../domain/duration';
import type { Actor, EffectReport } from './initiative';

/** Input of one adoption. */
export interface ReplicationInput {
  initiativeId: string;
  title: string;
  unitId: string;
  designatedBy: Actor;
  startedAt: string;
  /** SLA of each step of the adoption, from the parent's pinned rule pack. */
  stepSla: Duration;
  holidays: Record<string, readonly string[]>;
  reminderFractions: number[];
}

/** Live state of one adoption. */
export interface ReplicationState {
  initiativeId: string;
  unitId: string;
  step: 'PLAN' | 'REPORTING' | 'CONFIRMED' | 'ENDED';
  plan: { startDate: string; plan: string; submittedBy: string } | null;
  reports: EffectReport[];
  verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE' | null;
  confirmation: { summary: string; at: string; by: string } | null;
  dueAt: string | null;
  reminders: number;
  escalated: boolean;
  revision: number;
}

/** An adoption as it starts, before its plan. */
export function newAdoptionState(initiativeId: string, unitId: string): ReplicationState {
  return {
    initiativeId,
    unitId,
    step: 'PLAN',
    plan: null,
    reports: [],
    verdict: null,
    confirmation: null,
    dueAt: null,
    reminders: 0,
    escalated: false,
    revision: 0,
  };
}

/** Result of one adoption, returned to the parent. */
export interface ReplicationResult {
  unitId: string;
  status: 'CONFIRMED' | 'NOT_EFFECTIVE' | 'ENDED';
  verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE' | null;
  reports: number;
}

/** The workflow id of one adoption. */
export function replicationWorkflowId(initiativeId: string, unitId: string): string {
  return `initiative:${initiativeId}:replication:${unitId}`;
}

/** Reads one adoption's state. */
export const getReplicationStateQuery = defineQuery<ReplicationState>('getReplicationState');

type U<T> = { actor: Actor } & T;
/** The adopting unit's plan and start date. */
export const submitAdoptionPlanUpdate = defineUpdate<
  ReplicationState,
  [U<{ startDate: string; plan: string }>]
>('submitAdoptionPlan');
/** An effect report of the adopting unit. */
export const submitAdoptionReportUpdate = defineUpdate<
  ReplicationState,
  [U<Omit<EffectReport, 'reportedAt' | 'reportedBy'>>]
>('submitAdoptionReport');
/** The adopting unit's confirmation of effect. */
export const confirmAdoptionUpdate = defineUpdate<
  ReplicationState,
  [U<{ verdict: 'EFFECTIVE' | 'NOT_EFFECTIVE'; summary: string }>]
>('confirmAdoption');
