/**
 * Who may take which action on a case, at which step: one set of pure rules, read by the workflow when it decides
 * (workflows/guards.ts `requireAllowed`) and by the pages when they offer actions (src/domain/actions.ts). Each
 * refusal carries the stable code and the Vietnamese message the workflow answers. Workflow-safe: no I/O, no zod.
 *
 * Where each rule lives: step, role, unit scope, assignee, council membership, conflicts of interest and the case
 * conditions both sides read are in RULES below (the clauses only one side reads are marked `decide`/`offer`); whether
 * another decision is being applied (`busy`) is in workflows/guards.ts; what a decision's input must hold (scores
 * within the maxima, texts, the units named, the deadline extended), the clock (tracking over) and the conditions
 * only a decision meets (one appeal, reports before confirmation) are in each stage's `check` (workflows/stages/*).
 */
import { ROLE_IN_SENTENCE } from './roles';
import type { DecisionErrorCode } from '../contracts/errors';
import type { Actor, InitiativeState, Role, Step } from '../contracts/initiative';

/**
 * The actions on a case, named by the path segment of their endpoint under /api/v1/initiatives/:id/, in page order
 * (`attachment-replacement`: …/attachments/:attachmentId/replacement).
 */
export const CASE_ACTIONS = [
  'unit-review',
  'amendment',
  'registration',
  'formal-check',
  'council',
  'scores',
  'conflict-declaration',
  'meeting',
  'effect-reports',
  'first-application',
  'effect-confirmation',
  'decision',
  'appeal',
  'replication',
  'revocation',
  'withdrawal',
  'deadline-extension',
  'reassignment',
  'reminders',
  'attachments',
  'attachment-replacement',
] as const;
/** An action on a case. */
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Why an action is refused: a stable code, the workflow's message, and what a page tells the person, if anything. */
export interface Refusal {
  code: DecisionErrorCode;
  message: string;
  /** Said to the person on the case's page when the action they might expect is withheld. */
  reason?: string;
}

/**
 * Who reads the rules: the workflow deciding (`decide`), or a page offering the actions the person may take through
 * the gateway's endpoints (`offer`), which withholds a few the workflow would still accept (the `offer` clauses).
 */
export type View = 'decide' | 'offer';

type Check = (s: InitiativeState, actor: Actor, view: View) => Refusal | null;

const no = (code: DecisionErrorCode, message: string, reason?: string): Refusal =>
  reason ? { code, message, reason } : { code, message };
const has = (actor: Actor, role: Role) => actor.roles.includes(role);

