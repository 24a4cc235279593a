/**
 * The synthetic read model of bench/queries.ts: a province of 100 communes of 40 units each, a third of the cases
 * open, each case with the record CaseRepository.upsertState writes (its state included, padded to a real case's
 * size) and three tasks as TaskRepository.setCurrent leaves them (the current one open while the case is).
 */
import type { Actor, InitiativeState, Role, Stage } from '../src/contracts/initiative';
import type { CaseRecord } from '../src/db/cases';
import type { TaskRecord } from '../src/db/tasks';

const STAGE_STEPS: [Stage, string, Role][] = [
  ['UNIT_RECOMMENDATION', 'UNIT_REVIEW', 'UNIT_HEAD'],
  ['UNIT_RECOMMENDATION', 'REGISTRATION', 'SECRETARY'],
  ['COUNCIL_EVALUATION', 'SCORING', 'COUNCIL_MEMBER'],
  ['COUNCIL_EVALUATION', 'MEETING', 'SECRETARY'],
  ['EFFECT_TRACKING', 'EFFECT_REPORTING', 'UNIT_HEAD'],
  ['REWARD_DECISION', 'DECISION', 'CHAIRMAN'],
];

export const UNITS = 4000;
/** The unit whose head and whose stuck cases are measured. */
export const UNIT = 36;
export const unitOf = (i: number) =>
  `xa-${(i % 100).toString().padStart(3, '0')}-dv-${Math.floor(i / 100) % 40}`;
const DAY = 86_400_000;

/** The people whose lists are measured. */
export const people = {
  unitHead: actor('p-head', ['UNIT_HEAD'], [unitOf(UNIT)]),
  secretary: actor('p-thuky', ['SECRETARY', 'COUNCIL_MEMBER'], [], ['hdsk-xa-012']),
  councilMember: actor('p-member-12', ['COUNCIL_MEMBER'], [], ['hdsk-xa-012']),
  supervisor: actor('p-giamsat', ['SUPERVISOR'], []),
};

function actor(personId: string, roles: Role[], unitIds: string[], councilIds: string[] = []): Actor {
  return { personId, fullName: personId, roles, unitIds, councilIds };
}

