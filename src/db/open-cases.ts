/**
 * Open work, kept apart from the past: the open cases (with their current task) and the adopting units' open tasks in
 * one packed row set, the closed cases' figures in another (src/db/open-work.ts). A person's inbox, the stuck-case
 * board and the statistics read these and never the `cases` or `tasks` collections, which grow with every case.
 *
 * Written by CaseRepository.upsertState (a case's row, by revision) and TaskRepository.setCurrent (an adopting unit's
 * task); a database written before these sets existed is copied into them once (`backfill`), on first use.
 */
import type { Connection } from 'mongoose';
import type { Actor, InitiativeState } from '../contracts/initiative';
import type { TaskDraft } from '../contracts/records';
import type { HolidayTable } from '../domain/duration';
import { RowSet } from './open-work';
import {
  addSpans,
  closedRowOf,
  daysInStageOf,
  inboxOf,
  openRowOf,
  replicationRowOf,
  stuckOf,
  type ClosedRow,
  type InboxItem,
  type OpenRow,
  type Statistics,
  type StuckFilter,
} from './open-rows';
import { STAGES } from '../contracts/initiative';

/** The marker of a finished backfill (in the `openWork` collection). */
const BACKFILLED = 'backfilled:v1';

/** What a backfill reads from the collections written before the sets existed. */
export interface BackfillSource {
  /** The stored states of every case (open and closed), a page at a time. */
  states(): AsyncIterable<{ state: InitiativeState; updatedAt: Date }>;
  /** The open tasks of adopting units (cases whose id is not their initiative's). */
  replicationTasks(): Promise<
    {
      caseId: string;
      initiativeId: string;
      task: TaskDraft;
      since: Date;
      code: string | null;
      title: string;
    }[]
  >;
}

/** Repository of open work. One per connection (`openWorkOf`), so the rows read stay shared by its users. */
export class OpenWork {
  readonly open: RowSet<OpenRow>;
  readonly closed: RowSet<ClosedRow>;
  private ready: Promise<void> | null = null;
  private source: BackfillSource | null = null;
  private closedSpans: {
    key: string;
    spans: Map<string, { sum: number; max: number; n: number }>;
    byStatus: Record<string, number>;
  } | null = null;

  constructor(private readonly conn: Connection) {
    this.open = new RowSet<OpenRow>(conn, 'open', 16);
    this.closed = new RowSet<ClosedRow>(conn, 'closed', 32);
  }

  /** Where a backfill reads from (set by createRepositories; reads wait for it, writes never do). */
  backfillFrom(source: BackfillSource): void {
    this.source = source;
  }

  /**
   * Stores a case's state: its open row, or (once closed) its closed row and a tombstone in the open set. A state older
   * than the stored row changes nothing.
   */
  async recordCase(s: InitiativeState, updatedAt = new Date()): Promise<void> {
    if (s.status === 'OPEN') {
      await this.open.put([openRowOf(s, updatedAt.getTime())]);
      return;
    }
    await this.closed.put([closedRowOf(s)]);
    await this.open.put([tombstone(s.initiativeId, s.revision)]);
  }

  /** A closed case revoked after its workflow ended (its status, one revision later). */
  async markRevoked(initiativeId: string, revision: number): Promise<void> {
    const row = await this.closed.get(initiativeId);
    if (!row || row.gone !== undefined || row.status === 'REVOKED') return;
    await this.closed.put([{ ...row, status: 'REVOKED', rev: Math.max(row.rev + 1, revision) }]);
  }

  /**
   * Makes `task` the adopting unit's open task (null: none). Without a revision, the newest write wins; `names` gives
   * the initiative's code and title, read only when the task is new.
   */
  async recordReplicationTask(
    caseId: string,
    initiativeId: string,
    task: TaskDraft | null,
    names: () => Promise<{ code: string | null; title: string }>,
    now = Date.now(),
  ): Promise<void> {
    const stored = await this.open.get(caseId);
    if (!task) {
      if (stored && stored.gone === undefined) await this.open.put([tombstone(caseId, 0, now)]);
      return;
    }
    const same = stored?.gone === undefined && stored?.task?.key === task.key ? stored : null;
    const row = replicationRowOf(caseId, initiativeId, task, same ?? (await names()), same?.since ?? now);
    await this.open.put([row]);
  }

  /**
   * Copies older data once if this database has not had it yet; lists wait for this, writes never do. A gateway can
   * call it at start-up so that its first list does not wait for the copy (seconds per thousand cases on FerretDB).
   */
  prepare(): Promise<void> {
    return this.whenReady();
  }

