/**
 * A record write whose recorded (and run) input differs from what the workflow built, as a replay can produce (see
 * test/fixtures/workflows/divergent-input-interceptor.ts), still leaves the legal record complete and the read model
 * equal to the workflow's state: the workflow trusts what the write confirms. The fault suite found the gap this closes:
 * an initiative whose record stopped at entry 17 while its workflow had written 20, its next write refused for good.
 */
import { randomBytes } from 'node:crypto';
import { getStateQuery, unitReviewUpdate } from '../../src/contracts/initiative';
import { createLogger } from '../../src/logger';
import { startWorker, type RunningWorker } from '../../worker';
import { eventually, serverAddresses, startHarness, type Harness } from '../support/harness';
import { decide, fileCase, people } from '../support/lifecycle';

let h: Harness;
let worker: RunningWorker;
let taskQueue: string;
beforeAll(async () => {
  h = await startHarness();
  taskQueue = `divergent-${randomBytes(4).toString('hex')}`;
  worker = await startWorker(
    { ...h.config, temporal: { ...h.config.temporal, taskQueue } },
    serverAddresses(),
    createLogger('silent'),
    { workflowInterceptorModules: [require.resolve('../fixtures/workflows/divergent-input-interceptor')] },
  );
});
afterAll(async () => {
  await worker?.stop();
  await h?.stop();
});

async function fileAndEndorse(kind: string) {
  const id = `${kind}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
  const { handle } = await fileCase(h.client, taskQueue, { id });
  await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  const st = await handle.query(getStateQuery);
  expect(st.legalSeq).toBe(2);
  return { id, handle };
}

test('when a write runs without an entry the workflow built into it, then the entry is written again and the chain has no gap', async () => {
  const { id } = await fileAndEndorse('lose-entry');
  const entries = await eventually(async () => {
    const list = await h.repos.legalRecord.list(id);
    return list.length === 2 ? list : undefined;
  }, 20_000);
  expect(entries.map((e) => e.kind)).toEqual(['FILED', 'UNIT_ENDORSED']);
  expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 2 });
});

test('when a write runs with an older read model than the workflow built, then the read model is written again', async () => {
  const { id, handle } = await fileAndEndorse('old-read-model');
  const st = await handle.query(getStateQuery);
  const stored = await eventually(async () => {
    const c = await h.repos.cases.findById(id);
    return c?.revision === st.revision ? c : undefined;
  }, 20_000);
  expect(stored.step).toBe(st.step);
  expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: 2 });
});
