/** Loading a case for a request: visibility (404 when the actor may not know it exists) and workflow error mapping. */
import {
  QueryNotRegisteredError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DECISION_ERROR_CODES, httpStatusFor, type DecisionErrorCode } from '../contracts/errors';
import type { Actor, InitiativeState } from '../contracts/initiative';
import type { CaseRecord } from '../db/cases';
import { isParticipant } from '../domain/access';
import type { GatewayDeps } from './deps';
import { ProblemError } from './problem';

/** The case's read-model record if the actor takes part in it; 404 otherwise (its existence is not revealed). */
export async function visibleCase(deps: GatewayDeps, actor: Actor, id: string): Promise<CaseRecord> {
  const record = await deps.repos.cases.findById(id);
  if (record && isParticipant(actor, record)) return record;
  // The read model trails the workflow by a few milliseconds (e.g. just after the council is formed, or right after
  // filing): ask the workflow itself before saying no, so nobody is refused on a stale list.
  // Only a definite "no such workflow" may end in 404: a server that does not answer now is a 503, not a lie.
  const state = await workflowCall(() => deps.initiatives.getState(id)).catch((err: unknown) => {
    if (err instanceof ProblemError && err.status === 503) throw err;
    // The case exists but its workflow cannot answer now (no worker polling, a failing task): ask again later.
    // A workflow that is gone for good is the only "no".
    if (record && !(err instanceof WorkflowNotFoundError)) {
      throw new ProblemError(
        503,
        'TEMPORAL_UNAVAILABLE',
        'Máy chủ quy trình tạm thời không phản hồi, vui lòng thử lại sau.',
      );
    }
    return null;
  });
  if (state && isParticipant(actor, partiesOf(state))) return record ?? recordOf(state);
  throw new ProblemError(404, 'INITIATIVE_NOT_FOUND', `Không tìm thấy hồ sơ mã ${id}.`);
}

/** The access-relevant parties of a live state. */
function partiesOf(s: InitiativeState) {
  return {
    filedBy: s.filedBy.personId,
    authorIds: s.dossier.authors.flatMap((a) => (a.personId ? [a.personId] : [])),
    unitId: s.dossier.unitId,
    councilId: s.council?.councilId ?? null,
    replicationUnitIds: s.replication?.targets.map((t) => t.unitId) ?? [],
    assigneeId: s.waitingOn?.assignee?.personId ?? null,
  };
}

/** A minimal record built from the live state, for a case the read model has not caught up with yet. */
function recordOf(s: InitiativeState): CaseRecord {
  const now = new Date();
  return {
    _id: s.initiativeId,
    title: s.dossier.title,
    titleFolded: '',
    field: s.dossier.field,
    summary: s.dossier.summary,
    authors: s.dossier.authors,
    firstAppliedOn: s.dossier.firstAppliedOn,
    status: s.status,
    stage: s.stage,
    step: s.step,
    waitingOn: s.waitingOn,
    filedAt: new Date(s.filedAt),
    dueAt: s.deadline?.dueAt ? new Date(s.deadline.dueAt) : null,
    escalated: s.deadline?.escalated ?? false,
    registerNo: s.registration?.registerNo ?? null,
    rulePackVersion: s.rulePackVersion,
    decisionOutcome: s.decision?.outcome ?? null,
    meanScore: s.meanScore,
    stepSince: null,
    summaryFolded: '',
    fieldFolded: '',
    year: Number(s.filedAt.slice(0, 4)),
    ...partiesOf(s),
    calendarProblem: s.calendarProblem,
    stageLog: s.stageLog,
    closedAt: null,
    effectVerdict: s.effect?.verdict ?? null,
    monetaryBenefitVnd: null,
    decisionDate: s.decision ? new Date(s.decision.decidedAt) : null,
    revision: s.revision,
    updatedAt: now,
  };
}

/** A case that is still open (decisions on a closed case are refused before reaching the workflow). */
export function requireOpenCase(record: CaseRecord): void {
  if (record.status !== 'OPEN') {
    throw new ProblemError(409, 'CASE_CLOSED', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.');
  }
}

/**
 * Waits for a decision's outcome at most `waitMs`. Past that (a loaded database can hold a write for minutes) the
 * person gets a 503 DECISION_PENDING instead of a request that hangs: the decision goes on in the workflow, the
 * idempotency key is released, and sending the request again with the same key attaches to the same update (its id
 * comes from the key) and gets its outcome, never a second decision.
 */
export async function boundedUpdate<T>(call: () => Promise<T>, waitMs = 30_000): Promise<T> {
  const pending = call();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ProblemError(
            503,
            'DECISION_PENDING',
            'Thao tác đã được tiếp nhận và đang được xử lý. Vui lòng gửi lại sau ít giây (cùng Idempotency-Key) để nhận kết quả.',
          ),
        ),
      waitMs,
    );
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
    // The outcome of a call given up on is fetched again by the retry; its own failure is not this request's.
    pending.catch(() => undefined);
  }
}

