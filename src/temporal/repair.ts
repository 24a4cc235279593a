/**
 * Self-repair of cases stuck on a history their own code cannot replay.
 *
 * Why: a workflow task that a worker replays differently from how it first ran fails with a non-determinism error on
 * every attempt, and the case stops for good. The driver (workflows/driver.ts) removed the cause in our code; one
 * remains in the SDK: when a task first ran with an activity result and a new update in two activations, and a fresh
 * worker replays them as one, the update's acceptance comes out before the commands the result led to (the fault
 * suite saw "Update machine does not handle this event: ActivityTaskScheduled" after a worker was killed; compare
 * temporalio/sdk-python#673; the fault suite's history has the update accepted after the write in the task that first
 * ran, before it in the replay). Temporal's answer is a reset: a new run with the history up to just before the task
 * that no longer replays; the server applies again every decision (update) accepted after that point, in order, and the
 * workflow validates each again. Activities are idempotent (a legal-record entry, a task, a register number lands
 * once), so the record keeps what was written first. The worker then checks, by update id, that every one of those
 * decisions was accepted again and completed; one that was not is logged as an error naming the case and the decision,
 * for a person. The worker scans for such cases; each reset and each check is logged.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { HistoryAndWorkflowId } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { Logger } from '../logger';

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** One reset made. */
export interface Repair {
  workflowId: string;
  runId: string;
  /** The event the failing task could not match, from the failure message. */
  mismatchEventId: number;
  /** The workflow task the new run starts again from. */
  resetToEventId: number;
  newRunId: string;
  /** Ids of the decisions (updates) accepted after the reset point, which the new run must accept again. */
  reapplied: string[];
}

/** How long the worker waits for a new run to take again the decisions of the run it replaced, before it reports. */
const REAPPLY_PATIENCE_MS = 5 * 60_000;

/** Replays histories with the worker's own workflow code (its bundle); yields the ones that do not replay. */
export type Replayer = (
  histories: HistoryAndWorkflowId[],
) => AsyncIterable<{ workflowId: string; runId: string; error?: Error }>;

/** A replayer over a workflow bundle (the one the worker runs). */
export function bundleReplayer(workflowBundle: { code: string }): Replayer {
  return (histories) => Worker.runReplayHistories({ workflowBundle, replayName: 'repair-scan' }, histories);
}

/**
 * Finds the running workflows of a task queue whose history no longer replays and resets each to just before the task
 * that first issued the mismatched command. Two ways to find them: a workflow task that keeps failing with a
 * non-determinism error (a case that had work to do), and, with a replayer, a history that changed since it last
 * replayed and now does not (a case that has not yet had its next task, which would fail). Returns the resets made.
 */
