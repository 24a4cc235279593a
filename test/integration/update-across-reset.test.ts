/**
 * A decision in flight when the worker's repair resets its case (src/temporal/repair.ts) is not refused: the old run
 * closes under the update, the repair sends it to the new run under the same update id, and the gateway's onCurrentRun
 * awaits it there. The person gets the outcome; the decision is recorded once. Found by the fault suite: a
 * registration answered "refused" (0 accepted requests) but recorded (1 entry).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { registerDossierUpdate, unitReviewUpdate } from '../../src/contracts/initiative';
import { initiativeWorkflowId } from '../../src/contracts/ids';
import { onCurrentRun, workflowCall } from '../../src/gateway/cases';
import { createLogger } from '../../src/logger';
import { startWorker } from '../../worker';
import { eventually, serverAddresses, startHarness, type Harness } from '../support/harness';
import { decide, fileCase, people } from '../support/lifecycle';

const EventType = temporal.api.enums.v1.EventType;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('when a case is reset while a decision waits for its outcome, then the decision answers with that outcome and is recorded once', async () => {
  const taskQueue = `reset-update-${randomBytes(4).toString('hex')}`;
  const id = `reset-update-${Date.now().toString(36)}`;
  const config = {
    ...h.config,
    temporal: { ...h.config.temporal, taskQueue },
    worker: { ...h.config.worker, repairIntervalMs: 500 },
  };
  const full = () => startWorker(config, serverAddresses(), createLogger('silent'));

  // A full worker files the case and takes the endorsement; the case waits for registration with nothing pending.
  let worker = await full();
  try {
    const { handle } = await fileCase(h.client, taskQueue, { id });
    await decide(handle, unitReviewUpdate, {
      actor: people.unitHead,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    await eventually(
      async () => ((await h.repos.legalRecord.list(id)).length === 2 ? true : undefined),
      20_000,
    );
    await eventually(async () =>
      (await handle.describe()).raw.pendingActivities?.length ? undefined : true,
    );
  } finally {
    await worker.stop();
  }

  const workflowId = initiativeWorkflowId(id);
  const current = () => h.client.workflow.getHandle(workflowId);
  const firstRunId = (await current().describe()).runId;
  const updateId = randomUUID();
  const register = workflowCall(() =>
    onCurrentRun(current, updateId, (wf) =>
      wf.executeUpdate(registerDossierUpdate, { args: [{ actor: people.secretary }], updateId }),
    ),
  );
  register.catch(() => undefined);

  // A worker with workflows only accepts the registration, whose write then waits for an activity worker: the update
  // is accepted, not completed, when the run is reset to the task before it, without the server applying it again (as
  // the repair does).
  const connection = await NativeConnection.connect({ address: serverAddresses().temporalAddress });
  try {
    const workflowsOnly = await Worker.create({
      connection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      maxCachedWorkflows: 0,
    });
    await workflowsOnly.runUntil(async () => {
      const events = await eventually(async () => {
        const all = (await h.client.workflow.getHandle(workflowId, firstRunId).fetchHistory()).events ?? [];
        return all.some(
          (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId === updateId,
        )
          ? all
          : undefined;
      }, 30_000);
      const acceptedAt = events.findIndex(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId === updateId,
      );
      const taskBefore = events
        .slice(0, acceptedAt)
        .reverse()
        .find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      await h.client.workflowService.resetWorkflowExecution(
        temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
          namespace: h.client.options.namespace,
          workflowExecution: { workflowId, runId: firstRunId },
          reason: 'test: reset under an accepted update',
          workflowTaskFinishEventId: taskBefore!.eventId,
          requestId: randomUUID(),
          resetReapplyExcludeTypes: [
            temporal.api.enums.v1.ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE,
          ],
        }),
      );
    });
  } finally {
    await connection.close();
  }
  expect((await h.client.workflow.getHandle(workflowId, firstRunId).describe()).status.name).toBe(
    'TERMINATED',
  );

  // The full worker comes back: its repair finds the reset run and sends it the registration, the new run takes it,
  // and the waiting request gets its outcome.
  worker = await full();
  try {
    await expect(register).resolves.toMatchObject({ state: { step: 'FORMAL_CHECK' } });
    const entries = await eventually(async () => {
      const list = await h.repos.legalRecord.list(id);
      return list.length >= 3 ? list : undefined;
    }, 20_000);
    expect(entries.map((e) => e.kind)).toEqual(['FILED', 'UNIT_ENDORSED', 'REGISTERED']);
    expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 3 });
    expect((await current().describe()).runId).not.toBe(firstRunId);
  } finally {
    await worker.stop();
  }
}, 120_000);
