/**
 * An adoption (replication child workflow) cancelled while its record write is still waiting: the initiative closing
 * cancels its adoptions, and that must not cancel a write and lose its entries from the legal record. The fault suite
 * found such gaps ("legal record of … lacks entry 2"); here the write waits for certain, because no worker serves
 * activities until the cancellation has been handled.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import {
  replicationWorkflowId,
  submitAdoptionPlanUpdate,
  type ReplicationInput,
} from '../../src/contracts/replication';
import { createLogger } from '../../src/logger';
import { startWorker, type RunningWorker } from '../../worker';
import { eventually, serverAddresses, testDataConverter } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { people } from '../support/lifecycle';

const h = useHarness();

test('when an adoption is cancelled while a write and a plan wait, then both land and the end follows', async () => {
  const taskQueue = `adoption-cancel-${randomBytes(4).toString('hex')}`;
  const initiativeId = `cancel-${Date.now().toString(36)}`;
  const workflowId = replicationWorkflowId(initiativeId, 'truong-mam-non');
  const input: ReplicationInput = {
    initiativeId,
    title: 'Sổ điểm điện tử',
    unitId: 'truong-mam-non',
    designatedBy: people.chairman,
    startedAt: new Date().toISOString(),
    stepSla: { days: 30 },
    holidays: {},
    reminderFractions: [0.5, 0.8],
  };

  // Workflows only: the adoption's first write (its start) is scheduled and waits, as no one serves activities yet.
  const connection = await NativeConnection.connect({ address: serverAddresses().temporalAddress });
  const workflowsOnly = await Worker.create({
    connection,
    taskQueue,
    dataConverter: testDataConverter(),
    workflowsPath: require.resolve('../../workflows'),
  });
  const handle = await workflowsOnly.runUntil(async () => {
    const started = await h.client.workflow.start('replicationWorkflow', {
      taskQueue,
      workflowId,
      args: [input],
    });
    await eventually(async () =>
      (await started.describe()).raw.pendingActivities?.length ? true : undefined,
    );
    // The unit head's plan is accepted; its answer waits for its write.
    await started.startUpdate(submitAdoptionPlanUpdate, {
      args: [{ actor: people.mamNonHead, startDate: '2026-12-01', plan: 'Áp dụng ở cả ba khối lớp' }],
      updateId: 'plan-1',
      waitForStage: 'ACCEPTED',
    });
    await started.cancel();
    // The workflow has handled the cancellation once a workflow task completed after the request.
    await eventually(async () => {
      const events = (await started.fetchHistory()).events ?? [];
      const requested = events.findIndex((e) => e.workflowExecutionCancelRequestedEventAttributes);
      return requested >= 0 && events.slice(requested).some((e) => e.workflowTaskCompletedEventAttributes)
        ? true
        : undefined;
    });
    return started;
  });
  await connection.close();

  // Now a full worker serves the queue: the waiting write lands, then the end.
  let worker: RunningWorker | undefined;
  try {
    worker = await startWorker(
      { ...h.config, temporal: { ...h.config.temporal, taskQueue } },
      serverAddresses(),
      createLogger('silent'),
    );
    await expect(handle.result()).resolves.toMatchObject({ unitId: 'truong-mam-non', status: 'ENDED' });
    // The plan was taken before the end: its answer is its state, not a cancellation.
    await expect(handle.getUpdateHandle('plan-1').result()).resolves.toMatchObject({ step: 'REPORTING' });
  } finally {
    await worker?.stop();
  }
  const entries = await h.repos.legalRecord.list(workflowId);
  expect(entries.map((e) => [e.seq, e.kind])).toEqual([
    [1, 'ADOPTION_STARTED'],
    [2, 'ADOPTION_PLANNED'],
    [3, 'ADOPTION_ENDED'],
  ]);
  expect(await h.repos.legalRecord.verify(workflowId)).toEqual({ ok: true, entries: 3 });
});
