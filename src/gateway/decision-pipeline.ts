/**
 * The send pipeline of a decision (the routes that declare them: routes/decisions.ts). It loads the case (404 unless
 * the actor may reach it), gives a retried request whose first attempt closed the case that first outcome, refuses a
 * closed case, builds the update's argument, and sends the Update under an id derived from the Idempotency-Key,
 * waiting a bounded time for its outcome. The answer says the decision was accepted and gives the new state.
 */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, DecisionResult, InitiativeState } from '../contracts/initiative';
import type { CaseRecord } from '../db/cases';
import { redactScores } from '../domain/access';
import { availableActions } from '../domain/actions';
import { boundedUpdate, reachableCase, requireOpenCase, workflowCall } from './cases';
import type { GatewayDeps } from './deps';
import { asUnitHead } from './lookups';
import { ProblemError } from './problem';
import type { RouteResult } from './registry';

/** An update's argument: the acting person (the gateway fills it from the session) and the decision's own fields. */
export type UpdateArgs<T> = { actor: Actor } & T;

/** How a decision is sent, for a validated request body `B` and an update whose own fields are `T`. */
export interface DecisionSending<B, T extends object> {
  update: UpdateDefinition<DecisionResult, [UpdateArgs<T>]>;
  /**
   * Turns the validated body into the update's own fields (may look things up, and refuse). `T` is the update's, never
   * inferred from what this returns: a result missing a field of the update is refused by the compiler.
   */
  toArgs: (body: B, actor: Actor, record: CaseRecord) => NoInfer<T> | Promise<NoInfer<T>>;
  /** Taken by the head of the case's unit: in the office term the directory records for them (refused without). */
  unitHead?: true;
  /** Who outside the case may still send it (the case's participants always may); otherwise 404. */
  reach?: (actor: Actor, record: CaseRecord, body: B) => boolean;
  /** Sent to a case completed with a recognition, whose workflow is closed: handled outside that workflow. */
  afterRecognition?: (body: B, actor: Actor, record: CaseRecord) => Promise<RouteResult>;
}

/** One request for a decision: the case, the validated body, who sends it and the claimed Idempotency-Key. */
export interface DecisionRequest<B> {
  id: string;
  body: B;
  actor: Actor;
  idempotencyKey: string | null;
}

/** Sends one decision to its case and answers with the state it left. */
export async function sendDecision<B, T extends object>(
  deps: GatewayDeps,
  d: DecisionSending<B, T>,
  { id, body, actor, idempotencyKey }: DecisionRequest<B>,
): Promise<RouteResult> {
  const record = await reachableCase(deps, actor, id, (r) => d.reach?.(actor, r, body) ?? false);
  if (d.afterRecognition && record.status === 'COMPLETED' && record.decisionOutcome === 'RECOGNISED') {
    return d.afterRecognition(body, actor, record);
  }
  if (record.status !== 'OPEN') {
    // A retried request whose first attempt closed the case (e.g. a withdrawal answered to a gateway that then
    // died): the workflow has its outcome under the same update id, so the retry gets the first answer.
    const earlier = await earlierOutcome(deps, id, idempotencyKey);
    if (earlier) return { status: 200, body: decisionAnswer(record.state, actor) };
  }
  requireOpenCase(record);
  const acting = d.unitHead ? await asUnitHead(deps, actor, record.unitId) : actor;
  const args = { ...(await d.toArgs(body, acting, record)), actor: acting };
  const updateId = updateIdOf(idempotencyKey).updateId ?? randomUUID();
  await workflowCall(() =>
    boundedUpdate(
      () => deps.initiatives.handle(id).executeUpdate(d.update, { args: [args], updateId }),
      deps.decisionWaitMs,
    ),
  );
  // The workflow answered once the read model held the decision: the case as stored now has it (or a later state).
  const after = await deps.repos.cases.findById(id);
  return { status: 200, body: decisionAnswer(after!.state, actor) };
}

/**
 * The result of the update a request's Idempotency-Key already sent to a now-closed case, or null when there is none
 * (the first attempt never reached the workflow) or it was refused. Not knowing yet is not "none": an outcome that
 * does not come within 5 s (a Temporal server just restarted) answers 503 DECISION_PENDING, and an unreachable server
 * 503 TEMPORAL_UNAVAILABLE, so the person sends again instead of being told the case was closed without them.
 */
async function earlierOutcome(
  deps: GatewayDeps,
  id: string,
  idempotencyKey: string | null,
): Promise<DecisionResult | null> {
  const { updateId } = updateIdOf(idempotencyKey);
  if (!updateId) return null;
  const handle = deps.initiatives.handle(id).getUpdateHandle<DecisionResult>(updateId);
  return workflowCall(async () => {
    try {
      return await boundedUpdate(() => handle.result(), 5_000);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError) return null;
      throw err;
    }
  });
}

/**
 * The Update's id for a request with an Idempotency-Key: Temporal runs an Update id once per workflow run and answers
 * a repeat with the first outcome, so a retry of a request whose answer was lost (gateway killed, server restarted)
 * gets that answer instead of a second decision or a WRONG_STEP refusal.
 */
export function updateIdOf(idempotencyKey: string | null): { updateId?: string } {
  if (!idempotencyKey) return {};
  return { updateId: `idem-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}` };
}

/** A completed case's workflow is closed: its revocation runs as a workflow of its own (one per case). */
export async function revokeCompleted(
  deps: GatewayDeps,
  record: CaseRecord,
  actor: Actor,
  reasons: string,
): Promise<RouteResult> {
  try {
    await deps.initiatives.client.workflow.execute('revokeCompletedInitiativeWorkflow', {
      workflowId: `initiative:${record._id}:revocation`,
      taskQueue: deps.initiatives.taskQueue,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ initiativeId: record._id, actor, reasons, at: new Date().toISOString() }],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new ProblemError(409, 'CASE_CLOSED', 'Quyết định công nhận của hồ sơ này đã bị hủy bỏ.');
    }
    throw err;
  }
  const updated = (await deps.repos.cases.findById(record._id))!;
  return { status: 200, body: decisionAnswer(updated.state, actor) };
}

/**
 * A decision's answer: the state the decision left (already in the read model when the workflow answers), with the
 * scores this person may see and the actions now open to them, so the page shows the result without reading again.
 */
function decisionAnswer(state: InitiativeState, actor: Actor) {
  return {
    accepted: true as const,
    state: redactScores(state, actor),
    available: availableActions(state, actor),
  };
}
