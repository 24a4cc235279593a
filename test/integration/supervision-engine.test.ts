/**
 * The supervisor sees what the Temporal server knows beside the read model: a case whose write keeps failing is shown
 * as a system problem, with the activity and its error, not as a case waiting on a person.
 */
import { unitReviewUpdate } from '../../src/contracts/initiative';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { fileCase, people } from '../support/lifecycle';

/** Cases whose writes fail from now on. */
const failing = new Set<string>();
const h = useHarness({
  afterRecord: (input) => {
    if (failing.has(input.initiativeId)) throw new Error('ổ đĩa đầy (thử nghiệm)');
  },
});
afterAll(() => failing.clear());

test('when a case write keeps failing, then the engine view and the stuck board name the failing activity', async () => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue);
  await eventually(async () => ((await h.repos.cases.findById(id)) ? true : undefined), 20_000);
  failing.add(id);
  await handle.startUpdate(unitReviewUpdate, {
    args: [{ actor: people.unitHead, outcome: 'ENDORSE', confirmedApplication: true }],
    waitForStage: 'ACCEPTED',
  });
  const token = await login(h, 'giamsat');

  const engine = await eventually(async () => {
    const r = await api(h, token, 'GET', '/api/v1/supervision/engine');
    return r.body.problems?.some((p: { id: string }) => p.id === id) ? r.body : undefined;
  }, 30_000);
  const problem = engine.problems.find((p: { id: string }) => p.id === id);
  expect(problem.failingActivity).toMatchObject({ type: 'recordCase', error: 'ổ đĩa đầy (thử nghiệm)' });
  expect(problem.failingActivity.attempts).toBeGreaterThan(1);
  expect(problem.reason).toContain('Hệ thống chưa ghi được hồ sơ');
  expect(engine.runningByStage['UNIT_RECOMMENDATION']).toBeGreaterThanOrEqual(1);
  expect(engine.openByStage['UNIT_RECOMMENDATION']).toBeGreaterThanOrEqual(1);

  // The stuck board (every open case idle at least 0 days) shows the same, first among its reasons.
  const stuck = await api(h, token, 'GET', '/api/v1/supervision/stuck?idleWorkingDays=0&limit=100');
  const row = stuck.body.items.find((i: { id: string }) => i.id === id);
  expect(row.engine).toMatchObject({ status: 'RUNNING', failingActivity: { type: 'recordCase' } });
  expect(row.reasons[0]).toContain('Hệ thống chưa ghi được hồ sơ');

  // Once the write goes through, the problem is gone.
  failing.delete(id);
  await eventually(async () => {
    const r = await api(h, token, 'GET', '/api/v1/supervision/engine');
    return r.body.problems.some((p: { id: string }) => p.id === id) ? undefined : true;
  }, 40_000);
}, 120_000);