/**
 * Sends an update to the workflow's current run, and follows it when the run it reached closed under it while the
 * workflow goes on in a newer run. That is the worker's repair (src/temporal/repair.ts): it resets a case whose history
 * no longer replays, which terminates the run, and sends the new run, in order, every decision the old one had accepted
 * after the reset point, under its update id. A decision the old run had accepted is then awaited in the new run under
 * its id, never sent afresh: sent before the ones it came after are taken again, it would be refused, and then taken by
 * the repair. A decision that reached no run yet ("workflow not found") is sent again. Either way it is taken once,
 * and the person gets its outcome, not a refusal for a decision that is then taken. `send` must use `updateId`.
 */
export async function onCurrentRun<T>(
  handle: () => WorkflowHandle,
  updateId: string,
  send: (handle: WorkflowHandle) => Promise<T>,
  followMs = 60_000,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const h = handle();
    try {
      return await send(h);
    } catch (err) {
      if (attempt === 3 || !closedUnderUpdate(err)) throw err;
      const status = await h.describe().then(
        (d) => d.status.name,
        () => null,
      );
      if (status !== 'RUNNING') throw err;
      if (!(err instanceof WorkflowNotFoundError)) return followInNewRun<T>(handle, updateId, followMs);
    }
  }
}

/** The outcome of an update in the workflow's current run, once the repair has sent it there (within `followMs`). */
async function followInNewRun<T>(
  handle: () => WorkflowHandle,
  updateId: string,
  followMs: number,
): Promise<T> {
  const until = Date.now() + followMs;
  for (;;) {
    try {
      return await handle().getUpdateHandle<T>(updateId).result();
    } catch (err) {
      // Its outcome: taken, or refused on its merits.
      if (err instanceof WorkflowUpdateFailedError) throw err;
      // Not in the new run yet: the repair sends it after the decisions before it.
      if (Date.now() >= until) throw caseBeingRepaired();
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** The case's workflow is being repaired (src/temporal/repair.ts): the person sends the request again a little later. */
function caseBeingRepaired(): ProblemError {
  return new ProblemError(
    503,
    'CASE_TEMPORARILY_UNAVAILABLE',
    'Hồ sơ tạm thời chưa nhận thao tác vì hệ thống đang tự khôi phục quy trình của hồ sơ. Vui lòng thử lại sau ít phút.',
  );
}

/** The error of an update whose run closed before answering it. */
function closedUnderUpdate(err: unknown): boolean {
  return (
    err instanceof WorkflowNotFoundError ||
    (err instanceof WorkflowUpdateFailedError &&
      err.cause instanceof ApplicationFailure &&
      err.cause.type === RUN_CLOSED_UNDER_UPDATE)
  );
}

/** The server's failure type for an accepted update whose run closed before the update completed. */
const RUN_CLOSED_UNDER_UPDATE = 'AcceptedUpdateCompletedWorkflow';

/** Runs a workflow call and turns its refusals into problems with the workflow's code and Vietnamese message. */
export async function workflowCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (closedUnderUpdate(err)) {
      throw new ProblemError(409, 'CASE_CLOSED', 'Hồ sơ đã kết thúc hoặc không còn nhận thao tác.');
    }
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const code = err.cause.type ?? 'INVALID_INPUT';
      if ((DECISION_ERROR_CODES as readonly string[]).includes(code)) {
        throw new ProblemError(httpStatusFor(code as DecisionErrorCode), code, err.cause.message);
      }
      throw new ProblemError(422, code, err.cause.message);
    }
    // The case's workflow task is failing (a history that no longer replays, until the worker's repair resets it,
    // src/temporal/repair.ts): Temporal refuses updates with FAILED_PRECONDITION, and a query fails with the worker's
    // non-determinism error. The decision can be sent again soon; a read can use the read model meanwhile.
    if (
      (err instanceof ServiceError &&
        isGrpcServiceError(err.cause) &&
        Number(err.cause.code) === 9 &&
        /workflow task in failed state/i.test(err.cause.message)) ||
      (err instanceof QueryNotRegisteredError && /Nondeterminism/i.test(err.message))
    ) {
      throw caseBeingRepaired();
    }
    // gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4): the server is down or unreachable. CANCELLED (1): the server
    // gave up the call, e.g. a query whose worker was killed while answering it (the fault suite saw a 500 for it).
    const grpc = isGrpcServiceError(err)
      ? err
      : err instanceof ServiceError && isGrpcServiceError(err.cause)
        ? err.cause
        : null;
    if (grpc && [14, 4, 1].includes(Number(grpc.code))) {
      throw new ProblemError(
        503,
        'TEMPORAL_UNAVAILABLE',
        'Máy chủ quy trình tạm thời không phản hồi, vui lòng thử lại sau.',
      );
    }
    throw err;
  }
}
