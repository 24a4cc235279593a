/**
 * A worker killed (SIGKILL) right after a decision: its write is left in flight and the task of the next deadline waits
 * on the dead worker's sticky queue until it times out; a fresh worker then gets the fired deadline and the next
 * decision in one task. The SDK can run such a task in two activations (the events first, the decision second) where a
 * later replay runs one, with the decision first; a decision accepted after the driver's commands then makes a history
 * that no worker can replay (the fault suite saw "Timer fired event did not have expected timer id 8, it was 9" and
 * "Update machine does not handle this event"). The workflow refuses such a decision for now (CASE_BUSY, no trace in
 * history; guards.ts, refuseIfActedInTask); sent again, it is taken once, and the history replays.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import {
  type InitiativeInput,
  registerDossierUpdate,
  unitReviewUpdate,
} from '../../src/contracts/initiative';
import { initiativeWorkflowId } from '../../src/contracts/ids';
import { createLogger } from '../../src/logger';
import { startWorker } from '../../worker';
import { eventually, serverAddresses, startHarness, type Harness } from '../support/harness';
import { dossier, fastPack, people, stateOf } from '../support/lifecycle';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('when a worker is killed under a decision and its next deadline falls, then a fresh worker takes the next decision once and the history replays', async () => {
  const taskQueue = `split-task-${randomBytes(4).toString('hex')}`;
  const config = { ...h.config, temporal: { ...h.config.temporal, taskQueue } };

  // A worker process takes the case to the unit's review, with a 3-second deadline, and is killed (SIGKILL): the task
  // of the deadline goes to its sticky queue, where nobody takes it until it times out.
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../worker.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TEMPORAL_TASK_QUEUE: taskQueue,
      MONGODB_DB: config.mongo.dbName,
      WORKER_REPAIR_INTERVAL_MS: '0',
    },
    stdio: 'ignore',
  });
  const id = `split-${Date.now().toString(36)}`;
  const handle = await h.client.workflow.start('initiativeWorkflow', {
    workflowId: initiativeWorkflowId(id),
    taskQueue,
    args: [
      {
        initiativeId: id,
        dossier: dossier(),
        filedBy: people.author,
        filedAt: new Date().toISOString(),
        pack: fastPack({ registrationSla: { seconds: 2 } }),
      } satisfies InitiativeInput,
    ],
  });
  try {
    await eventually(async () => ((await stateOf(handle)).revision > 0 ? true : undefined), 60_000);
    await eventually(async () =>
      (await handle.describe()).raw.pendingActivities?.length ? undefined : true,
    );
    // The endorsement is taken; its write is still to run when the worker dies.
    await handle.executeUpdate(unitReviewUpdate, {
      args: [{ actor: people.unitHead, outcome: 'ENDORSE', confirmedApplication: true }],
    });
  } finally {
    child.kill('SIGKILL');
  }

  // The registration deadline falls (its task waits on the dead worker's queue); a fresh worker runs the write
  // meanwhile, and the secretary's registration arrives: when the task times out, the next one holds all three.
  await eventually(async () => {
    const events = (await handle.fetchHistory()).events ?? [];
    return events.some((e) => e.timerFiredEventAttributes) ? true : undefined;
  }, 20_000);
  const worker = await startWorker(config, serverAddresses(), createLogger('silent'));
  const register = { actor: people.secretary };
  const first = handle.executeUpdate(registerDossierUpdate, { args: [register] }).then(
    () => 'taken',
    (err: unknown) => {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
        return err.cause.type;
      throw err;
    },
  );
  try {
    const outcome = await first;
    // Taken with the events in one activation, or refused for now and taken when sent again: never lost.
    expect(['taken', 'CASE_BUSY']).toContain(outcome);
    if (outcome === 'CASE_BUSY') await handle.executeUpdate(registerDossierUpdate, { args: [register] });
    await eventually(
      async () => ((await stateOf(handle)).step === 'FORMAL_CHECK' ? true : undefined),
      30_000,
    );
  } finally {
    await worker.stop();
  }

  // What a fresh worker would do with this history: replay it.
  const history = await handle.fetchHistory();
  await expect(
    Worker.runReplayHistory(
      { workflowsPath: require.resolve('../../workflows'), replayName: 'split' },
      history,
    ),
  ).resolves.toBeUndefined();
}, 180_000);
