/** Checks shared by the update validators: open case, step, role and scope. Each refusal has a stable code. */
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor, Role, Step } from '../src/contracts/initiative';
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

/** The case is still open, and takes decisions in this workflow task. */
export function requireOpen(c: Case): void {
  if (c.closed) refuse('CASE_CLOSED', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.');
  refuseIfActedInTask(c.actedAt);
}

/**
 * Refuses a decision, for now, while commands the workflow issued (at history length `actedAt`) may not have reached
 * the server yet. Why: when a worker that does not hold the case in its cache answers a query, SDK core applies the
 * events that came since the last task (a write's result) and runs the workflow, whose driver issues the next commands
 * then; the next task delivers a new decision in an activation of its own, and its acceptance is recorded after those
 * commands. A later replay runs that result and that decision in one activation, accepts the decision first, and fails
 * ("Update machine does not handle this event: ActivityTaskScheduled"); the case can never be replayed again. The
 * fault suite's worker logs showed it exactly (commands at history length 19, from a query's activation; the decision
 * at 22). Commands sent with a completed task leave at least four events before the next task starts (completed, one
 * event per command, scheduled, started), so a decision at most three events after them comes before they were sent.
 * Refused, it leaves no trace in history, and sent again a moment later it comes in a task of its own.
 */
export function refuseIfActedInTask(actedAt: number): void {
  if (actedAt >= 0 && workflowInfo().historyLength - actedAt <= 3) {
    refuse('CASE_BUSY', 'Hồ sơ đang được hệ thống cập nhật. Vui lòng gửi lại thao tác sau giây lát.');
  }
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

/**
 * setHandler for an Update with its synchronous validator, typed from the definition so both see the same
 * argument types (a validator must not be async: a returned promise would be ignored).
 */
export function onUpdate<Ret, Args extends unknown[]>(
  def: UpdateDefinition<Ret, Args>,
  handler: (...args: Args) => Ret | Promise<Ret>,
  options: { validator: (...args: Args) => void },
): void {
  setHandler(def, handler, options);
}
