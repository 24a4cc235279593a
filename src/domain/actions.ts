/**
 * What a person may do on a case right now, read from the live state with the rules the workflow decides by
 * (src/domain/permissions.ts), so a page shows only the actions that would be accepted and says why an expected one
 * is absent. Pure.
 */
import type { Actor, InitiativeState } from '../contracts/initiative';
import { CASE_ACTIONS, refusalOf, takesNoPart, type CaseAction } from './permissions';

export type { CaseAction } from './permissions';

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

/** The actions the actor may take now on a case in state `s`. */
export function availableActions(s: InitiativeState, actor: Actor): AvailableActions {
  const out: AvailableActions = { actions: [], adoption: [], withheld: [] };
  if (s.status !== 'OPEN') return out;
  out.actions = CASE_ACTIONS.filter((a) => refusalOf(s, actor, a, 'offer') === null);
  // While the council scores and meets, a member who takes no part is told why.
  const apart = s.step === 'SCORING' || s.step === 'MEETING' ? takesNoPart(s, actor) : null;
  if (apart?.reason) out.withheld.push({ action: 'scores', reason: apart.reason });
  // Each adopting unit's own case (workflows/replication.ts), by that unit's head.
  if (s.step === 'REPLICATION' && actor.roles.includes('UNIT_HEAD')) {
    for (const t of s.replication?.targets ?? []) {
      if (t.status === 'RUNNING' && actor.unitIds.includes(t.unitId)) {
        out.adoption.push(
          { unitId: t.unitId, action: 'plan' },
          { unitId: t.unitId, action: 'reports' },
          { unitId: t.unitId, action: 'confirmation' },
        );
      }
    }
  }
  return out;
}
