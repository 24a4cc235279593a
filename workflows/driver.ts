/**
 * The one coroutine that checks every decision and issues every command of an initiative workflow, in a fixed order
 * once the activation's jobs have run, so a replay meets the same commands whatever order the jobs came in
 * (docs/durability.md, "One coroutine issues every command").
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { InitiativeInput, InitiativeOutcome, InitiativeState } from '../src/contracts/initiative';
import type { TaskDraft } from '../src/contracts/records';
import { changeOf, snapshotOf, stateOf, type StateSnapshot } from '../src/contracts/state-change';
import { stageKey, statusKey, unitKey } from '../src/contracts/search-attributes';
import { records } from './activity-proxies';
import type { Case } from './case';
import type { TimerPoint } from './timer-points';

/** The pending timer: the one point the case waits for next. */
interface Alarm {
  at: number;
  fired: boolean;
  scope: CancellationScope;
}

/**
 * Resolves once the jobs of the current activation, and the microtasks they started, have all run. A condition is
 * evaluated when created and again after every round of microtasks; this one answers "not yet" the first time.
 */
export function settled(): Promise<void> {
  let seen = false;
  return condition(() => {
    const ready = seen;
    seen = true;
    return ready;
  });
}

export class Driver {
  private writing = false;
  /** The revision of the state last sent to the read model. */
  private sent: number;
  private erranding = false;
  private failure: Error | null = null;
  private alarm: Alarm | null = null;
  private readonly sentState: SentState = { search: '', snapshot: null, revision: 0 };

  constructor(
    private readonly c: Case,
    private readonly timerPoints: (c: Case) => TimerPoint[],
    private readonly canContinueAsNew: (c: Case) => boolean,
  ) {
    this.sent = c.written;
  }

  private get errands() {
    return this.c.errands;
  }

  /** Changes not yet sent to the read model. */
  private get unsent(): boolean {
    return this.c.outbox.length > 0 || this.c.state.revision > this.sent;
  }

  /** Drives the case until it is closed and everything is written; continues as new when history grows long. */
  async run(): Promise<InitiativeOutcome> {
    for (;;) {
      await condition(() => this.hasWork());
      await settled();
      if (await this.step()) {
        const { initiativeId, status, revision } = this.c.state;
        return { initiativeId, status, revision };
      }
    }
  }

  private get idle(): boolean {
    return (
      !this.unsent && !this.writing && !this.erranding && this.errands.size === 0 && this.c.inbox.length === 0
    );
  }

  /** The earliest point the case waits for; none once it is closed. */
  private nextPoint(): TimerPoint | undefined {
    if (this.c.closed) return undefined;
    return this.timerPoints(this.c).sort((a, b) => a.at - b.at)[0];
  }

  private hasWork(): boolean {
    if (this.failure !== null || this.alarm?.fired || this.c.inbox.length > 0) return true;
    if (this.unsent && !this.writing) return true;
    if (this.errands.size > 0 && !this.erranding) return true;
    if (this.nextPoint()?.at !== this.alarm?.at) return true;
    if (!this.idle || !allHandlersFinished()) return false;
    return this.c.closed || this.mayContinueAsNew();
  }

  private mayContinueAsNew(): boolean {
    return workflowInfo().continueAsNewSuggested && !this.c.closed && this.canContinueAsNew(this.c);
  }

  /** Acts on the settled state, in a fixed order. True when the case is done. */
  private async step(): Promise<boolean> {
    if (this.failure !== null) throw this.failure;
    const c = this.c;

    // 1. The timer fell: its point (if still the earliest one) does what it does.
    if (this.alarm?.fired) {
      const at = this.alarm.at;
      this.alarm = null;
      const next = this.nextPoint();
      if (next && next.at <= Math.max(at, Date.now())) next.fire();
    }

    // 2. Decisions and signals, in the order they came, against the case as the timer left it.
    for (const decide of c.inbox.splice(0)) decide();

    // 3. Write the outbox: read model, legal-record entries, the current task.
    if (this.unsent && !this.writing) {
      const revision = c.state.revision;
      this.writing = true;
      this.sent = revision;
      writeOutbox(c, this.sentState).then(
        () => {
          this.writing = false;
          c.written = revision;
        },
        (err: unknown) => (this.failure = asError(err)),
      );
    }

    // 4. The next errand a handler asked for (an activity or a child workflow); the handler waits for its result.
    const errand = this.erranding ? undefined : this.errands.take();
    if (errand) {
      this.erranding = true;
      errand.work().then(
        (value) => {
          this.erranding = false;
          errand.resolve(value);
        },
        (err: unknown) => {
          this.erranding = false;
          errand.reject(err);
        },
      );
    }

    // 5. The timer waits for the earliest point; a new earliest point replaces it.
    this.setAlarm(this.nextPoint()?.at);

    // 6. Done, or continue as new, once every write and handler has finished.
    if (!this.idle || !allHandlersFinished()) return false;
    if (c.closed) return true;
    if (this.mayContinueAsNew()) {
      await continueAsNew<(input: InitiativeInput) => Promise<InitiativeOutcome>>(resumeInput(c));
    }
    return false;
  }

