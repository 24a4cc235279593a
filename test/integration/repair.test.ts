/**
 * A case whose history no longer replays is reset by the worker to just before the task that broke, and goes on with
 * every decision applied once (src/temporal/repair.ts). The drift is made on purpose: a first worker runs the code with
 * an interceptor that starts an extra timer with each update, so a second worker, without it, cannot replay the history.
 */
import { randomBytes } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  getStateQuery,
  type InitiativeState,
  registerDossierUpdate,
  unitReviewUpdate,
} from '../../src/contracts/initiative';
import { initiativeWorkflowId } from '../../src/contracts/ids';
import { workflowCall } from '../../src/gateway/cases';
import { resetPoint, resetRequestId } from '../../src/temporal/repair';
import { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import pino from 'pino';
import { createLogger } from '../../src/logger';
import { startWorker, type RunningWorker } from '../../worker';
import { api, eventually, login, serverAddresses, startHarness, type Harness } from '../support/harness';
import { toCouncilFormation } from '../support/drive';
import { decide, fileCase, people } from '../support/lifecycle';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('when a case history no longer replays, then decisions get a 503 until the worker resets it, and it goes on with each decision once', async () => {
  const taskQueue = `repair-${randomBytes(4).toString('hex')}`;
  const id = `repair-${Date.now().toString(36)}`;

  // A drifting worker (workflows only) files the case and takes the unit head's endorsement, with an extra timer.
  const connection = await NativeConnection.connect({ address: serverAddresses().temporalAddress });
  const drifting = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    interceptors: { workflowModules: [require.resolve('../fixtures/workflows/drift-interceptor')] },
    // No sticky cache: the next task goes to whichever worker polls, not back to this one.
    maxCachedWorkflows: 0,
  });
  const { handle } = await drifting.runUntil(async () => {
    const filed = await fileCase(h.client, taskQueue, { id });
    await decide(filed.handle, unitReviewUpdate, {
      actor: people.unitHead,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    return filed;
  });
  await connection.close();
  const firstRunId = handle.firstExecutionRunId;

  const realWorker = (repairIntervalMs: number) =>
    startWorker(
      {
        ...h.config,
        temporal: { ...h.config.temporal, taskQueue },
        worker: { ...h.config.worker, repairIntervalMs },
      },
      serverAddresses(),
      createLogger('silent'),
    );
  const current = h.client.workflow.getHandle(initiativeWorkflowId(id));
  const register = () =>
    workflowCall(() => current.executeUpdate(registerDossierUpdate, { args: [{ actor: people.secretary }] }));

  // The real worker, without its repair, cannot replay that history: the case is stuck, and a decision sent meanwhile
  // gets a 503 the person can retry (not a 500, not a hang).
  let worker: RunningWorker | undefined = await realWorker(0);
  try {
    await eventually(async () => {
      const d = await current.describe();
      return (d.raw.pendingWorkflowTask?.attempt ?? 0) >= 2 ? true : undefined;
    }, 30_000);
    await expect(register()).rejects.toMatchObject({ status: 503, code: 'CASE_TEMPORARILY_UNAVAILABLE' });
    // The case page still opens, from the read model, with no action and a notice saying why (not a 500).
    const token = await login(h, 'hieutruong.thcs');
    const view = await eventually(async () => {
      const r = await api(h, token, 'GET', `/api/v1/initiatives/${id}`);
      return r.status === 404 ? undefined : r;
    }, 20_000);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      source: 'read-model',
      initiativeId: id,
      available: { actions: [] },
      notice: expect.stringContaining('tự khôi phục') as unknown,
    });
  } finally {
    await worker.stop();
  }

  // With its repair scan, the worker resets the case, which then goes on.
  worker = undefined;
  try {
    worker = await realWorker(500);
    const repaired = await eventually(async () => {
      const d = await current.describe();
      return d.runId !== firstRunId && d.status.name === 'RUNNING' ? d : undefined;
    }, 45_000);
    expect(
      (await h.client.workflow.getHandle(initiativeWorkflowId(id), firstRunId).describe()).status.name,
    ).toBe('TERMINATED');
    // The endorsement was sent again to the new run and taken once; the case is at registration and takes the next step.
    const st = await eventually(async () => {
      const s = await current.query(getStateQuery);
      return s.step === 'REGISTRATION' ? s : undefined;
    }, 20_000);
    expect(st.history.filter((x) => x.kind === 'UNIT_ENDORSED')).toHaveLength(1);
    const entries = await eventually(async () => {
      const list = await h.repos.legalRecord.list(id);
      return list.length === st.legalSeq ? list : undefined;
    }, 20_000);
    expect(entries.map((e) => e.kind)).toEqual(['FILED', 'UNIT_ENDORSED']);
    expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 2 });
    expect(repaired.runId).not.toBe(firstRunId);
    // Two workers scanning at once ask for the same reset: the server makes it once (same request id, same new run).
    const oldEvents = (await h.client.workflow.getHandle(initiativeWorkflowId(id), firstRunId).fetchHistory())
      .events!;
    const failure = oldEvents.find((e) =>
      e.workflowTaskFailedEventAttributes?.failure?.message?.includes('HistoryEvent'),
    );
    const point = resetPoint(oldEvents, failure!.workflowTaskFailedEventAttributes!.failure!.message!)!;
    const again = await h.client.workflowService.resetWorkflowExecution(
      temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
        namespace: h.client.options.namespace,
        workflowExecution: { workflowId: initiativeWorkflowId(id), runId: firstRunId },
        reason: 'the same repair, asked again',
        workflowTaskFinishEventId: point.resetToEventId,
        requestId: resetRequestId(firstRunId, point.resetToEventId),
      }),
    );
    expect(again.runId).toBe(repaired.runId);
    // The decision refused while the case was stuck now goes through.
    await expect(register()).resolves.toMatchObject({ accepted: true, state: { step: 'FORMAL_CHECK' } });
  } finally {
    await worker?.stop();
  }
});

