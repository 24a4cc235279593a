/**
 * The decisions' guards in the workflow: the rules of who may act come from src/domain/permissions.ts, and a decision
 * is checked in the driver's turn so it meets the case as the task's other jobs left it (docs/durability.md).
 */
import type { UpdateDefinition } from '@temporalio/common';
import { CancellationScope, setHandler } from '@temporalio/workflow';
import type { Actor, DecisionResult } from '../src/contracts/initiative';
import {
  CASE_CLOSED,
  refusalOf,
  stepsOf,
  wrongStep,
  type CaseAction,
  type Refusal,
} from '../src/domain/permissions';
import { refuse, type Case } from './case';

/** The case is still open. */
export function requireOpen(c: Case): void {
  if (c.closed) refuse(CASE_CLOSED.code, CASE_CLOSED.message);
}

/**
 * The actor may take `action` on the case now (src/domain/permissions.ts), and no other decision at the step is
 * being applied (`busy`: e.g. registration awaiting its number), which only the workflow knows.
 */
export function requireAllowed(c: Case, actor: Actor, action: CaseAction): void {
  requireOpen(c);
  if (c.busy && stepsOf(action)) refuseWith(wrongStep(c.state));
  const refusal = refusalOf(c.state, actor, action);
  if (refusal) refuseWith(refusal);
}

/** Refuses a decision as the rules did. */
export function refuseWith(refusal: Refusal): never {
  refuse(refusal.code, refusal.message);
}

/** A text field a person must fill (reasons, grounds, what to fix). */
export function requireText(value: string | undefined, what: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) refuse('REASONS_REQUIRED', `Cần nêu ${what}.`);
}

/** The update's actor has the shape the gateway sends: what a validator can check, as it never changes. */
export function requireActor(actor: Actor | undefined): void {
  const ok =
    typeof actor === 'object' &&
    actor !== null &&
    typeof actor.personId === 'string' &&
    actor.personId !== '' &&
    typeof actor.fullName === 'string' &&
    Array.isArray(actor.roles) &&
    Array.isArray(actor.unitIds);
  if (!ok) refuse('INVALID_INPUT', 'Thiếu thông tin người thực hiện thao tác.');
}

/**
 * A decision: its validator checks only what cannot change within a workflow task (the actor's shape); `check` (step,
 * role and scope against the case, the input against the rules) runs with `apply` in the driver's turn, once the
 * task's other jobs (a fired timer, an activity's result) have been applied, so a decision is never refused for
 * arriving at the same instant as the event that enables it. The answer is the revision of the state with the decision
 * applied, given once the read model holds it, so whoever decided and then reads the case sees their decision.
 */
export function onUpdate<Args extends [{ actor: Actor }]>(
  c: Case,
  def: UpdateDefinition<DecisionResult, Args>,
  apply: (...args: Args) => void | Promise<void>,
  options: { check: (...args: Args) => void },
): void {
  setHandler(
    def,
    async (...args: Args) => {
      await c.decide(() => {
        options.check(...args);
        return apply(...args);
      });
      const revision = c.state.revision;
      await CancellationScope.nonCancellable(() => c.persisted(revision));
      return { accepted: true as const, revision };
    },
    { validator: (...args: Args) => requireActor(args[0]?.actor) },
  );
}
