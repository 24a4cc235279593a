/**
 * The in-memory case of one initiative workflow and the helpers every stage uses; no I/O here, as only the driver
 * issues commands, in its fixed order (docs/durability.md, "One coroutine issues every command").
 */
import { ApplicationFailure, condition } from '@temporalio/workflow';
import type { DecisionErrorCode } from '../src/contracts/errors';
import type {
  Actor,
  CaseStatus,
  Deadline,
  InitiativeInput,
  InitiativeState,
  PublishedCalendar,
  Stage,
  Step,
  WaitingOn,
} from '../src/contracts/initiative';
import type { LegalEntryDraft } from '../src/contracts/records';
import {
  addDuration,
  CalendarGapError,
  reminderInstants,
  vnDueDay,
  type Duration,
  type HolidayTable,
} from '../src/domain/duration';
import type { RulePack } from '../src/domain/rule-pack';
import { Errands } from './errands';

/** What happens when a step's deadline expires. A deadline never silently rejects a case (process.md). */
export type ExpiryRule =
  'ESCALATE' | 'FINAL_REMINDER_THEN_WITHDRAW' | 'CLOSE_REJECTED' | 'END_TRACKING' | 'NONE';

/** Per-step deadline behaviour: whether reminders go out at the pack's fractions, and what expiry does. */
export const STEP_DEADLINES: Record<Step, { remind: boolean; onExpiry: ExpiryRule }> = {
  UNIT_REVIEW: { remind: true, onExpiry: 'ESCALATE' },
  AMENDMENT: { remind: true, onExpiry: 'FINAL_REMINDER_THEN_WITHDRAW' },
  REGISTRATION: { remind: true, onExpiry: 'ESCALATE' },
  FORMAL_CHECK: { remind: true, onExpiry: 'ESCALATE' },
  COUNCIL_FORMATION: { remind: true, onExpiry: 'ESCALATE' },
  SCORING: { remind: true, onExpiry: 'ESCALATE' },
  MEETING: { remind: true, onExpiry: 'ESCALATE' },
  EFFECT_REPORTING: { remind: false, onExpiry: 'END_TRACKING' },
  EFFECT_CONFIRMATION: { remind: true, onExpiry: 'ESCALATE' },
  DECISION: { remind: false, onExpiry: 'NONE' },
  APPEAL_WINDOW: { remind: false, onExpiry: 'CLOSE_REJECTED' },
  REPLICATION: { remind: false, onExpiry: 'NONE' },
  CLOSED: { remind: false, onExpiry: 'NONE' },
};

const HISTORY_LIMIT = 30;