/**
 * A case on a task queue of its own, filed and decided by a full worker whose history drifts (drift-interceptor), then
 * left idle: its `entries` legal-record entries written and no activity pending. That worker is stopped; `withQueue`
 * gives the configuration of a real worker on the same queue with the repair scan every `repairIntervalMs`.
 */
async function driftedCase(
  prefix: string,
  entries: number,
  decisions: (handle: Awaited<ReturnType<typeof fileCase>>['handle']) => Promise<void>,
) {
  const taskQueue = `${prefix}-${randomBytes(4).toString('hex')}`;
  const id = `${prefix}-${Date.now().toString(36)}`;
  const withQueue = (repairIntervalMs: number) => ({
    ...h.config,
    temporal: { ...h.config.temporal, taskQueue },
    worker: { ...h.config.worker, repairIntervalMs },
  });
  const drifting = await startWorker(withQueue(0), serverAddresses(), createLogger('silent'), {
    workflowInterceptorModules: [require.resolve('../fixtures/workflows/drift-interceptor')],
  });
  try {
    const { handle } = await fileCase(h.client, taskQueue, { id });
    await decisions(handle);
    await eventually(
      async () => ((await h.repos.legalRecord.list(id)).length === entries ? true : undefined),
      20_000,
    );
    await eventually(async () =>
      (await handle.describe()).raw.pendingActivities?.length ? undefined : true,
    );
    return { id, handle, withQueue };
  } finally {
    await drifting.stop();
  }
}

/**
 * Starts a real worker for a drifted case (repair scan every 0.5 s, its log lines kept), waits for the run that
 * replaced the drifted one to reach `ready`, and runs `check` with that state, the log lines and the worker's report
 * that the new run took every decision again.
 */
async function afterRepair(
  drifted: Awaited<ReturnType<typeof driftedCase>>,
  ready: (s: InitiativeState) => boolean,
  timeoutMs: number,
  check: (
    st: InitiativeState,
    lines: string[],
    tookAgain: () => Promise<{ decisions: number }>,
  ) => Promise<void>,
): Promise<void> {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const worker = await startWorker(drifted.withQueue(500), serverAddresses(), logger);
  try {
    const current = h.client.workflow.getHandle(initiativeWorkflowId(drifted.id));
    const st = await eventually(async () => {
      const d = await current.describe();
      if (d.runId === drifted.handle.firstExecutionRunId) return undefined;
      const s = await current.query(getStateQuery);
      return ready(s) ? s : undefined;
    }, timeoutMs);
    const tookAgain = () =>
      eventually(() => {
        const line = lines.find((l) => l.includes('reset run took every decision again'));
        return Promise.resolve(line ? (JSON.parse(line) as { decisions: number }) : undefined);
      }, 20_000);
    await check(st, lines, tookAgain);
  } finally {
    await worker.stop();
  }
}

