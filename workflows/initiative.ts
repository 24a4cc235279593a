/**
 * One durable workflow per initiative, from filing to a terminal state, and the case's only writer, so no two writes
 * of a case race; decisions arrive as Updates the driver checks and applies (docs/durability.md).
 */
import { CancellationScope, setHandler } from '@temporalio/workflow';
import {
  getStateQuery,
  recordedUpdate,
  type Actor,
  type InitiativeInput,
  type InitiativeOutcome,
} from '../src/contracts/initiative';
import { redactScores } from '../src/domain/access';
import { Case } from './case';
import { Driver } from './driver';
import { registerCouncilEvaluation } from './stages/council-evaluation';
import { registerEffectTracking } from './stages/effect-tracking';
import { registerReplicationFollowUp } from './stages/replication-follow-up';
import { registerRewardDecision } from './stages/reward-decision';
import { registerSupervision } from './stages/supervision';
import { registerUnitRecommendation, startUnitReview } from './stages/unit-recommendation';
import { timerPoints } from './timer-points';

/** Whom the state query shows the case to: an officer, who sees every score sheet once the seal opens. */
const OPERATOR: Actor = {
  personId: '',
  fullName: 'operator',
  roles: ['SUPERVISOR'],
  unitIds: [],
  councilIds: [],
};

/** Runs one initiative from filing to COMPLETED, REJECTED, WITHDRAWN or REVOKED. */
export async function initiativeWorkflow(input: InitiativeInput): Promise<InitiativeOutcome> {
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
  // The query is for operators (`temporal workflow query`) and tests, never on a person's request: see
  // docs/durability.md.
  // Seen as an officer would: before the seal opens, only the given person's score sheet.
  setHandler(getStateQuery, (viewerPersonId?: string) =>
    redactScores(c.state, { ...OPERATOR, personId: viewerPersonId ?? '' }),
  );
  setHandler(recordedUpdate, async () => {
    const revision = c.state.revision;
    await CancellationScope.nonCancellable(() => c.persisted(revision));
    return revision;
  });
  registerUnitRecommendation(c);
  registerCouncilEvaluation(c);
  registerEffectTracking(c);
  registerRewardDecision(c);
  registerReplicationFollowUp(c);
  registerSupervision(c);
  return new Driver(c, timerPoints, canContinueAsNew).run();
}

/** Running replication children belong to this run: continue as new only when none is running. */
function canContinueAsNew(c: Case): boolean {
  return !c.state.replication?.targets.some((t) => t.status === 'RUNNING') && !c.busy;
}
