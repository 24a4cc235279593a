/** People, a fast rule pack and helpers to drive an initiative through its workflow as users would. */
import {
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { initiativeWorkflowId } from '../../src/contracts/ids';
import {
  getStateQuery,
  type Actor,
  type Dossier,
  type InitiativeInput,
  type InitiativeState,
} from '../../src/contracts/initiative';
import type { Duration } from '../../src/domain/duration';
import { DEFAULT_RULE_PACK, type RulePack } from '../../src/domain/rule-pack';

const person = (
  personId: string,
  fullName: string,
  roles: Actor['roles'],
  unitIds: string[] = [],
  councilIds: string[] = [],
): Actor => ({
  personId,
  fullName,
  roles,
  unitIds,
  councilIds,
});

/** The people of the test commune. */
export const people = {
  author: person('author-1', 'Nguyễn Thị Hương Trà', ['SUBMITTER'], ['truong-thcs']),
  unitHead: person('head-thcs', 'Lê Văn Hùng', ['UNIT_HEAD'], ['truong-thcs']),
  otherUnitHead: person('head-tyt', 'Phạm Thị Mai', ['UNIT_HEAD'], ['tram-y-te']),
  mamNonHead: person('head-mn', 'Đỗ Thị Lan', ['UNIT_HEAD'], ['truong-mam-non']),
  secretary: person('secretary-1', 'Vũ Thị Thu', ['SECRETARY', 'COUNCIL_MEMBER'], [], ['hdsk-2026']),
  chairman: person('chairman-1', 'Hoàng Văn Bình', ['CHAIRMAN', 'COUNCIL_MEMBER'], [], ['hdsk-2026']),
  member1: person('member-1', 'Trần Quốc Toản', ['COUNCIL_MEMBER'], [], ['hdsk-2026']),
  member2: person('member-2', 'Ngô Thị Hạnh', ['COUNCIL_MEMBER'], [], ['hdsk-2026']),
  supervisor: person('supervisor-1', 'Bùi Minh Châu', ['SUPERVISOR']),
};

/** The council of the test commune; the author sits on it and must be recused. */
export const councilMembers = [
  { personId: 'chairman-1', fullName: 'Hoàng Văn Bình', position: 'CHAIR' as const },
  { personId: 'secretary-1', fullName: 'Vũ Thị Thu', position: 'SECRETARY' as const },
  { personId: 'member-1', fullName: 'Trần Quốc Toản', position: 'MEMBER' as const },
  { personId: 'member-2', fullName: 'Ngô Thị Hạnh', position: 'MEMBER' as const },
  { personId: 'author-1', fullName: 'Nguyễn Thị Hương Trà', position: 'UNION_REP' as const },
];

const s = (seconds: number): Duration => ({ seconds });

/** The rule-pack periods a person has to act within (each step's deadline, the complaint window, the decision clock). */
export const STEP_DEADLINES = [
  'unitReviewSla',
  'amendmentPeriod',
  'registrationSla',
  'formalCheckSla',
  'councilFormationSla',
  'scoringSla',
  'meetingSla',
  'confirmationSla',
  'complaintWindow',
  'decisionClock',
] as const;

/** The default pack with every period in seconds, so deadlines, tracking and checkpoints happen during a test. */
export function fastPack(overrides: Partial<Record<keyof RulePack, Duration | Duration[]>> = {}): RulePack {
  const pack: RulePack = structuredClone(DEFAULT_RULE_PACK);
  pack.version = 'test-fast';
  const long = s(120);
  for (const key of STEP_DEADLINES) {
    pack[key] = { ...pack[key], value: long };
  }
  pack.amendmentGrace = { ...pack.amendmentGrace, value: s(1) };
  pack.trackingPeriod = { ...pack.trackingPeriod, value: s(2) };
  pack.reportingInterval = { ...pack.reportingInterval, value: s(1) };
  pack.reportReminderLead = { ...pack.reportReminderLead, value: s(0.3) };
  pack.replicationCheckpoints = { ...pack.replicationCheckpoints, value: [s(3), s(5)] };
  for (const [key, value] of Object.entries(overrides)) {
    (pack as unknown as Record<string, { value: unknown }>)[key]!.value = value;
  }
  return pack;
}

/** A complete dossier of the test school, first applied a month ago. */
export function dossier(overrides: Partial<Dossier> = {}): Dossier {
  const firstAppliedOn = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    title: 'Ứng dụng sổ điểm điện tử trong trường THCS',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn,
    summary: 'Thay sổ điểm giấy bằng sổ điểm điện tử, giảm thời gian tổng hợp điểm cuối kỳ.',
    authors: [
      { personId: 'author-1', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
      { fullName: 'Trần Văn Nam', sharePercent: 30 },
    ],
    addressee: 'Ủy ban nhân dân xã Thanh Thủy',
    stateFunded: false,
    ...overrides,
  };
}

let counter = 0;

/** Files a case directly on Temporal, as the gateway does, and returns its handle. */
export async function fileCase(
  client: Client,
  taskQueue: string,
  opts: { pack?: RulePack; dossier?: Partial<Dossier>; id?: string } = {},
): Promise<{ id: string; handle: WorkflowHandleWithFirstExecutionRunId }> {
  const id = opts.id ?? `lc-${Date.now().toString(36)}-${++counter}`;
  const input: InitiativeInput = {
    initiativeId: id,
    dossier: dossier(opts.dossier),
    filedBy: people.author,
    filedAt: new Date().toISOString(),
    pack: opts.pack ?? fastPack(),
  };
  const handle = await client.workflow.start('initiativeWorkflow', {
    workflowId: initiativeWorkflowId(id),
    taskQueue,
    args: [input],
  });
  return { id, handle };
}

/** Sends a decision and returns the new state. */
export async function decide<A extends { actor: Actor }>(
  handle: WorkflowHandle,
  update: UpdateDefinition<{ accepted: true; revision: number }, [A]>,
  args: A,
): Promise<InitiativeState> {
  await handle.executeUpdate(update, { args: [args] });
  // The answer carries the revision only; the state as the one who decided sees it (scores sealed as for them).
  return handle.query(getStateQuery, args.actor.personId);
}

/** Sends a decision that must be refused; returns the refusal's code and message. */
export async function refused<A extends { actor: Actor }, R>(
  handle: WorkflowHandle,
  update: UpdateDefinition<R, [A]>,
  args: A,
): Promise<{ code: string; message: string }> {
  try {
    await handle.executeUpdate(update, { args: [args] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { code: err.cause.type ?? '', message: err.cause.message };
    }
    throw err;
  }
  throw new Error('the decision was accepted but should have been refused');
}

/** The live state. */
export function stateOf(handle: WorkflowHandle, viewer?: string): Promise<InitiativeState> {
  return handle.query(getStateQuery, viewer);
}

/** Polls the state until `predicate` holds. */
export async function waitFor(
  handle: WorkflowHandle,
  predicate: (s: InitiativeState) => boolean,
  timeoutMs = 15_000,
): Promise<InitiativeState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const st = await stateOf(handle);
    if (predicate(st)) return st;
    if (Date.now() > deadline)
      throw new Error(`state not reached; last: ${st.status} ${st.stage} ${st.step}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Full scores within the default rubric. */
export const goodScores = { novelty: 26, applicability: 27, effect: 25, replicability: 8 };