test('when an idle case history no longer replays, then the worker finds it by replaying and resets it before its next task', async () => {
  // A full drifting worker: the endorsement and its writes complete, and the case waits with nothing to do.
  const { id, handle, withQueue } = await driftedCase('repair-idle', 2, async (handle) => {
    await decide(handle, unitReviewUpdate, {
      actor: people.unitHead,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
  });

  // The real worker has no task of this case to fail on; its scan replays the history, finds it broken and resets it.
  let worker: RunningWorker | undefined;
  try {
    worker = await startWorker(withQueue(500), serverAddresses(), createLogger('silent'));
    const current = h.client.workflow.getHandle(initiativeWorkflowId(id));
    await eventually(async () => {
      const d = await current.describe();
      return d.runId !== handle.firstExecutionRunId ? true : undefined;
    }, 45_000);
    const st = await eventually(async () => {
      const s = await current.query(getStateQuery);
      return s.step === 'REGISTRATION' ? s : undefined;
    }, 20_000);
    expect(st.history.filter((x) => x.kind === 'UNIT_ENDORSED')).toHaveLength(1);
    // The entries written before the reset stay as they were; the new run's writes of the same entries change nothing.
    expect((await h.repos.legalRecord.list(id)).map((e) => e.kind)).toEqual(['FILED', 'UNIT_ENDORSED']);
    expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 2 });
  } finally {
    await worker?.stop();
  }
});

test('when decisions were accepted in later tasks than the one that no longer replays, then the reset run takes each again, once', async () => {
  // A drifting worker takes two decisions in two tasks: the endorsement, then the registration (with its activity).
  const drifted = await driftedCase('repair-later', 3, async (handle) => {
    await decide(handle, unitReviewUpdate, {
      actor: people.unitHead,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    await decide(handle, registerDossierUpdate, { actor: people.secretary });
  });

  // The real worker resets to before the endorsement's task and sends both decisions to the new run again, one after
  // the other; the workflow validates and takes them, and the worker logs that it did (or, for an operator, not).
  const { id, handle } = drifted;
  await afterRepair(
    drifted,
    (s) => s.step === 'FORMAL_CHECK',
    45_000,
    async (st, lines, tookAgain) => {
      expect(st.history.map((x) => x.kind)).toEqual(['FILED', 'UNIT_ENDORSED', 'REGISTERED']);
      // The register number given the first time is the one the case keeps (the activity is idempotent).
      const first = await h.client.workflow
        .getHandle(initiativeWorkflowId(id), handle.firstExecutionRunId)
        .fetchHistory();
      const results = (first.events ?? [])
        .flatMap((e) => e.activityTaskCompletedEventAttributes?.result?.payloads ?? [])
        .map((p) => JSON.stringify(defaultPayloadConverter.fromPayload(p)));
      expect(results.filter((r) => r.includes(st.registration!.registerNo))).not.toHaveLength(0);
      expect((await h.repos.legalRecord.list(id)).map((e) => e.kind)).toEqual([
        'FILED',
        'UNIT_ENDORSED',
        'REGISTERED',
      ]);
      expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 3 });
      expect((await tookAgain()).decisions).toBe(2);
      expect(lines.some((l) => l.includes('did not take every decision again'))).toBe(false);
    },
  );
});

test('when a decision sent again needs an earlier one to have finished, then the worker sends it once that one has, and the case takes it once', async () => {
  // The formal check came, in the old run, after the registration's number was given; the worker sends it to the new
  // run only once the registration sent again has completed, so it is not refused as a wrong step.
  const drifted = await driftedCase('repair-again', 4, async (handle) => {
    await toCouncilFormation(handle);
  });
  const { id } = drifted;
  const ready = (s: InitiativeState) => s.history.some((x) => x.kind === 'ACCEPTED');
  await afterRepair(drifted, ready, 60_000, async (st, lines, tookAgain) => {
    expect(st.history.map((x) => x.kind)).toEqual(['FILED', 'UNIT_ENDORSED', 'REGISTERED', 'ACCEPTED']);
    expect((await h.repos.legalRecord.list(id)).map((e) => e.kind)).toEqual([
      'FILED',
      'UNIT_ENDORSED',
      'REGISTERED',
      'ACCEPTED',
    ]);
    expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 4 });
    expect(lines.some((l) => l.includes('decision sent again"'))).toBe(true);
    expect((await tookAgain()).decisions).toBe(3);
  });
}, 120_000);
