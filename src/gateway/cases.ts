/** Loading a case for a request: visibility (404 when the actor may not know it exists) and workflow error mapping. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DECISION_ERROR_CODES, httpStatusFor, type DecisionErrorCode } from '../contracts/errors';
import type { Actor } from '../contracts/initiative';
import type { CaseRecord } from '../db/cases';
import { isParticipant } from '../domain/access';
import type { GatewayDeps } from './deps';
import { ProblemError } from './problem';

/** The case's read-model record if the actor takes part in it; 404 otherwise (its existence is not revealed). */
export async function visibleCase(deps: GatewayDeps, actor: Actor, id: string): Promise<CaseRecord> {
  const record = await deps.repos.cases.findById(id);
  if (!record || !isParticipant(actor, record)) {
    throw new ProblemError(404, 'INITIATIVE_NOT_FOUND', `Không tìm thấy hồ sơ mã ${id}.`);
  }
  return record;
}

/** A case that is still open (decisions on a closed case are refused before reaching the workflow). */
export function requireOpenCase(record: CaseRecord): void {
  if (record.status !== 'OPEN') {
    throw new ProblemError(409, 'CASE_CLOSED', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.');
  }
}

/** Runs a workflow call and turns its refusals into problems with the workflow's code and Vietnamese message. */
export async function workflowCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const code = err.cause.type ?? 'INVALID_INPUT';
      if ((DECISION_ERROR_CODES as readonly string[]).includes(code)) {
        throw new ProblemError(httpStatusFor(code as DecisionErrorCode), code, err.cause.message);
      }
      throw new ProblemError(422, code, err.cause.message);
    }
    if (err instanceof WorkflowNotFoundError) {
      throw new ProblemError(409, 'CASE_CLOSED', 'Hồ sơ đã kết thúc hoặc không còn nhận thao tác.');
    }
    // gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4): the server is down or unreachable.
    if (isGrpcServiceError(err) && [14, 4].includes(Number(err.code))) {
      throw new ProblemError(
        503,
        'TEMPORAL_UNAVAILABLE',
        'Máy chủ quy trình tạm thời không phản hồi, vui lòng thử lại sau.',
      );
    }
    throw err;
  }
}
