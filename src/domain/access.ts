/** Who may see a case and act on it: the case's participants (process.md, "Confidentiality and transparency"). Pure. */
import type { Actor, Role } from '../contracts/initiative';

/** What the access rules need to know about a case. */
export interface CaseParties {
  filedBy: string;
  authorIds: readonly string[];
  unitId: string;
  councilId: string | null;
  replicationUnitIds: readonly string[];
  assigneeId: string | null;
}

/** Roles that see every case of the commune. ADMIN manages the directory, not cases. */
export const COMMUNE_WIDE_ROLES: readonly Role[] = ['SUPERVISOR', 'CHAIRMAN', 'SECRETARY'];

/** True when the actor takes part in the case: they may read it in full, confidential parts included. */
export function isParticipant(actor: Actor, c: CaseParties): boolean {
  if (actor.roles.some((r) => COMMUNE_WIDE_ROLES.includes(r))) return true;
  if (c.filedBy === actor.personId || c.authorIds.includes(actor.personId) || c.assigneeId === actor.personId)
    return true;
  if (
    actor.roles.includes('UNIT_HEAD') &&
    actor.unitIds.some((u) => u === c.unitId || c.replicationUnitIds.includes(u))
  ) {
    return true;
  }
  return (
    actor.roles.includes('COUNCIL_MEMBER') && c.councilId !== null && actor.councilIds.includes(c.councilId)
  );
}

/** The database filter of the cases an actor may list (same rules as isParticipant). */
export function visibilityFilter(actor: Actor): Record<string, unknown> {
  if (actor.roles.some((r) => COMMUNE_WIDE_ROLES.includes(r))) return {};
  const or: Record<string, unknown>[] = [
    { filedBy: { $eq: actor.personId } },
    { authorIds: { $eq: actor.personId } },
    { assigneeId: { $eq: actor.personId } },
  ];
  if (actor.roles.includes('UNIT_HEAD') && actor.unitIds.length > 0) {
    or.push({ unitId: { $in: actor.unitIds } }, { replicationUnitIds: { $in: actor.unitIds } });
  }
  if (actor.roles.includes('COUNCIL_MEMBER') && actor.councilIds.length > 0)
    or.push({ councilId: { $in: actor.councilIds } });
  return { $or: or };
}

/** A member sees their own score sheet; the others' stay hidden until all are in or the meeting opens. */
export function redactScores<S extends { scoresRevealed: boolean; scores: Record<string, unknown> }>(
  state: S,
  viewerPersonId?: string,
): S {
  if (state.scoresRevealed) return state;
  const scores = Object.fromEntries(Object.entries(state.scores).filter(([p]) => p === viewerPersonId));
  return { ...state, scores };
}