/** The refusal of a decision on a closed case. */
export const CASE_CLOSED: Refusal = no('CASE_CLOSED', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.');

/** The refusal of an action that is not taken at the case's current step. */
export function wrongStep(s: InitiativeState): Refusal {
  return no('WRONG_STEP', `Hồ sơ đang ở bước ${s.step}, không phải bước cho thao tác này.`);
}

/** Person ids of the authors who have an account. */
export function authorIdsOf(s: InitiativeState): string[] {
  return s.dossier.authors.flatMap((a) => (a.personId ? [a.personId] : []));
}

/** The step was reassigned to this person: they may act in place of the role. */
export function isAssignee(s: InitiativeState, actor: Actor): boolean {
  return s.waitingOn?.assignee?.personId === actor.personId;
}

/**
 * The actor filed the case or is one of its authors. A page counts it only with the SUBMITTER role: the author's
 * actions go through the submitter's endpoints (an author who only sits on the council has none).
 */
function isAuthorOf(s: InitiativeState, actor: Actor, view: View): boolean {
  if (view === 'offer' && !has(actor, 'SUBMITTER')) return false;
  return actor.personId === s.filedBy.personId || authorIdsOf(s).includes(actor.personId);
}

/** A clause only one side reads. */
const only =
  (view: View, check: Check): Check =>
  (s, actor, v) =>
    v === view ? check(s, actor, v) : null;

/**
 * The actor holds one of the roles. Whether the step's assignee acts in place of the role: `always`; `decide`, only
 * when the workflow decides (a page offers the supervision actions by role alone, as their endpoints ask); `never`.
 */
const role =
  (roles: readonly Role[], assignee: 'always' | 'decide' | 'never' = 'always'): Check =>
  (s, actor, view) => {
    const stands = assignee === 'always' || (assignee === 'decide' && view === 'decide');
    if (stands && isAssignee(s, actor)) return null;
    if (roles.some((r) => has(actor, r))) return null;
    return no(
      'FORBIDDEN_ROLE',
      `Chỉ ${roles.map((r) => ROLE_IN_SENTENCE[r]).join(' hoặc ')} được thực hiện thao tác này.`,
    );
  };

/** The head of the case's unit (or the step's assignee). */
const unitHead: Check = (s, actor, view) => {
  if (isAssignee(s, actor)) return null;
  const notHead = role(['UNIT_HEAD'], 'never')(s, actor, view);
  if (notHead) return notHead;
  if (!actor.unitIds.includes(s.dossier.unitId))
    return no('OUT_OF_SCOPE', 'Bạn không phải thủ trưởng của đơn vị có hồ sơ này.');
  return null;
};

const submitterOrAuthor: Check = (s, actor, view) =>
  isAuthorOf(s, actor, view)
    ? null
    : no('OUT_OF_SCOPE', 'Chỉ người nộp hoặc tác giả của hồ sơ được thực hiện thao tác này.');

const councilMember: Check = (s, actor) =>
  s.council?.members.some((m) => m.personId === actor.personId)
    ? null
    : no('NOT_A_COUNCIL_MEMBER', 'Bạn không phải thành viên Hội đồng xét hồ sơ này.');

const RECUSED = 'Bạn đã khai xung đột lợi ích nên không chấm điểm hồ sơ này.';

/**
 * A council member who takes no part in scoring or voting on this case: an author (TT18 Art. 8), or a member who
 * declared a conflict of interest. Null for anyone else, members who take part and non-members alike.
 */
export function takesNoPart(s: InitiativeState, actor: Actor): Refusal | null {
  if (!s.council?.members.some((m) => m.personId === actor.personId)) return null;
  if (authorIdsOf(s).includes(actor.personId)) {
    return no(
      'COI_AUTHOR_MAY_NOT_SCORE',
      'Tác giả không được chấm điểm sáng kiến của chính mình.',
      'Bạn là tác giả của sáng kiến này nên không chấm điểm, không biểu quyết.',
    );
  }
  if (s.council.recused.includes(actor.personId)) return no('COI_AUTHOR_MAY_NOT_SCORE', RECUSED, RECUSED);
  return null;
}

/** Who is out of the case's evaluation has nothing to declare (the authors are recused when the council forms). */
const takesPart: Check = (s, actor) =>
  takesNoPart(s, actor) ? no('INVALID_INPUT', 'Bạn đã không tham gia xét hồ sơ này.') : null;

/** The minutes are the council's own record: only its secretary keeps them. */
const keepsTheMinutes: Check = (s, actor) =>
  s.council?.members.some((m) => m.personId === actor.personId && m.position === 'SECRETARY')
    ? null
    : no('OUT_OF_SCOPE', 'Chỉ thư ký của Hội đồng xét hồ sơ này được ghi biên bản cuộc họp.');

/** A member who has handed in a score sheet is not offered another (the workflow takes a replacement). */
const notYetScored: Check = (s, actor) =>
  s.scores[actor.personId] ? no('ALREADY_SCORED', 'Bạn đã nộp phiếu chấm điểm.') : null;

const firstApplicationPending: Check = (s) =>
  s.effect?.firstApplicationCompletedAt ? no('WRONG_STEP', 'Đã ghi nhận hoàn thành áp dụng lần đầu.') : null;

/** A page offers the confirmation once a report is in (the stage's check takes the workflow's own conditions). */
/** Confirmation needs a report, unless the dossier proved a completed first application (as the stage checks). */
const hasReports: Check = (s) =>
  (s.effect?.reports.length ?? 0) > 0 || s.dossier.firstApplicationCompleted === true
    ? null
    : no('INVALID_INPUT', 'Cần ít nhất một báo cáo hiệu quả trước khi xác nhận.');

const beforeDecision: Check = (s) =>
  s.decision || s.stage === 'REPLICATION_FOLLOW_UP'
    ? no('WRONG_STEP', 'Chỉ được rút hồ sơ trước khi có quyết định công nhận.')
    : null;

/** A page offers an extension when the step has a deadline or the decision clock runs (the update names which). */
const hasDeadline: Check = (s) =>
  s.deadline || s.decisionClock ? null : no('NO_DEADLINE', 'Bước hiện tại không có thời hạn để gia hạn.');

const waitingOnSomeone: Check = (s) => (s.waitingOn ? null : no('WRONG_STEP', 'Hồ sơ không chờ ai xử lý.'));

const chairmanOnly: Check = (_s, actor) =>
  has(actor, 'CHAIRMAN')
    ? null
    : no('FORBIDDEN_ROLE', 'Chỉ Chủ tịch UBND xã được hủy bỏ quyết định công nhận.');

const mayAttach: Check = (s, actor, view) =>
  isAuthorOf(s, actor, view) ||
  (has(actor, 'UNIT_HEAD') && actor.unitIds.includes(s.dossier.unitId)) ||
  has(actor, 'SECRETARY')
    ? null
    : no('OUT_OF_SCOPE', 'Chỉ tác giả, thủ trưởng đơn vị hoặc thư ký được đính kèm tệp vào hồ sơ này.');

/**
 * Who may name `unitIds` to replicate the initiative: the chairman, the supervisor or the step's assignee any units;
 * a unit head only units of their own (volunteering), at least one. The workflow reads it once the units are named.
 */
export function designationRefusal(
  s: InitiativeState,
  actor: Actor,
  unitIds: readonly string[],
): Refusal | null {
  const communeWide = has(actor, 'CHAIRMAN') || has(actor, 'SUPERVISOR') || isAssignee(s, actor);
  const volunteering =
    has(actor, 'UNIT_HEAD') && unitIds.length > 0 && unitIds.every((u) => actor.unitIds.includes(u));
  if (communeWide || volunteering) return null;
  return no(
    has(actor, 'UNIT_HEAD') ? 'OUT_OF_SCOPE' : 'FORBIDDEN_ROLE',
    'Chỉ Chủ tịch UBND xã, cán bộ thi đua – khen thưởng hoặc thủ trưởng đơn vị tự nguyện nhận nhân rộng.',
  );
}

/** A page offers replication to whoever could name a unit: a unit head needs one of theirs not yet designated. */
const mayDesignateSome: Check = (s, actor) => {
  const designated = s.replication?.targets.map((t) => t.unitId) ?? [];
  const volunteer = actor.unitIds.filter((u) => u !== s.dossier.unitId && !designated.includes(u));
  return designationRefusal(s, actor, volunteer);
};

/**
 * Who may send each action to its endpoint: the gateway's route table declares these roles, and the rules below
 * check the same ones against the case (plus the step's assignee, scope and conflicts of interest).
 */
export const ENDPOINT_ROLES = {
  amendment: ['SUBMITTER'],
  withdrawal: ['SUBMITTER'],
  'unit-review': ['UNIT_HEAD'],
  registration: ['SECRETARY'],
  'formal-check': ['SECRETARY'],
  council: ['CHAIRMAN'],
  'conflict-declaration': ['COUNCIL_MEMBER'],
  scores: ['COUNCIL_MEMBER'],
  meeting: ['SECRETARY'],
  'effect-reports': ['UNIT_HEAD'],
  'first-application': ['UNIT_HEAD'],
  'effect-confirmation': ['UNIT_HEAD'],
  decision: ['CHAIRMAN'],
  appeal: ['SUBMITTER'],
  replication: ['CHAIRMAN', 'SUPERVISOR', 'UNIT_HEAD'],
  revocation: ['CHAIRMAN'],
  'deadline-extension': ['SUPERVISOR', 'CHAIRMAN'],
  reassignment: ['SUPERVISOR', 'CHAIRMAN'],
  reminders: ['SUPERVISOR', 'CHAIRMAN', 'SECRETARY'],
  'attachment-replacement': ['SUBMITTER'],
} as const satisfies Partial<Record<CaseAction, readonly Role[]>>;

/**
 * The step decisions whose rule lets the step's assignee act in place of the role: the gateway lets that person
 * through its role check, so a reassigned step can be taken by whoever it was given to.
 */
export const ASSIGNABLE_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'unit-review',
  'registration',
  'formal-check',
  'council',
  'meeting',
  'effect-reports',
  'first-application',
  'effect-confirmation',
  'decision',
]);

