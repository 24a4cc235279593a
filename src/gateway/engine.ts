/**
 * What the Temporal server itself knows of a case: whether its workflow runs, an activity it keeps retrying and why,
 * a workflow task that keeps failing. Asked of the server (describe, list, count), which runs no workflow code on a
 * worker. A case stuck on a failing write is a different problem from one waiting on a person.
 */
import { STAGES } from '../contracts/initiative';
import { stageKey, statusKey } from '../contracts/search-attributes';
import type { InitiativeService } from '../temporal/client';

/** The engine's view of one workflow. */
export interface EngineFacts {
  workflowId: string;
  /** RUNNING, COMPLETED, … or NOT_FOUND. */
  status: string;
  /** An activity past its first attempt, with its last error. */
  failingActivity: { type: string; attempts: number; error: string } | null;
  /** The attempt of a workflow task that keeps failing (a bug or a bad deploy), else null. */
  failingTaskAttempts: number | null;
}

/** Describes one workflow. */
export async function engineFacts(temporal: InitiativeService, workflowId: string): Promise<EngineFacts> {
  const d = await temporal.client.workflow
    .getHandle(workflowId)
    .describe()
    .catch(() => null);
  if (!d) return { workflowId, status: 'NOT_FOUND', failingActivity: null, failingTaskAttempts: null };
  const a = (d.raw.pendingActivities ?? []).find((p) => (p.attempt ?? 0) > 1 || p.lastFailure);
  const task = d.raw.pendingWorkflowTask?.attempt ?? 0;
  return {
    workflowId,
    status: d.status.name,
    failingActivity: a
      ? { type: a.activityType?.name ?? '?', attempts: a.attempt ?? 0, error: a.lastFailure?.message ?? '' }
      : null,
    failingTaskAttempts: task > 1 ? task : null,
  };
}

/** The facts of many workflows, a few at a time. */
export async function engineFactsOf(
  temporal: InitiativeService,
  workflowIds: string[],
  atOnce = 8,
): Promise<Map<string, EngineFacts>> {
  const out = new Map<string, EngineFacts>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(atOnce, workflowIds.length) }, async () => {
      while (next < workflowIds.length) {
        const id = workflowIds[next++]!;
        out.set(id, await engineFacts(temporal, id));
      }
    }),
  );
  return out;
}

/** The engine's problem with a case, in words a supervisor reads; null when there is none. */
export function engineReason(f: EngineFacts): string | null {
  if (f.failingTaskAttempts)
    return `Quy trình của hồ sơ đang gặp lỗi hệ thống (đã thử ${f.failingTaskAttempts} lần): cần quản trị kỹ thuật xử lý`;
  if (f.failingActivity)
    return `Hệ thống chưa ghi được hồ sơ (${f.failingActivity.type}, đã thử ${f.failingActivity.attempts} lần): đang tự thử lại`;
  if (f.status !== 'RUNNING')
    return 'Quy trình của hồ sơ không còn chạy trên máy chủ quy trình: cần quản trị kỹ thuật xử lý';
  return null;
}

/** Running initiative workflows per stage, from the server's visibility store (the search attributes). */
export async function runningByStage(temporal: InitiativeService): Promise<Record<string, number>> {
  const counts = await Promise.all(
    STAGES.map(async (stage) => {
      const { count } = await temporal.client.workflow.count(
        `WorkflowType = "initiativeWorkflow" AND ExecutionStatus = "Running" AND ${statusKey.name} = "OPEN" AND ${stageKey.name} = "${stage}"`,
      );
      return [stage, count] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** Every running initiative or adoption workflow whose activity or task keeps failing. */
export async function engineProblems(temporal: InitiativeService, max = 2_000): Promise<EngineFacts[]> {
  const ids: string[] = [];
  for await (const wf of temporal.client.workflow.list({
    query:
      '(WorkflowType = "initiativeWorkflow" OR WorkflowType = "replicationWorkflow") AND ExecutionStatus = "Running"',
  })) {
    ids.push(wf.workflowId);
    if (ids.length >= max) break;
  }
  const facts = await engineFactsOf(temporal, ids);
  return [...facts.values()].filter((f) => f.failingActivity || f.failingTaskAttempts);
}
