/**
 * What a person may do on a case right now: the same rules the workflow's update validators enforce, read from the
 * live state so a page shows only the actions that would be accepted (and says why an expected one is absent). Pure.
 */
import type { Actor, InitiativeState } from '../contracts/initiative';

/** An action, named by the path segment of its endpoint under /api/v1/initiatives/:id/. */
export type CaseAction =
  | 'amendment'
  | 'withdrawal'
  | 'unit-review'
  | 'registration'
  | 'formal-check'
  | 'council'
  | 'conflict-declaration'
  | 'scores'
  | 'meeting'
  | 'effect-reports'
  | 'first-application'
  | 'effect-confirmation'
  | 'decision'
  | 'appeal'
  | 'replication'
  | 'revocation'
  | 'deadline-extension'
  | 'reassignment'
  | 'reminders'
  | 'attachments';

/** One adopting unit's action (under /replications/:unitId/). */
export interface AdoptionAction {
  unitId: string;
  action: 'plan' | 'reports' | 'confirmation';
}

/** The actions open to the actor, and the reasons an action the actor might expect is withheld. */
export interface AvailableActions {
  actions: CaseAction[];
  adoption: AdoptionAction[];
  withheld: { action: CaseAction; reason: string }[];
}

const authorsOf = (s: InitiativeState) => s.dossier.authors.flatMap((a) => (a.personId ? [a.personId] : []));

/** The actions the actor may take now on a case in state `s`. */
export function availableActions(s: InitiativeState, actor: Actor): AvailableActions {
  const out: AvailableActions = { actions: [], adoption: [], withheld: [] };
  if (s.status !== 'OPEN') return out;
  const has = (role: Actor['roles'][number]) => actor.roles.includes(role);
  const assignee = s.waitingOn?.assignee?.personId === actor.personId;
  // The author's own actions go through the submitter's endpoints (an author who only sits on the council has none).
  const isAuthor =
    has('SUBMITTER') && (s.filedBy.personId === actor.personId || authorsOf(s).includes(actor.personId));
  const headOf = (unitId: string) => assignee || (has('UNIT_HEAD') && actor.unitIds.includes(unitId));
  const add = (a: CaseAction) => out.actions.push(a);

  switch (s.step) {
    case 'UNIT_REVIEW':
      if (headOf(s.dossier.unitId)) add('unit-review');
      break;
    case 'AMENDMENT':
      if (isAuthor) add('amendment');
      break;
    case 'REGISTRATION':
      if (assignee || has('SECRETARY')) add('registration');
      break;
    case 'FORMAL_CHECK':
      if (assignee || has('SECRETARY')) add('formal-check');
      break;
    case 'COUNCIL_FORMATION':
      if (assignee || has('CHAIRMAN')) add('council');
      break;
    case 'SCORING':
    case 'MEETING': {
      const member = s.council?.members.some((m) => m.personId === actor.personId) ?? false;
      if (member) {
        const recused = s.council!.recused.includes(actor.personId);
        if (authorsOf(s).includes(actor.personId)) {
          out.withheld.push({
            action: 'scores',
            reason: 'Bạn là tác giả của sáng kiến này nên không chấm điểm, không biểu quyết.',
          });
        } else if (recused) {
          out.withheld.push({
            action: 'scores',
            reason: 'Bạn đã khai xung đột lợi ích nên không chấm điểm hồ sơ này.',
          });
        } else {
          if (s.step === 'SCORING' && !s.scores[actor.personId]) add('scores');
          add('conflict-declaration');
        }
      }
      if (s.step === 'MEETING' && (assignee || has('SECRETARY'))) add('meeting');
      break;
    }
    case 'EFFECT_REPORTING':
    case 'EFFECT_CONFIRMATION':
      if (headOf(s.dossier.unitId)) {
        add('effect-reports');
        if (!s.effect?.firstApplicationCompletedAt) add('first-application');
        if ((s.effect?.reports.length ?? 0) > 0) add('effect-confirmation');
      }
      break;
    case 'DECISION':
      if (assignee || has('CHAIRMAN')) add('decision');
      break;
    case 'APPEAL_WINDOW':
      if (isAuthor) add('appeal');
      break;
    case 'REPLICATION': {
      const communeWide = has('CHAIRMAN') || has('SUPERVISOR') || assignee;
      const designated = s.replication?.targets.map((t) => t.unitId) ?? [];
      const volunteer = actor.unitIds.filter((u) => u !== s.dossier.unitId && !designated.includes(u));
      if (communeWide || (has('UNIT_HEAD') && volunteer.length > 0)) add('replication');
      if (has('CHAIRMAN')) add('revocation');
      for (const t of s.replication?.targets ?? []) {
        if (t.status === 'RUNNING' && has('UNIT_HEAD') && actor.unitIds.includes(t.unitId)) {
          out.adoption.push(
            { unitId: t.unitId, action: 'plan' },
            { unitId: t.unitId, action: 'reports' },
            { unitId: t.unitId, action: 'confirmation' },
          );
        }
      }
      break;
    }
    default:
      break;
  }

  if (isAuthor && !s.decision && s.stage !== 'REPLICATION_FOLLOW_UP') add('withdrawal');
  if (has('SUPERVISOR') || has('CHAIRMAN')) {
    if (s.deadline || s.decisionClock) add('deadline-extension');
    if (s.waitingOn) add('reassignment');
  }
  if ((has('SUPERVISOR') || has('SECRETARY') || has('CHAIRMAN')) && s.waitingOn) add('reminders');
  if (isAuthor || (has('UNIT_HEAD') && actor.unitIds.includes(s.dossier.unitId)) || has('SECRETARY'))
    add('attachments');
  return out;
}
