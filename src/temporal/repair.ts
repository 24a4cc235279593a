/**
 * Self-repair of cases stuck on a history their own code cannot replay.
 *
 * Why: a workflow task that a worker replays differently from how it first ran fails with a non-determinism error on
 * every attempt, and the case stops for good. The driver (workflows/driver.ts) removed the cause in our code; one
 * remains in the SDK: when a task first ran with an activity result and a new update in two activations, and a fresh
 * worker replays them as one, the update's acceptance comes out before the commands the result led to (the fault
 * suite saw "Update machine does not handle this event: ActivityTaskScheduled" after a worker was killed; compare
 * temporalio/sdk-python#673). Temporal's answer is a reset: a new run with the history up to just before the task
 * that no longer replays, the updates and signals after it applied again, and that task run afresh. It is safe here
 * because every activity is idempotent (a write lands once, a register number is given once) and every decision
 * is applied again in its order. The worker scans for such cases and resets them; each reset is logged.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Logger } from '../logger';

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** One reset made (or found unsafe to make). */
export interface Repair {
  workflowId: string;
  runId: string;
  /** The event the failing task could not match, from the failure message. */
  mismatchEventId: number;
  /** The workflow task the new run starts again from. */
  resetToEventId: number;
  newRunId: string;
}

/**
 * Finds running workflows of the task queue whose current task fails with a non-determinism error and resets each to just before the
 * task that first issued the mismatched command. Returns the resets made.
 */
export async function repairNondeterministicWorkflows(
  client: Client,
  logger: Logger,
  taskQueue: string,
): Promise<Repair[]> {
  const repairs: Repair[] = [];
  const query = `ExecutionStatus="Running" AND TaskQueue="${taskQueue}"`;
  for await (const wf of client.workflow.list({ query })) {
    const handle = client.workflow.getHandle(wf.workflowId, wf.runId);
    const described = await handle.describe().catch(() => null);
    if ((described?.raw.pendingWorkflowTask?.attempt ?? 0) < 2) continue;
    const events = (await handle.fetchHistory()).events ?? [];
    const failed = [...events]
      .reverse()
      .find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    const attrs = failed?.workflowTaskFailedEventAttributes;
    if (attrs?.cause !== WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR) continue;
    const message = attrs.failure?.message ?? '';
    const mismatch = /HistoryEvent\(id: (\d+)/.exec(message);
    if (!mismatch) {
      logger.error(
        { workflowId: wf.workflowId, runId: wf.runId, message },
        'non-determinism without an event id',
      );
      continue;
    }
    const mismatchEventId = Number(mismatch[1]);
    // The task that issued the mismatched command: the last completed workflow task before that event.
    const completed = events.filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && Number(e.eventId) < mismatchEventId,
    );
    const resetTo = completed.at(-1);
    if (!resetTo) continue;
    const resetToEventId = Number(resetTo.eventId);
    const request = temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
      namespace: client.options.namespace,
      workflowExecution: { workflowId: wf.workflowId, runId: wf.runId },
      reason: `automatic repair: workflow task ${resetToEventId} no longer replays (${message.slice(0, 200)})`,
      workflowTaskFinishEventId: resetToEventId,
      requestId: randomUUID(),
      // Updates and signals after the reset point are applied again (nothing excluded).
      resetReapplyExcludeTypes: [],
    });
    const { runId: newRunId } = await client.workflowService.resetWorkflowExecution(request);
    const repair = { workflowId: wf.workflowId, runId: wf.runId, mismatchEventId, resetToEventId, newRunId };
    logger.warn(
      { ...repair, message: message.slice(0, 300) },
      'workflow reset: its history no longer replayed',
    );
    repairs.push(repair);
  }
  return repairs;
}

/** Runs the repair every `intervalMs` until stopped. */
export function startRepairLoop(
  client: Client,
  logger: Logger,
  taskQueue: string,
  intervalMs: number,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => repairNondeterministicWorkflows(client, logger, taskQueue))
      .catch((err: unknown) => logger.warn({ err }, 'workflow repair scan failed'));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
