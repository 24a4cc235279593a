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

/**
 * Whether a unit head outside a case may volunteer their own units to replicate it, as the public list invites: the
 * initiative is recognised and still in its replication follow-up, and every unit named is one the head acts for.
 */
export function mayVolunteer(
  actor: Actor,
  c: { status: string; decisionOutcome?: string | null; stage: string },
  unitIds: readonly string[],
): boolean {
  return (
    actor.roles.includes('UNIT_HEAD') &&
    c.status === 'OPEN' &&
    c.decisionOutcome === 'RECOGNISED' &&
    c.stage === 'REPLICATION_FOLLOW_UP' &&
    unitIds.length > 0 &&
    unitIds.every((u) => actor.unitIds.includes(u))
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

/** What the score seal depends on: whether it has opened, and which council scores the case. */
export interface ScoreSeal {
  scoresRevealed: boolean;
  councilId: string | null;
}

/**
 * Whether a viewer may see one member's score sheet (its figures, its comment, its document). Their own, always.
 * Another member's only once the seal opens (every member has scored, or the meeting has opened), and then only as a
 * member of the case's council or one of the commune's officers. Until then the seal holds whatever other role the
 * viewer also holds: a chairman or a secretary who sits on the council sees only their own sheet (TT18 Art. 8;
 * QĐ 1109/QĐ-VPQH Art. 14). The aggregate is in the minutes.
 */
export function maySeeScoreSheet(actor: Actor, seal: ScoreSeal, scorerId: string | null): boolean {
  if (scorerId !== null && scorerId === actor.personId) return true;
  if (!seal.scoresRevealed) return false;
  if (actor.roles.some((r) => COMMUNE_WIDE_ROLES.includes(r))) return true;
  return (
    actor.roles.includes('COUNCIL_MEMBER') &&
    seal.councilId !== null &&
    actor.councilIds.includes(seal.councilId)
  );
}

/** The seal of a case's state. */
export function scoreSeal(state: {
  scoresRevealed: boolean;
  council: { councilId: string } | null;
}): ScoreSeal {
  return { scoresRevealed: state.scoresRevealed, councilId: state.council?.councilId ?? null };
}

/**
 * The state as the viewer may see it: the score sheets they may not see are left out (see maySeeScoreSheet), and
 * only who handed them in is said.
 */
export function redactScores<
  S extends {
    scoresRevealed: boolean;
    scores: Record<string, unknown>;
    council: { councilId: string } | null;
  },
>(state: S, viewer: Actor): S & { sealedScorers: string[] } {
  const seal = scoreSeal(state);
  const scorers = Object.keys(state.scores);
  const visible = scorers.filter((scorerId) => maySeeScoreSheet(viewer, seal, scorerId));
  return {
    ...state,
    scores: Object.fromEntries(visible.map((scorerId) => [scorerId, state.scores[scorerId]])),
    sealedScorers: scorers.filter((scorerId) => !visible.includes(scorerId)),
  };
}

/** Whether a viewer of the case may read one of its issued documents: score sheets are sealed, the rest are not. */
export function mayReadDocument(
  actor: Actor,
  seal: ScoreSeal,
  doc: { kind: string; scorerId?: string | null },
): boolean {
  return doc.kind !== 'SCORE_SHEET' || maySeeScoreSheet(actor, seal, doc.scorerId ?? null);
}