export class WorkflowRepair {
  /** Run id → history length that last replayed. */
  private readonly replayed = new Map<string, number>();
  /** Resets whose new run has not yet been seen taking again every decision of the old one. */
  private readonly checks = new Map<string, { repair: Repair; since: number }>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly taskQueue: string,
    private readonly replayer: Replayer | null,
  ) {}

  async scan(): Promise<Repair[]> {
    await this.checkReapplied();
    const repairs: Repair[] = [];
    const toReplay: { wf: { workflowId: string; runId: string }; length: number }[] = [];
    const running = new Set<string>();
    const query = `ExecutionStatus="Running" AND TaskQueue="${this.taskQueue}"`;
    for await (const wf of this.client.workflow.list({ query })) {
      running.add(wf.runId);
      const handle = this.client.workflow.getHandle(wf.workflowId, wf.runId);
      const described = await handle.describe().catch(() => null);
      if (!described) continue;
      if ((described.raw.pendingWorkflowTask?.attempt ?? 0) >= 2) {
        const events = (await handle.fetchHistory()).events ?? [];
        const failed = [...events]
          .reverse()
          .find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
        const attrs = failed?.workflowTaskFailedEventAttributes;
        if (attrs?.cause !== WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR)
          continue;
        const repair = await this.reset(wf, events, attrs.failure?.message ?? '');
        if (repair) repairs.push(repair);
        continue;
      }
      const length = Number(described.raw.workflowExecutionInfo?.historyLength ?? 0);
      if (this.replayer && this.replayed.get(wf.runId) !== length) toReplay.push({ wf, length });
    }
    for (const runId of this.replayed.keys()) if (!running.has(runId)) this.replayed.delete(runId);
    if (!this.replayer || toReplay.length === 0) return repairs;

    const histories: HistoryAndWorkflowId[] = [];
    const eventsOf = new Map<string, temporal.api.history.v1.IHistoryEvent[]>();
    for (const { wf } of toReplay) {
      const history = await this.client.workflow
        .getHandle(wf.workflowId, wf.runId)
        .fetchHistory()
        .catch(() => null);
      if (!history) continue;
      histories.push({ workflowId: wf.workflowId, history });
      eventsOf.set(wf.workflowId, history.events ?? []);
    }
    for await (const result of this.replayer(histories)) {
      const item = toReplay.find((t) => t.wf.workflowId === result.workflowId);
      if (!item) continue;
      if (!result.error) {
        this.replayed.set(item.wf.runId, item.length);
        continue;
      }
      if (result.error.name !== 'DeterminismViolationError') continue;
      const events = eventsOf.get(result.workflowId) ?? [];
      const repair = await this.reset(item.wf, events, result.error.message);
      if (repair) repairs.push(repair);
    }
    return repairs;
  }

  /** Resets a run to the last completed workflow task before the event named in a non-determinism message. */
  private async reset(
    wf: { workflowId: string; runId: string },
    events: temporal.api.history.v1.IHistoryEvent[],
    message: string,
  ): Promise<Repair | null> {
    const point = resetPoint(events, message);
    if (!point) {
      this.logger.error(
        { workflowId: wf.workflowId, runId: wf.runId, message: message.slice(0, 500) },
        'non-determinism without a reset point',
      );
      return null;
    }
    const { mismatchEventId, resetToEventId } = point;
    const request = temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
      namespace: this.client.options.namespace,
      workflowExecution: { workflowId: wf.workflowId, runId: wf.runId },
      reason: `automatic repair: workflow task ${resetToEventId} no longer replays (${message.slice(0, 200)})`,
      workflowTaskFinishEventId: resetToEventId,
      // The same reset asked twice (two workers scanning at once) is made once: the server de-duplicates by request id.
      requestId: resetRequestId(wf.runId, resetToEventId),
      // Updates and signals after the reset point are applied again (nothing excluded).
      resetReapplyExcludeTypes: [],
    });
    const { runId: newRunId } = await this.client.workflowService.resetWorkflowExecution(request);
    const repair: Repair = {
      workflowId: wf.workflowId,
      runId: wf.runId,
      mismatchEventId,
      resetToEventId,
      newRunId,
      reapplied: decisionsAfter(events, resetToEventId),
    };
    this.logger.warn(
      { ...repair, message: message.slice(0, 300) },
      'workflow reset: its history no longer replayed',
    );
    await this.sendRefusedAgain(repair, events);
    this.checks.set(newRunId, { repair, since: Date.now() });
    return repair;
  }

  /**
   * The server applies the later decisions again all at once, in the new run's first task. One that in the old run came
   * after an earlier one had finished (a formal check after the registration's number was given) is then refused as
   * a wrong step, and the case would stand steps behind what its record holds. Once that task is done, each refused
   * decision is sent again, in order, under its own update id and with its own input, so it is taken once.
   */
  private async sendRefusedAgain(
    repair: Repair,
    oldEvents: temporal.api.history.v1.IHistoryEvent[],
  ): Promise<void> {
    if (repair.reapplied.length === 0) return;
    const handle = this.client.workflow.getHandle(repair.workflowId, repair.newRunId);
    let outcome: ReturnType<typeof reappliedOutcome> | null = null;
    for (let i = 0; i < 120; i++) {
      const history = await handle.fetchHistory().catch(() => null);
      if (history) {
        outcome = reappliedOutcome(history.events ?? [], repair.reapplied);
        // Settled: each taken, refused, or completed with a failure; the ones taken have finished their work.
        if (outcome.pending.length === 0) break;
      }
      outcome = null;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!outcome || outcome.refused.length === 0) return;
    // A decision completed with a failure was refused by the workflow on its merits; only the ones refused without a
    // trace (validated too early) are sent again.
    const failed = new Set(
      (await handle.fetchHistory()).events
        ?.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure)
        .map((e) => e.workflowExecutionUpdateCompletedEventAttributes!.meta!.updateId!) ?? [],
    );
    const requests = new Map(
      oldEvents
        .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .map((e) => [
          acceptedUpdateId(e),
          e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!,
        ]),
    );
    const converter = this.client.options.loadedDataConverter.payloadConverter;
    for (const id of repair.reapplied.filter((x) => outcome.refused.includes(x) && !failed.has(x))) {
      const input = requests.get(id)?.input;
      if (!input?.name) continue;
      const args = (input.args?.payloads ?? []).map((p) => converter.fromPayload(p));
      // Under an id of its own (the server does not take the reapplied id a second time), the same for every worker
      // that might repair this case. The earlier decision's own work (the register number, its write) may still be
      // finishing: a refusal now is asked again a little later.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.client.workflow
            .getHandle(repair.workflowId)
            .executeUpdate(input.name, { args: args as [unknown], updateId: againId(id) });
          this.logger.info(
            { workflowId: repair.workflowId, updateId: id, update: input.name },
            'decision sent again',
          );
          break;
        } catch (err) {
          if (attempt < 30) {
            await new Promise((r) => setTimeout(r, 1_000));
            continue;
          }
          this.logger.warn(
            { workflowId: repair.workflowId, updateId: id, update: input.name, err: errorText(err) },
            'decision sent again was refused',
          );
          break;
        }
      }
    }
  }

  /** Checks that each new run has taken again every decision of the run it replaced; reports the ones it has not. */
  private async checkReapplied(): Promise<void> {
    for (const [newRunId, { repair, since }] of this.checks) {
      const history = await this.client.workflow
        .getHandle(repair.workflowId, newRunId)
        .fetchHistory()
        .catch(() => null);
      if (!history) continue;
      const outcome = reappliedOutcome(history.events ?? [], repair.reapplied);
      const ids = { workflowId: repair.workflowId, runId: repair.runId, newRunId };
      if (outcome.pending.length > 0 && Date.now() - since < REAPPLY_PATIENCE_MS) continue;
      this.checks.delete(newRunId);
      if (outcome.refused.length === 0 && outcome.pending.length === 0) {
        this.logger.info({ ...ids, decisions: outcome.taken.length }, 'reset run took every decision again');
      } else {
        this.logger.error(
          { ...ids, refused: outcome.refused, pending: outcome.pending },
          'reset run did not take every decision again: a person must look at this case',
        );
      }
    }
  }
}

