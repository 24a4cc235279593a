/** A crash after the write: the retried activity must leave every record exactly once. */
import { remindSignal, unitReviewUpdate } from '../../src/contracts/initiative';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { decide, fileCase, people, waitFor } from '../support/lifecycle';

const failOnce = new Set<string>();
const calls = new Map<string, number>();
const h = useHarness({
  afterRecord: (input) => {
    calls.set(input.caseId, (calls.get(input.caseId) ?? 0) + 1);
    // Everything is written by now; failing here is a worker crash just before the activity reports completion.
    if (failOnce.delete(input.caseId)) throw new Error('injected failure after the write');
  },
});

test('when recordCase fails after writing, then its retry leaves each legal entry, task, notice and case once', async () => {
  const id = `retry-${Date.now().toString(36)}`;
  failOnce.add(id);
  const { handle } = await fileCase(h.client, h.config.temporal.taskQueue, { id });
  await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await handle.signal(remindSignal, { actor: people.supervisor, message: 'Nhắc vào sổ' });
  const st = await waitFor(handle, (s) => s.reminders === 1);

  // Wait until everything the workflow drafted is written (the retry comes after a one-second back-off).
  const entries = await eventually(async () => {
    const list = await h.repos.legalRecord.list(id);
    return list.length === st.legalSeq ? list : undefined;
  }, 20_000);
  // The read model is written last in a batch: once it is current, the tasks and notices are too.
  const rm = await eventually(async () => {
    const r = await h.repos.cases.findById(id);
    return r?.revision === st.revision ? r : undefined;
  }, 20_000);
  expect(calls.get(id)).toBeGreaterThanOrEqual(2); // the failure really happened and was retried
  expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: st.legalSeq }, (_, i) => i + 1));
  expect(await h.repos.legalRecord.verify(id)).toEqual({ ok: true, entries: st.legalSeq });
  expect(await h.repos.cases.model.countDocuments({ _id: id })).toBe(1);
  expect(await h.repos.tasks.tasks.countDocuments({ caseId: id, status: 'OPEN' })).toBe(1);
  // One notice per task given (the unit head's, then the secretary's) and one for the reminder.
  const notices = await h.repos.tasks.notifications.find({ caseId: id }).lean().exec();
  expect(notices.map((n) => n.kind).sort()).toEqual(['REMINDER', 'TASK', 'TASK']);
  expect(rm.step).toBe('REGISTRATION');
});