/** Refuses a decision with a stable code and a Vietnamese message; a refused update leaves no trace in history. */
export function refuse(code: DecisionErrorCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** One initiative's live case. */
export class Case {
  /** Legal-record entries not yet written by the recorder. */
  readonly outbox: LegalEntryDraft[] = [];
  /** True while an async handler is between its check and its transition (e.g. registration awaiting a number). */
  busy = false;
  /** Activities and child workflows a handler asked for; the driver runs them (workflows/errands.ts). */
  readonly errands = new Errands();
  /** Decisions and signals received, waiting for the driver to check and apply them (workflows/driver.ts). */
  readonly inbox: (() => void)[] = [];
  /** The highest revision of the state the read model is known to hold. */
  written: number;

  constructor(
    readonly state: InitiativeState,
    readonly pack: RulePack,
  ) {
    this.written = state.revision;
  }

  /** Runs command-issuing work for a handler as an errand of the driver's. */
  errand<T>(work: () => Promise<T>): Promise<T> {
    return this.errands.do(work);
  }

  /**
   * Has the driver run `apply` once the jobs of the current activation have all been applied (a fired timer, an
   * activity's result), so a decision is checked against the case as it stands, not against the instant it arrived.
   */
  decide<T>(apply: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.inbox.push(() => {
        try {
          resolve(apply());
        } catch (err) {
          // A refusal (an ApplicationFailure) or the handler's own error, passed on as it was thrown.
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
  }

  /** Resolves once the read model holds `revision` (or a later one). */
  persisted(revision: number): Promise<void> {
    return condition(() => this.written >= revision);
  }

  /** A new case from the filing. */
  static file(input: InitiativeInput, pack: RulePack): Case {
    const state: InitiativeState = {
      initiativeId: input.initiativeId,
      ...(input.code ? { code: input.code } : {}),
      status: 'OPEN',
      stage: 'UNIT_RECOMMENDATION',
      step: 'UNIT_REVIEW',
      waitingOn: null,
      deadline: null,
      calendarProblem: null,
      ...(input.calendar ? { calendar: input.calendar } : {}),
      dossier: input.dossier,
      dossierVersion: 1,
      filedBy: input.filedBy,
      filedAt: input.filedAt,
      rulePackVersion: pack.version,
      ...(input.round ? { round: input.round } : {}),
      amendment: null,
      registration: null,
      acceptedAt: null,
      decisionClock: null,
      council: null,
      scores: {},
      scoresRevealed: false,
      meetings: [],
      councilRecommended: null,
      meanScore: null,
      effect: null,
      decision: null,
      appeal: null,
      remunerationSchedule: [],
      replication: null,
      closure: null,
      reminders: 0,
      escalations: 0,
      stageLog: [{ stage: 'UNIT_RECOMMENDATION', enteredAt: input.filedAt }],
      history: [],
      legalSeq: 0,
      revision: 0,
    };
    return new Case(state, pack);
  }

  /** The days off the case counts working days on: the latest published calendar it has, else its pack's table. */
  get holidays(): HolidayTable {
    return this.state.calendar?.holidays ?? this.pack.holidays.value;
  }

  /**
   * Takes a newly published calendar and counts the step's due date again on it. A due date a person extended stays
   * as they set it; the reminders still ahead follow the new due date.
   */
  applyCalendar(calendar: PublishedCalendar): void {
    if (calendar.version <= (this.state.calendar?.version ?? 0)) return;
    this.state.calendar = calendar;
    this.state.revision++;
    const d = this.state.deadline;
    if (!d?.period || d.extensions.length > 0 || this.closed) return;
    let dueAt: string;
    try {
      dueAt = new Date(addDuration(Date.parse(d.startedAt), d.period, this.holidays)).toISOString();
    } catch (err) {
      // Still a year without days off: the supervisor was told when the due date could not be counted.
      if (err instanceof CalendarGapError) return;
      throw err;
    }
    if (dueAt === d.dueAt) return;
    const before = d.dueAt;
    d.dueAt = dueAt;
    d.escalated = false;
    this.rearm(d);
    this.state.calendarProblem = null;
    this.record(
      'DEADLINE_RECOUNTED',
      null,
      `Hạn xử lý tính lại theo lịch nghỉ lễ mới (phiên bản ${calendar.version}): ${vnDueDay(Date.parse(dueAt))}`,
      { key: d.key, calendarVersion: calendar.version, before, dueAt },
    );
  }

  /** Now, as the workflow sees it (deterministic). */
  now(): number {
    return Date.now();
  }

  /** True when the case has ended. */
  get closed(): boolean {
    return this.state.status !== 'OPEN';
  }

  /** Appends a legal-record entry (written by the recorder, in order) and a history item. */
  record(kind: string, actor: Actor | null, summary: string, details: Record<string, unknown> = {}): void {
    const at = new Date(this.now()).toISOString();
    const seq = ++this.state.legalSeq;
    this.outbox.push({
      seq,
      at,
      kind,
      stage: this.state.stage,
      step: this.state.step,
      actorId: actor?.personId ?? 'system',
      actorName: actor?.fullName ?? 'Hệ thống',
      summary,
      // The office a decision was taken in (a unit head's term) is part of the legal record.
      details: actor?.office ? { ...details, actingOffice: actor.office } : details,
      rulePackVersion: this.state.rulePackVersion,
    });
    this.state.history.push({ at, kind, ...(actor ? { actor: actor.fullName } : {}), summary });
    if (this.state.history.length > HISTORY_LIMIT)
      this.state.history.splice(0, this.state.history.length - HISTORY_LIMIT);
    this.state.revision++;
  }

  /** Moves the case to a step, with who must act and the step's period (null: no deadline). */
  enter(
    stage: Stage,
    step: Step,
    waitingOn: WaitingOn | null,
    period: Duration | null,
    startMs = this.now(),
  ): void {
    this.state.stage = stage;
    this.state.step = step;
    this.state.waitingOn = waitingOn;
    this.state.deadline = period
      ? this.deadline(`${step}#${this.state.revision + 1}`, startMs, period)
      : null;
    this.state.revision++;
  }

  /** A deadline starting at `startMs`; a missing holiday table leaves it without a due date and tells the supervisor. */
  deadline(key: string, startMs: number, period: Duration): Deadline {
    const startedAt = new Date(startMs).toISOString();
    try {
      const due = addDuration(startMs, period, this.holidays);
      this.state.calendarProblem = null;
      return {
        key,
        startedAt,
        dueAt: new Date(due).toISOString(),
        fired: [],
        escalated: false,
        extensions: [],
        period,
      };
    } catch (err) {
      if (!(err instanceof CalendarGapError)) throw err;
      this.state.calendarProblem = `Chưa có bảng ngày nghỉ lễ năm ${err.year}: không tính được hạn xử lý; hạn được tính khi bảng năm đó được công bố`;
      this.state.escalations++;
      this.record('CALENDAR_GAP', null, this.state.calendarProblem, { year: err.year, key });
      return { key, startedAt, dueAt: null, fired: [], escalated: true, extensions: [], period };
    }
  }

  /** Ends the case in a terminal state. */
  close(
    status: Exclude<CaseStatus, 'OPEN'>,
    actor: Actor | null,
    reason: string,
    kind: string = status,
  ): void {
    this.state.status = status;
    this.state.step = 'CLOSED';
    this.state.waitingOn = null;
    this.state.deadline = null;
    this.state.closure = {
      status,
      at: new Date(this.now()).toISOString(),
      by: actor?.personId ?? 'system',
      reason,
    };
    this.record(kind, actor, reason, { status });
  }

  /** A reminder to whoever must act (automatic when `actor` is null). */
  remind(actor: Actor | null, message: string): void {
    this.state.reminders++;
    this.record('REMINDER', actor, message, { waitingOn: this.state.waitingOn });
  }

  /** Escalation to the supervisor; the case stays open and keeps waiting on the same people. */
  escalate(deadline: Deadline, what: string): void {
    deadline.escalated = true;
    this.state.escalations++;
    this.record('ESCALATED', null, `Quá hạn: ${what}; đã báo cáo cán bộ thi đua – khen thưởng`, {
      deadline: deadline.key,
      waitingOn: this.state.waitingOn,
    });
  }

  /** The reminder and expiry instants of a deadline that have not fired yet, with their keys. */
  pendingPoints(deadline: Deadline, remind: boolean): { key: string; at: number }[] {
    if (!deadline.dueAt) return [];
    const start = Date.parse(deadline.startedAt);
    const due = Date.parse(deadline.dueAt);
    const points = remind
      ? reminderInstants(start, due, this.pack.reminderFractions.value).map((at, i) => ({ key: `r${i}`, at }))
      : [];
    points.push({ key: 'expiry', at: due });
    return points.filter((p) => !deadline.fired.includes(p.key));
  }

  /** Moves a deadline later by `by`, from its due date (or now, if it had none); re-arms the points still ahead. */
  /**
   * The due instant a deadline would have after an extension: from its due date, or from now if that has passed or
   * was never computed. Throws CalendarGapError when working days reach a year without a holiday table.
   */
  extendedDue(deadline: Deadline, by: Duration): number {
    const from = deadline.dueAt ? Math.max(Date.parse(deadline.dueAt), this.now()) : this.now();
    return addDuration(from, by, this.holidays);
  }

  extend(deadline: Deadline, by: Duration, actor: Actor, reason: string): void {
    const due = this.extendedDue(deadline, by);
    deadline.dueAt = new Date(due).toISOString();
    deadline.escalated = false;
    deadline.extensions.push({
      by: actor.personId,
      reason,
      at: new Date(this.now()).toISOString(),
      newDueAt: deadline.dueAt,
    });
    this.rearm(deadline);
    this.state.calendarProblem = null;
  }

  /** After a due date moved: keep only the reminders already in the past; the rest fire against the new due date. */
  private rearm(deadline: Deadline): void {
    const now = this.now();
    const due = deadline.dueAt ? Date.parse(deadline.dueAt) : now;
    const times = reminderInstants(Date.parse(deadline.startedAt), due, this.pack.reminderFractions.value);
    deadline.fired = deadline.fired.filter(
      (k) => k.startsWith('r') && (times[Number(k.slice(1))] ?? 0) <= now,
    );
  }
}