/**
 * Where to reset a run whose replay failed with `message`: the last completed workflow task before the event the
 * message names (the task that issued the mismatched command). Null when the message names no event.
 */
export function resetPoint(
  events: temporal.api.history.v1.IHistoryEvent[],
  message: string,
): { mismatchEventId: number; resetToEventId: number } | null {
  const mismatch = /HistoryEvent\(id: (\d+)/.exec(message);
  if (!mismatch) return null;
  const mismatchEventId = Number(mismatch[1]);
  const resetTo = events
    .filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && Number(e.eventId) < mismatchEventId,
    )
    .at(-1);
  return resetTo ? { mismatchEventId, resetToEventId: Number(resetTo.eventId) } : null;
}

/** The id of the update an accepted event is about. */
function acceptedUpdateId(e: temporal.api.history.v1.IHistoryEvent): string {
  const a = e.workflowExecutionUpdateAcceptedEventAttributes;
  return a?.acceptedRequest?.meta?.updateId ?? a?.protocolInstanceId ?? '';
}

/** Ids of the decisions (updates) accepted after `resetToEventId`: a reset to there has them applied again. */
export function decisionsAfter(
  events: temporal.api.history.v1.IHistoryEvent[],
  resetToEventId: number,
): string[] {
  return events
    .filter(
      (e) =>
        Number(e.eventId) > resetToEventId &&
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    )
    .map(acceptedUpdateId)
    .filter((id) => id !== '');
}

/**
 * Which of `ids` a reset run has taken again: accepted and completed without failure (`taken`), refused by the workflow
 * or completed with a failure (`refused`), or not yet decided (`pending`: not accepted before the run's last completed
 * task, or accepted and still running).
 */
export function reappliedOutcome(
  events: temporal.api.history.v1.IHistoryEvent[],
  ids: readonly string[],
): { taken: string[]; refused: string[]; pending: string[] } {
  const accepted = new Set(
    events
      .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      .map(acceptedUpdateId),
  );
  const completed = new Map<string, boolean>();
  for (const e of events) {
    const c = e.workflowExecutionUpdateCompletedEventAttributes;
    if (c?.meta?.updateId) completed.set(c.meta.updateId, !c.outcome?.failure);
  }
  const lastAdmitted = Math.max(
    0,
    ...events
      .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED)
      .map((e) => Number(e.eventId)),
  );
  const decidedSinceAdmitted = events.some(
    (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && Number(e.eventId) > lastAdmitted,
  );
  const out = { taken: [] as string[], refused: [] as string[], pending: [] as string[] };
  for (const id of ids) {
    const ok = completed.get(againId(id)) || completed.get(id);
    if (ok === true) out.taken.push(id);
    else if (ok === false) out.refused.push(id);
    else if (accepted.has(id) || !decidedSinceAdmitted) out.pending.push(id);
    else out.refused.push(id);
  }
  return out;
}

/** A request id that names the reset (run and event), in UUID form. */
export function resetRequestId(runId: string, eventId: number): string {
  const h = createHash('sha256').update(`reset:${runId}:${eventId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Runs the repair scan every `intervalMs` until stopped. */
export function startRepairLoop(
  repair: WorkflowRepair,
  logger: Logger,
  intervalMs: number,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => repair.scan())
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

/** An error's message with its cause's (a refused update says why in its cause). */
function errorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return [e.message, e.cause?.message].filter(Boolean).join(': ');
}

/** The update id under which the repair sends again a decision the reset run refused (see sendRefusedAgain). */
export function againId(updateId: string): string {
  return `${updateId}:again`;
}
