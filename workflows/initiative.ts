/**
 * The initiative workflow: one durable workflow per initiative, from filing to a terminal state.
 * Decisions arrive as Updates whose handlers validate and apply the change in memory (workflows/stages/*); the driver
 * (workflows/driver.ts) then writes every change, in order, to MongoDB (read model, legal record, tasks), runs what
 * handlers asked for, and keeps time (reminders, escalations, tracking, checkpoints). One writer per case, so no two
 * writes of a case race.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { getStateQuery, type InitiativeInput, type InitiativeState } from '../src/contracts/initiative';
import { Case } from './case';
import { Driver } from './driver';
import { Errands } from './errands';
import { runLegacyCoroutines } from './legacy-coroutines';
import { registerCouncilEvaluation } from './stages/council-evaluation';
import { registerEffectTracking } from './stages/effect-tracking';
import { registerReplicationFollowUp } from './stages/replication-follow-up';
import { registerRewardDecision } from './stages/reward-decision';
import { registerSupervision } from './stages/supervision';
import { registerUnitRecommendation, startUnitReview } from './stages/unit-recommendation';
import { timerPoints } from './timer-points';

/** The patch that moved handlers' commands into errands. */
export const ERRANDS_PATCH = 'errands-outside-update-handlers';
/** The patch that has one coroutine, the driver, issue every command. */
export const DRIVER_PATCH = 'one-driver-issues-every-command';

/** Runs one initiative from filing to COMPLETED, REJECTED, WITHDRAWN or REVOKED. */
export async function initiativeWorkflow(input: InitiativeInput): Promise<InitiativeState> {
  const c = input.resume ? new Case(input.resume.state, input.pack) : Case.file(input, input.pack);
  if (!input.resume) {
    c.record('FILED', input.filedBy, `Nộp hồ sơ "${input.dossier.title}"`, {
      dossier: input.dossier,
      rulePackVersion: c.pack.version,
    });
    startUnitReview(c);
  }
  // Messages that arrived with the start are buffered and delivered as soon as their handler is set, so the case
  // must be in its first step before any handler exists, and every handler must exist before the first await.
  setHandler(getStateQuery, (viewerPersonId?: string) => redactScores(c.state, viewerPersonId));
  registerUnitRecommendation(c);
  registerCouncilEvaluation(c);
  registerEffectTracking(c);
  registerRewardDecision(c);
  registerReplicationFollowUp(c);
  registerSupervision(c);

  // Cases started by this code have one coroutine issue every command (workflows/driver.ts). A case whose history began
  // before replays with the coroutines it was recorded with: with errands (workflows/errands.ts) if its history has
  // that patch, else with handlers issuing their own commands.
  if (patched(DRIVER_PATCH)) {
    c.errands = new Errands();
    return new Driver(c, c.errands, timerPoints, canContinueAsNew).run();
  }
  if (patched(ERRANDS_PATCH)) {
    c.errands = new Errands();
    void c.errands.run();
  }
  return runLegacyCoroutines(c, canContinueAsNew);
}

/** Running replication children belong to this run: continue as new only when none is running. */
function canContinueAsNew(c: Case): boolean {
  return !c.state.replication?.targets.some((t) => t.status === 'RUNNING') && !c.busy;
}

/** Members see their own score sheet; the others' stay hidden until all are in or the meeting opens. */
function redactScores(state: InitiativeState, viewerPersonId?: string): InitiativeState {
  if (state.scoresRevealed) return state;
  const scores = Object.fromEntries(Object.entries(state.scores).filter(([p]) => p === viewerPersonId));
  return { ...state, scores };
}
