/**
 * The rows of the packed lists (src/db/open-work.ts) and the lists computed from them: a person's inbox, the stuck-case
 * board, the statistics. Pure: the same rows give the same answers on every backend.
 */
import type { Actor, CaseStatus, InitiativeState, Stage, WaitingOn } from '../contracts/initiative';
import type { TaskDraft } from '../contracts/records';
import { COMMUNE_WIDE_ROLES } from '../domain/access';
import { vnDate, workingDaysBetween, type HolidayTable } from '../domain/duration';
import type { StoredRow } from './open-work';

/** The task of an open row: who must act, the key it is stored under in `tasks`, when it is due. */
export interface RowTask {
  key: string;
  role: string;
  unitId: string | null;
  personIds: string[];
  assignee: { personId: string; fullName: string } | null;
  description: string;
  dueAt: number | null;
  escalated: boolean;
}

/** An open case (`kind` absent) or an adopting unit's open replication task (`kind: 'replication'`). */
export interface OpenRow extends StoredRow {
  kind?: 'replication';
  initiativeId: string;
  code: string | null;
  title: string;
  unitId: string;
  stage: Stage;
  step: string;
  waitingOn: WaitingOn | null;
  task: RowTask | null;
  /** When whoever must act is due (the step's deadline, or the decision clock while the chairman decides). */
  dueAt: number | null;
  escalated: boolean;
  calendarProblem: string | null;
  /** When the current step (or task) began. */
  since: number;
  stageLog: [Stage, number][];
  /** The round the case was filed into (absent: before rounds, or an adopting unit's task). */
  roundId?: string;
}

/** A closed case, for the statistics. */
export interface ClosedRow extends StoredRow {
  status: CaseStatus;
  roundId?: string;
  stageLog: [Stage, number][];
  closedAt: number | null;
}

/** The task a state asks for: the same as the workflow's `taskOf` (workflows/driver.ts) writes to `tasks`. */
function taskOfState(s: InitiativeState): RowTask | null {
  if (s.status !== 'OPEN' || !s.waitingOn) return null;
  const due = s.deadline?.dueAt ?? (s.step === 'DECISION' ? (s.decisionClock?.dueAt ?? null) : null);
  return {
    key: `${s.initiativeId}:${s.deadline?.key ?? `${s.step}#${s.stage}`}`,
    role: s.waitingOn.role,
    unitId: s.waitingOn.unitId ?? null,
    personIds: s.waitingOn.personIds ?? [],
    assignee: s.waitingOn.assignee ?? null,
    description: s.waitingOn.description,
    dueAt: due ? Date.parse(due) : null,
    escalated: s.deadline?.escalated ?? false,
  };
}

const logOf = (s: InitiativeState): [Stage, number][] =>
  (s.stageLog ?? []).map((e) => [e.stage, Date.parse(e.enteredAt)]);

/** The row of an open case, with the fields CaseRepository.upsertState derives the same way. */
export function openRowOf(s: InitiativeState, updatedAt: number): OpenRow {
  const due = s.deadline?.dueAt ?? (s.step === 'DECISION' ? s.decisionClock?.dueAt : null);
  const last = s.stageLog?.at(-1);
  return {
    id: s.initiativeId,
    rev: s.revision,
    initiativeId: s.initiativeId,
    code: s.code ?? null,
    title: s.dossier.title,
    unitId: s.dossier.unitId,
    stage: s.stage,
    step: s.step,
    waitingOn: s.waitingOn,
    task: taskOfState(s),
    dueAt: due ? Date.parse(due) : null,
    escalated: (s.deadline?.escalated ?? false) || (s.decisionClock?.escalated ?? false),
    calendarProblem: s.calendarProblem,
    since: s.deadline ? Date.parse(s.deadline.startedAt) : last ? Date.parse(last.enteredAt) : updatedAt,
    stageLog: logOf(s),
    ...(s.round ? { roundId: s.round.id } : {}),
  };
}