/** Case `i`: its read-model record and its tasks. */
export function syntheticCase(i: number, now: number): { c: CaseRecord; tasks: TaskRecord[] } {
  const id = `synthetic-${i.toString().padStart(6, '0')}`;
  const unitId = unitOf(i);
  const open = i % 3 === 0;
  // By i / 3, so that the open cases (every third) wait at every step.
  const [stage, step, role] = STAGE_STEPS[Math.floor(i / 3) % STAGE_STEPS.length]!;
  const filedAt = new Date(now - (i % 1000) * DAY);
  const stepSince = new Date(now - (i % 90) * DAY);
  const dueAt = new Date(stepSince.getTime() + 30 * DAY);
  const council = `hdsk-${unitId.slice(0, 6)}`;
  const status = open ? 'OPEN' : i % 3 === 1 ? 'COMPLETED' : 'REJECTED';
  const waitingOn = open
    ? {
        role,
        ...(role === 'UNIT_HEAD' ? { unitId } : {}),
        ...(role === 'COUNCIL_MEMBER' ? { councilId: council, personIds: [`p-member-${i % 500}`] } : {}),
        description: `Bước ${step}`,
      }
    : null;
  const escalated = open && dueAt.getTime() < now && i % 2 === 0;
  const title = `Sáng kiến số ${i} về cải tiến công việc`;
  const stageLog = [{ stage: 'UNIT_RECOMMENDATION' as Stage, enteredAt: filedAt.toISOString() }];
  if (open && stage !== 'UNIT_RECOMMENDATION') stageLog.push({ stage, enteredAt: stepSince.toISOString() });
  const closedAt = open ? null : new Date(now - (i % 30) * DAY);
  const state = {
    initiativeId: id,
    code: `SK-2026-${String(i + 1).padStart(4, '0')}`,
    dossier: {
      title,
      unitId,
      field: 'Giáo dục',
      summary: 'Tóm tắt sáng kiến.',
      authors: [],
      firstAppliedOn: '2026-01-15',
    },
    filedBy: {
      personId: `p-author-${i % 20_000}`,
      fullName: 'Nguyễn Văn A',
      roles: ['SUBMITTER'],
      unitIds: [unitId],
    },
    filedAt: filedAt.toISOString(),
    registration: null,
    rulePackVersion: '2026.1',
    decision: null,
    meanScore: null,
    council: null,
    replication: null,
    effect: null,
    status,
    stage: open ? stage : 'REPLICATION_FOLLOW_UP',
    step: open ? step : 'CLOSED',
    waitingOn,
    deadline: open
      ? {
          key: `${step}:1`,
          startedAt: stepSince.toISOString(),
          dueAt: dueAt.toISOString(),
          fired: [],
          escalated,
          extensions: [],
        }
      : null,
    decisionClock: null,
    calendarProblem: null,
    closure: closedAt ? { status, at: closedAt.toISOString(), by: 'p-chutich', reason: '' } : null,
    stageLog,
    revision: 5,
    // The rest of a real case's state (scores, council, documents, history): about 6 KB.
    padding: 'x'.repeat(6000),
  } as unknown as InitiativeState;
  const c: CaseRecord = {
    _id: id,
    code: state.code ?? null,
    title,
    titleFolded: `sang kien so ${i} ve cai tien cong viec`,
    unitId,
    field: 'Giáo dục',
    summary: 'Tóm tắt sáng kiến.',
    authors: [{ personId: `p-author-${i % 20_000}`, fullName: 'Nguyễn Văn A', sharePercent: 100 }],
    firstAppliedOn: '2026-01-15',
    status,
    stage: state.stage,
    step: state.step,
    waitingOn,
    filedBy: `p-author-${i % 20_000}`,
    filedAt,
    dueAt: open ? dueAt : null,
    escalated,
    registerNo: `${i}/SK`,
    rulePackVersion: '2026.1',
    roundId: null,
    decisionOutcome: open ? null : i % 3 === 1 ? 'RECOGNISED' : 'REFUSED',
    meanScore: open ? null : 80,
    stepSince,
    summaryFolded: 'tom tat sang kien.',
    fieldFolded: 'giao duc',
    year: filedAt.getUTCFullYear(),
    authorIds: [`p-author-${i % 20_000}`],
    councilId: council,
    replicationUnitIds: [],
    assigneeId: null,
    calendarProblem: null,
    stageLog,
    closedAt,
    effectVerdict: null,
    monetaryBenefitVnd: null,
    decisionDate: null,
    decisionNumber: null,
    revision: 5,
    updatedAt: stepSince,
    state,
  };
  // Two earlier tasks done, and the current one open while the case is.
  const task = (n: number, current: boolean): TaskRecord => ({
    _id: current ? `${id}:${step}:1` : `${id}:task-${n}`,
    caseId: id,
    initiativeId: id,
    role: current ? role : 'UNIT_HEAD',
    unitId: current && role !== 'UNIT_HEAD' ? null : unitId,
    councilId: current && role === 'COUNCIL_MEMBER' ? council : null,
    personIds: current && role === 'COUNCIL_MEMBER' ? [`p-member-${i % 500}`] : [],
    assignee: null,
    description: `Bước ${step}`,
    dueAt: current ? dueAt : new Date(filedAt.getTime() + 10 * DAY),
    escalated: current && escalated,
    status: current && open ? 'OPEN' : 'DONE',
    createdAt: current ? stepSince : filedAt,
    closedAt: current && open ? null : stepSince,
  });
  return { c, tasks: [task(1, false), task(2, false), task(3, true)] };
}

/** The same state one step on (waiting on the secretary, a new deadline): what a decision writes. */
export function movedOn(c: CaseRecord, revision: number, now: number): InitiativeState {
  const s = c.state;
  return {
    ...s,
    status: 'OPEN',
    stage: 'COUNCIL_EVALUATION',
    step: 'MEETING',
    waitingOn: { role: 'SECRETARY', description: 'Bước MEETING' },
    deadline: {
      key: `MEETING:${revision}`,
      startedAt: new Date(now).toISOString(),
      dueAt: new Date(now + 30 * DAY).toISOString(),
      fired: [],
      escalated: false,
      extensions: [],
    },
    closure: null,
    revision,
  };
}