const EFFECT_STEPS: readonly Step[] = ['EFFECT_REPORTING', 'EFFECT_CONFIRMATION'];

/** Each action's rule: the steps it is taken at (any, when absent), then its checks, in the order they refuse. */
const RULES: Record<CaseAction, { steps?: readonly Step[]; checks: readonly Check[] }> = {
  'unit-review': { steps: ['UNIT_REVIEW'], checks: [unitHead] },
  amendment: { steps: ['AMENDMENT'], checks: [submitterOrAuthor] },
  registration: { steps: ['REGISTRATION'], checks: [role(ENDPOINT_ROLES.registration)] },
  'formal-check': { steps: ['FORMAL_CHECK'], checks: [role(ENDPOINT_ROLES['formal-check'])] },
  council: { steps: ['COUNCIL_FORMATION'], checks: [role(ENDPOINT_ROLES.council)] },
  scores: { steps: ['SCORING'], checks: [councilMember, takesNoPart, only('offer', notYetScored)] },
  'conflict-declaration': { steps: ['SCORING', 'MEETING'], checks: [councilMember, takesPart] },
  // Only the council's own secretary keeps its minutes: a page offers them to nobody else.
  meeting: { steps: ['MEETING'], checks: [role(ENDPOINT_ROLES.meeting), keepsTheMinutes] },
  'effect-reports': { steps: EFFECT_STEPS, checks: [unitHead] },
  'first-application': { steps: EFFECT_STEPS, checks: [unitHead, firstApplicationPending] },
  'effect-confirmation': { steps: EFFECT_STEPS, checks: [unitHead, only('offer', hasReports)] },
  decision: { steps: ['DECISION'], checks: [role(ENDPOINT_ROLES.decision)] },
  appeal: { steps: ['APPEAL_WINDOW'], checks: [submitterOrAuthor] },
  // The workflow checks who may designate once the units are named, after checking the list (designationRefusal).
  replication: { steps: ['REPLICATION'], checks: [only('offer', mayDesignateSome)] },
  revocation: { steps: ['REPLICATION'], checks: [chairmanOnly] },
  withdrawal: { checks: [submitterOrAuthor, beforeDecision] },
  'deadline-extension': {
    checks: [role(ENDPOINT_ROLES['deadline-extension'], 'decide'), only('offer', hasDeadline)],
  },
  reassignment: { checks: [role(ENDPOINT_ROLES.reassignment, 'decide'), waitingOnSomeone] },
  // A signal: the workflow ignores a reminder it would refuse.
  reminders: { checks: [role(ENDPOINT_ROLES.reminders, 'never'), waitingOnSomeone] },
  attachments: { checks: [mayAttach] },
  // A file of the dossier is replaced as the dossier is amended: by its filer or an author, while it is returned to
  // them for amendment (the old version stays in the record, marked as replaced).
  'attachment-replacement': { steps: ['AMENDMENT'], checks: [submitterOrAuthor] },
};

/** The steps an action is taken at; undefined for the actions open at any step of an open case. */
export function stepsOf(action: CaseAction): readonly Step[] | undefined {
  return RULES[action].steps;
}

/** Why `actor` may not take `action` on a case in state `s` now, read as `view`; null when they may. */
export function refusalOf(
  s: InitiativeState,
  actor: Actor,
  action: CaseAction,
  view: View = 'decide',
): Refusal | null {
  if (s.status !== 'OPEN') return CASE_CLOSED;
  const rule = RULES[action];
  if (rule.steps && !rule.steps.includes(s.step)) return wrongStep(s);
  for (const check of rule.checks) {
    const refusal = check(s, actor, view);
    if (refusal) return refusal;
  }
  return null;
}
