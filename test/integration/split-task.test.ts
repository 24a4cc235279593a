/**
 * The fault suite's pattern around a killed worker: its write left in the queue, the task with the write's result
 * waiting on the dead worker's sticky queue until it times out, a person reading the case and the next decision
 * arriving meanwhile. A fresh worker must take that decision once, write the record once, and leave a history that
 * replays. (When SDK core runs the pending result for a query before that task, the driver's commands go out ahead of
 * the decision, and a replay would accept the decision first; the validators refuse such a decision for now,
 * CASE_BUSY, see refuseIfActedInTask in workflows/guards.ts. The test accepts either outcome, as the timing decides.)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { registerDossierUpdate, unitReviewUpdate } from '../../src/contracts/initiative';
import { createLogger } from '../../src/logger';
import { startWorker } from '../../worker';
import { eventually, serverAddresses, startHarness, type Harness } from '../support/harness';
import { fileCase, people, stateOf } from '../support/lifecycle';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('when a worker is killed with a write pending and a decision comes with the result of that write, then the decision is taken once and the history replays', async () => {
  const taskQueue = `split-task-${randomBytes(4).toString('hex')}`;
  const config = { ...h.config, temporal: { ...h.config.temporal, taskQueue } };

  // A worker process that runs workflows only takes the filing and the endorsement; their write waits in the queue.
  const script = [
    "const { NativeConnection, Worker } = require('@temporalio/worker');",
    '(async () => {',
    '  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });',
    `  const worker = await Worker.create({ connection, taskQueue: '${taskQueue}', workflowsPath: ${JSON.stringify(require.resolve('../../workflows'))} });`,
    '  await worker.run();',
    '})();',
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
  const { id, handle } = await fileCase(h.client, taskQueue, {});
  try {
    await eventually(async () => ((await stateOf(handle)).revision > 0 ? true : undefined), 60_000);
    await handle.executeUpdate(unitReviewUpdate, {
      args: [{ actor: people.unitHead, outcome: 'ENDORSE', confirmedApplication: true }],
    });
  } finally {
    // Killed (SIGKILL): its sticky queue stays, and the next task waits there until it times out.
    child.kill('SIGKILL');
  }

  // A fresh worker runs the write; the task with its result waits on the dead worker's queue, and the secretary's
  // registration arrives meanwhile: when that task times out, the next one holds both.
  const worker = await startWorker(config, serverAddresses(), createLogger('silent'));
  const register = { actor: people.secretary };
  try {
    await eventually(async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      return events.some((e) => e.activityTaskCompletedEventAttributes) ? true : undefined;
    }, 30_000);
    // A person opens the case: the fresh worker, which does not hold it, answers the query from its history.
    const read = stateOf(handle);
    await new Promise((r) => setTimeout(r, 1_000));
    const first = handle.executeUpdate(registerDossierUpdate, { args: [register] }).then(
      () => 'taken',
      (err: unknown) => {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
          return err.cause.type;
        throw err;
      },
    );
    expect((await read).step).toBe('REGISTRATION');
    const outcome = await first;
    // Taken in one activation with the write's result, or refused for now and taken when sent again: never lost.
    expect(['taken', 'CASE_BUSY']).toContain(outcome);
    if (outcome === 'CASE_BUSY') await handle.executeUpdate(registerDossierUpdate, { args: [register] });
    await eventually(
      async () => ((await stateOf(handle)).step === 'FORMAL_CHECK' ? true : undefined),
      30_000,
    );
    await eventually(async () => ((await h.repos.legalRecord.list(id)).length === 3 ? true : undefined));
  } finally {
    await worker.stop();
  }
  expect((await h.repos.legalRecord.list(id)).map((e) => e.kind)).toEqual([
    'FILED',
    'UNIT_ENDORSED',
    'REGISTERED',
  ]);

  // What a fresh worker would do with this history: replay it.
  const history = await handle.fetchHistory();
  await expect(
    Worker.runReplayHistory(
      { workflowsPath: require.resolve('../../workflows'), replayName: 'split' },
      history,
    ),
  ).resolves.toBeUndefined();
}, 180_000);
