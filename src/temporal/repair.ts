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
 * that no longer replays. The worker then sends the new run, one after another and each once the one before has
 * completed, every decision (update) the old run accepted after that point, under its own update id and with its own
 * input, and the workflow validates each again. Activities are idempotent (a legal-record entry, a task, a register
 * number lands once), so the record keeps what was written first. A worker that starts finds reset runs in their
 * history and sends again what is missing, so a crash half-way loses nothing. A decision the new run will not take is
 * logged as an error naming the case and the decision, for a person. Each reset and each decision sent is logged.
 */
import { createHash } from 'node:crypto';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import type { HistoryAndWorkflowId } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { Logger } from '../logger';

const { EventType, ResetReapplyExcludeType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** One reset made. */
export interface Repair {
  workflowId: string;
  runId: string;
  /** The event the failing task could not match, from the failure message. */
  mismatchEventId: number;
  /** The workflow task the new run starts again from. */
  resetToEventId: number;
  newRunId: string;
}

/** A decision the repair sends again to a reset run: the old run's update, with its own id and input. */
interface Resend {
  id: string;
  name: string;
  args: unknown[];
}

/** How many times a decision sent again and refused for now (its earlier one still at work) is sent again. */
const RESEND_ATTEMPTS = 60;

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
  /** Reset runs whose decisions this worker has sent again, or is sending. */
  private readonly followed = new Set<string>();
  private readonly following = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly taskQueue: string,
    private readonly replayer: Replayer | null,
  ) {}

  async scan(): Promise<Repair[]> {
    const repairs: Repair[] = [];
    const toReplay: { wf: { workflowId: string; runId: string }; length: number }[] = [];
    const running = new Set<string>();
    const query = `ExecutionStatus="Running" AND TaskQueue="${this.taskQueue}"`;
    for await (const wf of this.client.workflow.list({ query })) {
      running.add(wf.runId);
      // One case the scan cannot handle (its reset refused, a history unreadable) must not keep the others waiting.
      try {
        const handle = this.client.workflow.getHandle(wf.workflowId, wf.runId);
        const described = await handle.describe().catch(() => null);
        if (!described) continue;
        if ((described.raw.pendingWorkflowTask?.attempt ?? 0) >= 2) {
          const events = (await handle.fetchHistory()).events ?? [];
          const failed = [...events]
            .reverse()
            .find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
          const attrs = failed?.workflowTaskFailedEventAttributes;
          if (attrs?.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR) {
            const repair = await this.reset(wf, events, attrs.failure?.message ?? '');
            if (repair) repairs.push(repair);
            continue;
          }
        }
        const length = Number(described.raw.workflowExecutionInfo?.historyLength ?? 0);
        if (this.replayer && this.replayed.get(wf.runId) !== length) toReplay.push({ wf, length });
      } catch (err) {
        this.logger.warn(
          { workflowId: wf.workflowId, runId: wf.runId, err },
          'workflow repair scan failed for a case',
        );
      }
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
      // A run made by a reset (this worker's, or one made before it started): its decisions are sent again.
      if (lastReset(history.events ?? [])) this.follow(wf.workflowId, wf.runId);
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
      try {
        const repair = await this.reset(item.wf, events, result.error.message);
        if (repair) repairs.push(repair);
      } catch (err) {
        this.logger.warn({ workflowId: item.wf.workflowId, err }, 'workflow repair scan failed for a case');
      }
    }
    return repairs;
  }

  /** Stops sending decisions again (a later worker's scan takes over where this one stopped) and waits for it. */
  async close(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.following]);
  }

  /** Resets a run to the last completed workflow task before the event named in a non-determinism message. */
  private async reset(
    wf: { workflowId: string; runId: string },
    events: temporal.api.history.v1.IHistoryEvent[],
    message: string,
  ): Promise<Repair | null> {
    const point =
      resetPoint(events, message) ??
      timerGapPoint(events, message) ??
      (this.replayer ? await firstBrokenTask(this.replayer, wf.workflowId, events) : null);
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
      // Signals are applied again by the server. Decisions (updates) are not: the server would apply them all at once
      // in the new run's first task, where one that first came after an earlier one had finished (a formal check after
      // the registration's number) is refused as a wrong step. The repair sends them again itself, one after another.
      resetReapplyExcludeTypes: [ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE],
    });
    const { runId: newRunId } = await this.client.workflowService.resetWorkflowExecution(request);
    const repair: Repair = {
      workflowId: wf.workflowId,
      runId: wf.runId,
      mismatchEventId,
      resetToEventId,
      newRunId,
    };
    this.logger.warn(
      { ...repair, message: message.slice(0, 300) },
      'workflow reset: its history no longer replayed',
    );
    this.follow(wf.workflowId, newRunId);
    return repair;
  }

  /** Sends again, in the background, the decisions of the run a reset run replaced (once per run and worker). */
  private follow(workflowId: string, runId: string): void {
    if (this.followed.has(runId) || this.stopped) return;
    this.followed.add(runId);
    const p: Promise<void> = this.resend(workflowId, runId)
      .catch((err: unknown) => {
        // Asked again at this worker's next start, or by another worker; sending again is idempotent.
        this.followed.delete(runId);
        this.logger.warn({ workflowId, runId, err }, 'sending decisions again to a reset run failed');
      })
      .finally(() => this.following.delete(p));
    this.following.add(p);
  }

  /**
   * Sends to a reset run, in their order and each once its earlier one has completed, the decisions its old run had
   * accepted after the reset point, each under its own update id and with its own input. The server keeps one update
   * per id in a run, so a decision sent again twice (by two workers, by a worker restarted half-way, or by the gateway
   * for a person still waiting on it, see onCurrentRun) is taken once, and the case takes exactly the decisions the
   * old run had taken. Afterwards the worker logs whether it did, by name of case and decision.
   */
  private async resend(workflowId: string, runId: string): Promise<void> {
    const events = (await this.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    const reset = lastReset(events);
    if (!reset) return;
    const base = await this.client.workflow.getHandle(workflowId, reset.baseRunId).fetchHistory();
    const decisions = resendsAfter(base.events ?? [], reset.eventId, this.client.options.loadedDataConverter);
    const ids = { workflowId, runId: reset.baseRunId, newRunId: runId };
    const refused: string[] = [];
    for (const d of decisions) {
      const outcome = await this.sendAgain(workflowId, runId, d);
      if (outcome === 'stopped') return;
      if (outcome === 'refused') {
        // The ones after it depended on it: a person must look at the case.
        refused.push(...decisions.slice(decisions.indexOf(d)).map((x) => x.id));
        break;
      }
    }
    if (refused.length === 0) {
      this.logger.info({ ...ids, decisions: decisions.length }, 'reset run took every decision again');
    } else {
      this.logger.error(
        { ...ids, refused },
        'reset run did not take every decision again: a person must look at this case',
      );
    }
  }

  /** Sends one decision again until the run has completed it (with success or, as the first time, a failure). */
  private async sendAgain(
    workflowId: string,
    runId: string,
    d: Resend,
  ): Promise<'completed' | 'refused' | 'stopped'> {
    const handle = this.client.workflow.getHandle(workflowId, runId);
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) return 'stopped';
      try {
        await handle.executeUpdate(d.name, { args: d.args as [unknown], updateId: d.id });
        this.logger.info({ workflowId, runId, updateId: d.id, update: d.name }, 'decision sent again');
        return 'completed';
      } catch (err) {
        // Completed with a failure: refused by the workflow on its merits, as it was in the old run.
        if (err instanceof WorkflowUpdateFailedError && (await this.completedIn(handle, d.id))) {
          this.logger.info(
            { workflowId, runId, updateId: d.id, update: d.name },
            'decision sent again, refused again',
          );
          return 'completed';
        }
        // Refused for now (the earlier decision's own work still finishing) or the server unreachable: ask again.
        if (attempt >= RESEND_ATTEMPTS) {
          this.logger.warn(
            { workflowId, runId, updateId: d.id, update: d.name, err: errorText(err) },
            'decision sent again was refused',
          );
          return 'refused';
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  private async completedIn(
    handle: ReturnType<Client['workflow']['getHandle']>,
    updateId: string,
  ): Promise<boolean> {
    const events = (await handle.fetchHistory()).events ?? [];
    return events.some((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId);
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

/**
 * The prefixes of a history that end with each completed workflow task's results and the next task's input: replaying
 * one checks every task up to that one. `completedId` is the task's completed event, `length` the prefix's event count.
 */
export function taskPrefixes(
  events: temporal.api.history.v1.IHistoryEvent[],
): { completedId: number; length: number }[] {
  const out: { completedId: number; length: number }[] = [];
  events.forEach((e, i) => {
    if (e.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) return;
    const next = events.findIndex(
      (x, j) => j > i && x.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
    );
    out.push({ completedId: Number(e.eventId), length: next < 0 ? events.length : next + 1 });
  });
  return out;
}

/**
 * Where to reset a run whose replay failed with "Timer fired event did not have expected timer id X, it was Y": a timer
 * that the first run started and cancelled within one workflow task left no event, but used a timer number (the gap
 * in the history's timer ids before Y), and the replay, running that task's jobs in one activation, never started it;
 * every later timer is then numbered one less. The reset goes to before the task that started the timer before the
 * gap, so the task that used the missing number runs again. Null for any other message, or when no timer id is missing.
 */
export function timerGapPoint(
  events: temporal.api.history.v1.IHistoryEvent[],
  message: string,
): { mismatchEventId: number; resetToEventId: number } | null {
  const m = /Timer fired event did not have expected timer id (\d+), it was (\d+)/.exec(message);
  if (!m) return null;
  const fired = Number(m[2]);
  const started = new Map<number, number>();
  for (const e of events) {
    const id = e.timerStartedEventAttributes?.timerId;
    if (e.eventType === EventType.EVENT_TYPE_TIMER_STARTED && id) started.set(Number(id), Number(e.eventId));
  }
  let gap = fired - 1;
  while (gap >= 1 && started.has(gap)) gap--;
  const mismatchEventId = started.get(fired);
  if (gap < 1 || mismatchEventId === undefined) return null;
  const completed = events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
    .map((e) => Number(e.eventId));
  const before = started.get(gap - 1);
  const taskBefore = before === undefined ? undefined : completed.filter((c) => c < before).at(-1);
  const resetToEventId =
    (taskBefore === undefined ? undefined : completed.filter((c) => c < taskBefore).at(-1)) ?? completed[0];
  return resetToEventId === undefined ? null : { mismatchEventId, resetToEventId };
}

/**
 * Where to reset when the failure names no event and no rule above knows its message: the history up to each workflow
 * task is replayed, by bisection, and the run is reset to the last completed task before the first one whose prefix no
 * longer replays. Null when the whole history replays, or its first task does not.
 */
export async function firstBrokenTask(
  replayer: Replayer,
  workflowId: string,
  events: temporal.api.history.v1.IHistoryEvent[],
): Promise<{ mismatchEventId: number; resetToEventId: number } | null> {
  const prefixes = taskPrefixes(events);
  const breaks = async (i: number): Promise<boolean> => {
    const history = temporal.api.history.v1.History.create({ events: events.slice(0, prefixes[i]!.length) });
    for await (const result of replayer([{ workflowId, history }])) return result.error !== undefined;
    return false;
  };
  let hi = prefixes.length - 1;
  if (hi < 0 || !(await breaks(hi))) return null;
  let lo = -1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await breaks(mid)) hi = mid;
    else lo = mid;
  }
  return lo < 0
    ? null
    : { mismatchEventId: prefixes[hi]!.completedId, resetToEventId: prefixes[lo]!.completedId };
}

/** The id of the update an accepted event is about. */
function acceptedUpdateId(e: temporal.api.history.v1.IHistoryEvent): string {
  const a = e.workflowExecutionUpdateAcceptedEventAttributes;
  return a?.acceptedRequest?.meta?.updateId ?? a?.protocolInstanceId ?? '';
}

/** The acceptances of the decisions (updates) after `resetToEventId`: a reset to there has them sent again. */
function acceptedAfter(
  events: temporal.api.history.v1.IHistoryEvent[],
  resetToEventId: number,
): temporal.api.history.v1.IHistoryEvent[] {
  return events.filter(
    (e) =>
      Number(e.eventId) > resetToEventId &&
      e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED &&
      acceptedUpdateId(e) !== '',
  );
}

/** Ids of the decisions (updates) accepted after `resetToEventId`, in order. */
export function decisionsAfter(
  events: temporal.api.history.v1.IHistoryEvent[],
  resetToEventId: number,
): string[] {
  return acceptedAfter(events, resetToEventId).map(acceptedUpdateId);
}

/** The reset that made a run (its last one): the run it replaced and the event the new run starts after. */
export function lastReset(
  events: temporal.api.history.v1.IHistoryEvent[],
): { eventId: number; baseRunId: string } | null {
  const e = [...events]
    .reverse()
    .find(
      (x) =>
        x.workflowTaskFailedEventAttributes?.cause ===
        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
    );
  const baseRunId = e?.workflowTaskFailedEventAttributes?.baseRunId;
  return e && baseRunId ? { eventId: Number(e.eventId), baseRunId } : null;
}

/** The decisions (updates) an old run accepted after `resetEventId`, in order, with their names and inputs. */
function resendsAfter(
  events: temporal.api.history.v1.IHistoryEvent[],
  resetEventId: number,
  converter: { payloadConverter: { fromPayload(p: temporal.api.common.v1.IPayload): unknown } },
): Resend[] {
  return acceptedAfter(events, resetEventId).flatMap((e) => {
    const input = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    if (!input?.name) return [];
    const args = (input.args?.payloads ?? []).map((p) => converter.payloadConverter.fromPayload(p));
    return [{ id: acceptedUpdateId(e), name: input.name, args }];
  });
}

/**
 * Whether a run that replaced a reset one has taken again every decision the reset one had accepted: each completed in
 * the new run as it did in the old (successfully, or refused on its merits); `missing` are the ones not completed in
 * the new run (or completed otherwise), `differing` those whose outcome changed.
 */
export function takenAgain(
  before: temporal.api.history.v1.IHistoryEvent[],
  after: temporal.api.history.v1.IHistoryEvent[],
): { taken: string[]; missing: string[]; differing: string[] } {
  const outcomes = (events: temporal.api.history.v1.IHistoryEvent[]) => {
    const m = new Map<string, boolean>();
    for (const e of events) {
      const c = e.workflowExecutionUpdateCompletedEventAttributes;
      if (c?.meta?.updateId) m.set(c.meta.updateId, !c.outcome?.failure);
    }
    return m;
  };
  const was = outcomes(before);
  const is = outcomes(after);
  const out = { taken: [] as string[], missing: [] as string[], differing: [] as string[] };
  for (const id of decisionsAfter(before, 0)) {
    const now = is.get(id);
    if (now === undefined) out.missing.push(id);
    else if (was.has(id) && was.get(id) !== now) out.differing.push(id);
    else out.taken.push(id);
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
      await repair.close();
    },
  };
}

/** An error's message with its cause's (a refused update says why in its cause). */
function errorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return [e.message, e.cause?.message].filter(Boolean).join(': ');
}