  private async whenReady(): Promise<void> {
    this.ready ??= this.backfill().catch((err: unknown) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  /**
   * Copies, once per database, the cases and adopting units' tasks written before these sets existed. Safe to run
   * twice at once and alongside the worker's writes: every row goes in by revision.
   */
  private async backfill(): Promise<void> {
    const marks = this.conn.collection<{ _id: string }>('openWork');
    if (!this.source || (await marks.findOne({ _id: BACKFILLED }))) return;
    // A closed case needs no tombstone: a row of it in the open set was written after it, by revision. All rows go in
    // one write per set: each write rewrites the chunks it touches.
    const open: OpenRow[] = [];
    const closed: ClosedRow[] = [];
    for await (const { state, updatedAt } of this.source.states()) {
      if (state.status === 'OPEN') open.push(openRowOf(state, updatedAt.getTime()));
      else closed.push(closedRowOf(state));
    }
    await this.open.put(open);
    await this.closed.put(closed);
    const tasks = [];
    for (const t of await this.source.replicationTasks()) {
      if (!(await this.open.get(t.caseId)))
        tasks.push(replicationRowOf(t.caseId, t.initiativeId, t.task, t, t.since.getTime()));
    }
    await this.open.put(tasks);
    await marks
      .updateOne({ _id: BACKFILLED }, { $set: { at: new Date() } }, { upsert: true })
      .catch(() => undefined);
  }

  /** Open rows (cases and adopting units' tasks). */
  async openRows(): Promise<OpenRow[]> {
    await this.whenReady();
    return this.open.all();
  }

  /** The actor's open tasks, overdue first (GET /api/v1/me/tasks). */
  async inbox(actor: Actor, now = Date.now(), limit = 500): Promise<InboxItem[]> {
    return inboxOf(await this.openRows(), actor, now, limit);
  }

  /** The stuck-case board (GET /api/v1/supervision/stuck), before the engine's facts are added. */
  async stuck(q: StuckFilter, holidays: HolidayTable, now = Date.now()) {
    return stuckOf(await this.openRows(), q, now, holidays);
  }

  /** Open cases per stage. */
  async openByStage(): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.fromEntries(STAGES.map((s) => [s, 0]));
    for (const r of await this.openRows()) if (r.kind === undefined) out[r.stage] = (out[r.stage] ?? 0) + 1;
    return out;
  }

  /**
   * The statistics (GET /api/v1/supervision/stats): counts of the open cases and time per stage over every case (or
   * a round's), as of this request. The closed cases' part over every case is computed once per version of their set
   * and kept until it changes.
   */
  async statistics(now = Date.now(), roundId?: string): Promise<Statistics> {
    const [open, closed] = await Promise.all([this.openRows(), this.closed.all()]);
    const key = this.closed.version();
    const past = roundId
      ? closedFigures(
          closed.filter((c) => c.roundId === roundId),
          now,
        )
      : this.closedSpans?.key === key
        ? this.closedSpans
        : (this.closedSpans = { key, ...closedFigures(closed, now) });
    const spans = new Map([...past.spans].map(([k, v]) => [k, { ...v }]));
    const byStage: Record<string, number> = Object.fromEntries(STAGES.map((s) => [s, 0]));
    const byUnit: Record<string, number> = {};
    const byStatus = { ...past.byStatus };
    for (const r of open) {
      if (r.kind !== undefined || (roundId && r.roundId !== roundId)) continue;
      byStatus['OPEN'] = (byStatus['OPEN'] ?? 0) + 1;
      byStage[r.stage] = (byStage[r.stage] ?? 0) + 1;
      byUnit[r.unitId] = (byUnit[r.unitId] ?? 0) + 1;
      addSpans(spans, r.stageLog, now);
    }
    return { byStage, byUnit, byStatus, daysInStage: daysInStageOf(spans) };
  }
}

/** Closed cases' counts by status and time per stage. */
function closedFigures(closed: readonly ClosedRow[], now: number) {
  const spans = new Map<string, { sum: number; max: number; n: number }>();
  const byStatus: Record<string, number> = {};
  for (const c of closed) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    addSpans(spans, c.stageLog, c.closedAt ?? now);
  }
  return { spans, byStatus };
}

function tombstone(id: string, rev: number, now = Date.now()): OpenRow {
  return {
    id,
    rev,
    gone: now,
    initiativeId: id,
    code: null,
    title: '',
    unitId: '',
    stage: 'REPLICATION_FOLLOW_UP',
    step: 'CLOSED',
    waitingOn: null,
    task: null,
    dueAt: null,
    escalated: false,
    calendarProblem: null,
    since: now,
    stageLog: [],
  };
}

const perConnection = new WeakMap<Connection, OpenWork>();

/** The connection's one OpenWork. */
export function openWorkOf(conn: Connection): OpenWork {
  let w = perConnection.get(conn);
  if (!w) {
    w = new OpenWork(conn);
    perConnection.set(conn, w);
  }
  return w;
}
