/** Checks shared by the decisions: open case, step, role and scope. Each refusal has a stable code. */
import type { UpdateDefinition } from '@temporalio/common';
import { CancellationScope, setHandler } from '@temporalio/workflow';
import type { Actor, DecisionResult, Role, Step } from '../src/contracts/initiative';
import { refuse, type Case } from './case';

const ROLE_VI: Record<Role, string> = {
  SUBMITTER: 'tác giả',
  UNIT_HEAD: 'thủ trưởng đơn vị',
  SECRETARY: 'thư ký Hội đồng',
  COUNCIL_MEMBER: 'thành viên Hội đồng',
  CHAIRMAN: 'Chủ tịch UBND xã',
  SUPERVISOR: 'cán bộ thi đua – khen thưởng',
  ADMIN: 'quản trị hệ thống',
};

/** The case is still open. */
export function requireOpen(c: Case): void {
  if (c.closed) refuse('CASE_CLOSED', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.');
}

/** The case is open, at one of the steps, and no other decision is being applied. */
export function requireStep(c: Case, ...steps: Step[]): void {
  requireOpen(c);
  if (!steps.includes(c.state.step) || c.busy) {
    refuse('WRONG_STEP', `Hồ sơ đang ở bước ${c.state.step}, không phải bước cho thao tác này.`);
  }
}

/** The step was reassigned to this person: they may act in place of the role. */
export function isAssignee(c: Case, actor: Actor): boolean {
  return c.state.waitingOn?.assignee?.personId === actor.personId;
}

/** The actor holds one of the roles (or is the step's assignee). */
export function requireRole(c: Case, actor: Actor, ...roles: Role[]): void {
  if (isAssignee(c, actor)) return;
  if (!roles.some((r) => actor.roles.includes(r))) {
    refuse(
      'FORBIDDEN_ROLE',
      `Chỉ ${roles.map((r) => ROLE_VI[r]).join(' hoặc ')} được thực hiện thao tác này.`,
    );
  }
}

/** The actor is the head of the case's unit (or the step's assignee). */
export function requireUnitHead(c: Case, actor: Actor, unitId = c.state.dossier.unitId): void {
  if (isAssignee(c, actor)) return;
  requireRole(c, actor, 'UNIT_HEAD');
  if (!actor.unitIds.includes(unitId))
    refuse('OUT_OF_SCOPE', 'Bạn không phải thủ trưởng của đơn vị có hồ sơ này.');
}

/** Person ids of the authors who have an account. */
export function authorIds(c: Case): string[] {
  return c.state.dossier.authors.flatMap((a) => (a.personId ? [a.personId] : []));
}

/** The actor filed the case or is one of its authors. */
export function requireSubmitterOrAuthor(c: Case, actor: Actor): void {
  if (actor.personId === c.state.filedBy.personId || authorIds(c).includes(actor.personId)) return;
  refuse('OUT_OF_SCOPE', 'Chỉ người nộp hoặc tác giả của hồ sơ được thực hiện thao tác này.');
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
 * arriving at the same instant as the event that enables it. The answer is the state with the decision applied, given
 * once the read model holds it, so whoever decided and then reads the case sees their decision.
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
      const state = JSON.parse(JSON.stringify(c.state)) as DecisionResult['state'];
      await CancellationScope.nonCancellable(() => c.persisted(state.revision));
      return { accepted: true as const, state };
    },
    { validator: (...args: Args) => requireActor(args[0]?.actor) },
  );
}
