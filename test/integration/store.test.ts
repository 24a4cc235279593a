/** What the stores guarantee: register numbers consecutive across races and retries, and the indexes queries need. */
import { useHarness } from '../support/use-harness';

const h = useHarness();

test('when 30 filings are registered at once and some are retried, then they hold 30 consecutive numbers with no gap', async () => {
  const receivedAt = '2031-03-02T03:00:00.000Z'; // a year no other test registers in
  const ids = Array.from({ length: 30 }, (_, i) => `reg-${Date.now().toString(36)}-${i}`);
  const first = await Promise.all(
    ids.map((initiativeId) =>
      h.repos.register.register({ initiativeId, title: initiativeId, summary: 'Tóm tắt', receivedAt }),
    ),
  );
  // A retried registration (the activity after a crash) returns what was given, and takes no new number.
  const again = await Promise.all(
    ids
      .slice(0, 10)
      .map((initiativeId) =>
        h.repos.register.register({ initiativeId, title: initiativeId, summary: 'Tóm tắt', receivedAt }),
      ),
  );
  const seqs = first.map((r) => Number(r.registerNo.split('/')[0])).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  expect(first.every((r) => r.registerNo.endsWith('/2031/SK'))).toBe(true);
  expect(again.map((r) => r.registerNo)).toEqual(first.slice(0, 10).map((r) => r.registerNo));
  expect(again.map((r) => r.receivedAt)).toEqual(first.slice(0, 10).map((r) => r.receivedAt));
});

test('when the gateway has started, then the read model carries the indexes its board and inbox queries are shaped for', async () => {
  await Promise.all([h.repos.cases.model.init(), h.repos.tasks.tasks.init()]);
  const keys = async (c: { indexes(): Promise<{ key: Record<string, unknown> }[]> }) =>
    (await c.indexes()).map((i) => Object.keys(i.key).join(','));
  expect(await keys(h.repos.cases.model.collection)).toEqual(
    expect.arrayContaining(['status,unitId', 'status,stage,dueAt', 'unitId', 'stage']),
  );
  expect(await keys(h.repos.tasks.tasks.collection)).toEqual(
    expect.arrayContaining(['status,role,unitId', 'status,personIds', 'caseId']),
  );
});

test('when a case moves from task to task, is retried and closes, then exactly its current task is open each time', async () => {
  const caseId = `tasks-${Date.now().toString(36)}`;
  const task = (key: string) => ({ key, role: 'SECRETARY', description: `Việc ${key}`, dueAt: null });
  const open = async () =>
    (await h.repos.tasks.tasks.find({ caseId, status: 'OPEN' }, { _id: 1 }).lean()).map((t) => t._id).sort();
  // A case written before the open-task record existed: its open task is found by the slower query, then closed.
  await h.repos.tasks.tasks.create({
    _id: `${caseId}:legacy`,
    caseId,
    initiativeId: caseId,
    role: 'UNIT_HEAD',
    description: 'Việc cũ',
    status: 'OPEN',
    createdAt: new Date(),
  });
  await h.repos.tasks.setCurrent(caseId, caseId, task(`${caseId}:a`));
  expect(await open()).toEqual([`${caseId}:a`]);
  await h.repos.tasks.setCurrent(caseId, caseId, task(`${caseId}:b`));
  // A retried write (the activity after a crash) changes nothing.
  await h.repos.tasks.setCurrent(caseId, caseId, task(`${caseId}:b`));
  expect(await open()).toEqual([`${caseId}:b`]);
  const closed = await h.repos.tasks.tasks.findById(`${caseId}:a`).lean();
  expect(closed).toMatchObject({ status: 'DONE', closedAt: expect.any(Date) as unknown });
  await h.repos.tasks.setCurrent(caseId, caseId, null);
  expect(await open()).toEqual([]);
  expect(await h.repos.tasks.tasks.countDocuments({ caseId })).toBe(3);
});