  private setAlarm(at: number | undefined): void {
    if (this.alarm?.at === at) return;
    this.alarm?.scope.cancel();
    this.alarm = null;
    if (at === undefined) return;
    const alarm: Alarm = { at, fired: false, scope: new CancellationScope() };
    this.alarm = alarm;
    alarm.scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => (alarm.fired = true),
        (err: unknown) => {
          if (!isCancellation(err)) this.failure = asError(err);
        },
      );
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** What this run last sent to the read model: the search attributes set, and the state (null: nothing yet). */
export interface SentState {
  search: string;
  snapshot: StateSnapshot | null;
  revision: number;
}

/**
 * Writes the outbox now: the legal-record entries, the current task and the read model, after updating the search
 * attributes when the stage or status changed. The state goes as what changed since this run's last write (its first
 * write sends it whole); should the read model not hold that last write (it was restored from a backup, say), the
 * activity says so and the state is sent whole. The activity is scheduled before this returns.
 */
export async function writeOutbox(c: Case, sent: SentState): Promise<void> {
  const entries = c.outbox.splice(0);
  const s = c.state;
  const current = `${s.stage}|${s.status}`;
  if (current !== sent.search) {
    sent.search = current;
    upsertSearchAttributes([
      { key: stageKey, value: s.stage },
      { key: statusKey, value: s.status },
      { key: unitKey, value: s.dossier.unitId },
    ]);
  }
  const write = { caseId: s.initiativeId, initiativeId: s.initiativeId, entries, task: taskOf(s) };
  const snapshot = snapshotOf(s);
  const before = sent.snapshot;
  const base = sent.revision;
  sent.snapshot = snapshot;
  sent.revision = s.revision;
  if (!before) {
    await records.recordCase({ ...write, readModel: s });
    return;
  }
  try {
    await records.recordCase({ ...write, change: changeOf(before, base, s, snapshot) });
  } catch (err) {
    const stale =
      err instanceof ActivityFailure &&
      err.cause instanceof ApplicationFailure &&
      err.cause.type === 'STALE_READ_MODEL';
    if (!stale) throw err;
    await records.recordCase({ ...write, readModel: stateOf<InitiativeState>(snapshot) });
  }
}

/** The input of the case's next run when it continues as new: its state so far. */
export function resumeInput(c: Case): InitiativeInput {
  return {
    initiativeId: c.state.initiativeId,
    dossier: c.state.dossier,
    filedBy: c.state.filedBy,
    filedAt: c.state.filedAt,
    pack: c.pack,
    resume: { state: c.state },
  };
}

/** The task of whoever must act now, keyed by the step's deadline so a retried write lands on the same task. */
export function taskOf(s: InitiativeState): TaskDraft | null {
  if (s.status !== 'OPEN' || !s.waitingOn) return null;
  const dueAt = s.deadline?.dueAt ?? (s.step === 'DECISION' ? (s.decisionClock?.dueAt ?? null) : null);
  return {
    key: `${s.initiativeId}:${s.deadline?.key ?? `${s.step}#${s.stage}`}`,
    role: s.waitingOn.role,
    ...(s.waitingOn.unitId ? { unitId: s.waitingOn.unitId } : {}),
    ...(s.waitingOn.councilId ? { councilId: s.waitingOn.councilId } : {}),
    ...(s.waitingOn.personIds ? { personIds: s.waitingOn.personIds } : {}),
    ...(s.waitingOn.assignee ? { assignee: s.waitingOn.assignee } : {}),
    description: s.waitingOn.description,
    dueAt,
    escalated: s.deadline?.escalated ?? false,
  };
}
