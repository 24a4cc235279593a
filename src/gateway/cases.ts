/** Loading a case for a request: visibility (404 when the actor may not know it exists) and workflow error mapping. */
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
} from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { DECISION_ERROR_CODES, httpStatusFor, type DecisionErrorCode } from '../contracts/errors';
import type { Actor } from '../contracts/initiative';
import type { CaseRecord } from '../db/cases';
import { isParticipant } from '../domain/access';
import type { GatewayDeps } from './deps';
import { ProblemError } from './problem';

/**
 * The case's read-model record if the actor takes part in it; 404 otherwise (its existence is not revealed). Requests
 * read the read model only, never the workflow: see docs/durability.md.
 */
export function visibleCase(deps: GatewayDeps, actor: Actor, id: string): Promise<CaseRecord> {
  return reachableCase(deps, actor, id, () => false);
}

/** A case the actor takes part in, or one a rule lets them reach from outside (e.g. volunteering); otherwise 404. */
export async function reachableCase(
  deps: GatewayDeps,
  actor: Actor,
  id: string,
  outsider: (record: CaseRecord) => boolean,
): Promise<CaseRecord> {
  const record = await deps.repos.cases.findById(id);
  if (record && (isParticipant(actor, record) || outsider(record))) return record;
  throw new ProblemError(404, 'INITIATIVE_NOT_FOUND', `Không tìm thấy hồ sơ mã ${id}.`);
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

/** The error of an update whose run closed (or was cancelled, as an adoption when its initiative ends) under it. */
function closedUnderUpdate(err: unknown): boolean {
  return (
    err instanceof WorkflowNotFoundError ||
    (err instanceof WorkflowUpdateFailedError &&
      ((err.cause instanceof ApplicationFailure && err.cause.type === RUN_CLOSED_UNDER_UPDATE) ||
        err.cause instanceof CancelledFailure))
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
    // The case's workflow task is being retried (it timed out on an overloaded worker, or fails): Temporal refuses
    // updates with FAILED_PRECONDITION until a task completes. The same request sent again soon is taken.
    if (
      err instanceof ServiceError &&
      isGrpcServiceError(err.cause) &&
      Number(err.cause.code) === 9 &&
      /workflow task in failed state/i.test(err.cause.message)
    ) {
      throw new ProblemError(
        503,
        'CASE_RETRYING',
        'Quy trình của hồ sơ đang được hệ thống thử lại sau một sự cố. Vui lòng gửi lại thao tác sau ít giây.',
      );
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