/** The row of a closed case. */
export function closedRowOf(s: InitiativeState): ClosedRow {
  return {
    id: s.initiativeId,
    rev: s.revision,
    status: s.status,
    ...(s.round ? { roundId: s.round.id } : {}),
    stageLog: logOf(s),
    closedAt: s.closure ? Date.parse(s.closure.at) : null,
  };
}

/** The row of an adopting unit's task (a replication case has no revision here: the newest write wins). */
export function replicationRowOf(
  caseId: string,
  initiativeId: string,
  task: TaskDraft,
  names: { code: string | null; title: string },
  since: number,
): OpenRow {
  return {
    id: caseId,
    rev: 0,
    kind: 'replication',
    initiativeId,
    code: names.code,
    title: names.title,
    unitId: task.unitId ?? '',
    stage: 'REPLICATION_FOLLOW_UP',
    step: 'REPLICATION',
    waitingOn: null,
    task: {
      key: task.key,
      role: task.role,
      unitId: task.unitId ?? null,
      personIds: task.personIds ?? [],
      assignee: task.assignee ?? null,
      description: task.description,
      dueAt: task.dueAt ? Date.parse(task.dueAt) : null,
      escalated: task.escalated ?? false,
    },
    dueAt: task.dueAt ? Date.parse(task.dueAt) : null,
    escalated: task.escalated ?? false,
    calendarProblem: null,
    since,
    stageLog: [],
  };
}

/** Whether a task is the actor's: named, reassigned to them, their commune-wide role's, their unit's, or escalated. */
export function isMine(a: Actor, t: RowTask): boolean {
  if (t.personIds.includes(a.personId) || t.assignee?.personId === a.personId) return true;
  if (t.assignee) return a.roles.includes('SUPERVISOR') && t.escalated;
  if (
    t.personIds.length === 0 &&
    COMMUNE_WIDE_ROLES.includes(t.role as never) &&
    a.roles.includes(t.role as never)
  )
    return true;
  if (
    t.role === 'UNIT_HEAD' &&
    a.roles.includes('UNIT_HEAD') &&
    t.unitId !== null &&
    a.unitIds.includes(t.unitId)
  )
    return true;
  return a.roles.includes('SUPERVISOR') && t.escalated;
}

/** An inbox line. */
export interface InboxItem {
  taskId: string;
  initiativeId: string;
  code: string | null;
  title: string;
  description: string;
  role: string;
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  since: string;
}

/** The actor's tasks, overdue first, then by due date (undated last); at most `limit`. */
export function inboxOf(rows: readonly OpenRow[], a: Actor, now: number, limit: number): InboxItem[] {
  return rows
    .filter((r) => r.task && isMine(a, r.task))
    .sort((x, y) => (x.task!.dueAt ?? Infinity) - (y.task!.dueAt ?? Infinity) || x.id.localeCompare(y.id))
    .slice(0, limit)
    .map((r) => ({
      taskId: r.task!.key,
      initiativeId: r.initiativeId,
      code: r.code,
      title: r.title,
      description: r.task!.description,
      role: r.task!.role,
      dueAt: r.task!.dueAt === null ? null : new Date(r.task!.dueAt).toISOString(),
      overdue: r.task!.dueAt !== null && r.task!.dueAt < now,
      escalated: r.task!.escalated,
      since: new Date(r.since).toISOString(),
    }));
}

/** Filters of the stuck-case board. */
export interface StuckFilter {
  stage?: Stage | undefined;
  unitId?: string | undefined;
  waitingOn?: string | undefined;
  idleWorkingDays?: number | undefined;
  overdue?: 'true' | 'false' | undefined;
  roundId?: string | undefined;
  limit: number;
}

/** A stuck case with its idle and overdue days. */
export interface StuckRow {
  row: OpenRow;
  idleWorkingDays: number;
  overdueDays: number;
}

const DAY = 86_400_000;

/**
 * Working days from each of the given instants' days to now, walking the calendar once from the earliest day (the
 * board would otherwise count the days of every row separately).
 */
function idleDaysFrom(instants: Iterable<number>, now: number, holidays: HolidayTable): Map<string, number> {
  const days = [...new Set([...instants].map((t) => vnDate(t)))].sort();
  const out = new Map<string, number>();
  let prev: string | null = null;
  let prevCount = 0;
  for (const d of days.reverse()) {
    // Counting from `d` is counting from the later day `prev` plus the working days between them.
    const count =
      prev === null
        ? workingDaysBetween(Date.parse(`${d}T00:00:00+07:00`), now, holidays).days
        : prevCount +
          workingDaysBetween(
            Date.parse(`${d}T00:00:00+07:00`),
            Date.parse(`${prev}T00:00:00+07:00`),
            holidays,
          ).days;
    out.set(d, count);
    prev = d;
    prevCount = count;
  }
  return out;
}

/** The stuck cases the filter asks for, most overdue then longest idle first, and how many there are. */
export function stuckOf(
  rows: readonly OpenRow[],
  q: StuckFilter,
  now: number,
  holidays: HolidayTable,
): { page: StuckRow[]; total: number } {
  const matching = rows.filter(
    (r) =>
      r.kind === undefined &&
      (!q.stage || r.stage === q.stage) &&
      (!q.unitId || r.unitId === q.unitId) &&
      (!q.roundId || r.roundId === q.roundId) &&
      (!q.waitingOn || r.waitingOn?.role === q.waitingOn) &&
      (q.overdue !== 'true' || (r.dueAt !== null && r.dueAt < now)),
  );
  const idle = idleDaysFrom(
    matching.map((r) => r.since),
    now,
    holidays,
  );
  const stuck = matching
    .map((row) => ({
      row,
      idleWorkingDays: idle.get(vnDate(row.since)) ?? 0,
      overdueDays:
        row.dueAt !== null && row.dueAt < now ? Math.max(1, Math.floor((now - row.dueAt) / DAY)) : 0,
    }))
    .filter((s) =>
      q.idleWorkingDays !== undefined
        ? s.idleWorkingDays >= q.idleWorkingDays
        : // Without an idle filter, "stuck" means overdue, escalated, or without a computable deadline.
          s.overdueDays > 0 || s.row.escalated || !!s.row.calendarProblem,
    )
    .sort(
      (a, b) =>
        b.overdueDays - a.overdueDays ||
        b.idleWorkingDays - a.idleWorkingDays ||
        a.row.id.localeCompare(b.row.id),
    );
  return { page: stuck.slice(0, q.limit), total: stuck.length };
}

/** The supervisor's statistics. */
export interface Statistics {
  byStage: Record<string, number>;
  byUnit: Record<string, number>;
  byStatus: Record<string, number>;
  daysInStage: Record<string, { cases: number; meanDays: number; maxDays: number }>;
}

/** Time spent per stage (sum, max, count of spans in days), adding to `into`. */
export function addSpans(
  into: Map<string, { sum: number; max: number; n: number }>,
  log: readonly [Stage, number][],
  end: number,
): void {
  log.forEach(([stage, at], i) => {
    const days = ((log[i + 1]?.[1] ?? end) - at) / DAY;
    const s = into.get(stage) ?? { sum: 0, max: -Infinity, n: 0 };
    s.sum += days;
    s.max = Math.max(s.max, days);
    s.n++;
    into.set(stage, s);
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Spans to the statistics' figures. */
export function daysInStageOf(
  spans: Map<string, { sum: number; max: number; n: number }>,
): Statistics['daysInStage'] {
  return Object.fromEntries(
    [...spans].map(([stage, s]) => [
      stage,
      { cases: s.n, meanDays: round2(s.sum / s.n), maxDays: round2(s.max) },
    ]),
  );
}
