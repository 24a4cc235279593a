/**
 * A case's writes carry what changed since the one before (src/contracts/state-change.ts). When the read model does
 * not hold that earlier state, the write says so before writing anything and the workflow sends the state whole.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { getStateQuery, unitReviewUpdate } from '../../src/contracts/initiative';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { decide, fileCase, people } from '../support/lifecycle';

const h = useHarness();

/** The workflow's state as JSON carries it, without what the query adds for its viewer. */
async function workflowState(handle: WorkflowHandle): Promise<unknown> {
  const { sealedScorers: _sealed, ...state } = await handle.query(getStateQuery);
  return JSON.parse(JSON.stringify(state));
}

test('when the read model lost the last write, then the next decision stores the whole state once', async () => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue);
  const filed = await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined, 20_000);
  // As if restored from a backup taken before the case's last write.
  await h.repos.cases.model
    .updateOne({ _id: id }, { $set: { revision: 0, 'state.revision': 0, step: 'X', 'state.step': 'X' } })
    .exec();

  const st = await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  const stored = (await h.repos.cases.findById(id))!;
  expect([stored.step, stored.revision]).toEqual([st.step, st.revision]);
  expect(stored.revision).toBeGreaterThan(filed.revision);
  expect(stored.state).toEqual(await workflowState(handle));
  const entries = await h.repos.legalRecord.list(id);
  expect(entries.map((e) => e.kind)).toEqual(['FILED', 'UNIT_ENDORSED']);

  const events = (await handle.fetchHistory()).events ?? [];
  const refused = events.filter((e) =>
    e.activityTaskFailedEventAttributes?.failure?.message?.includes(
      `does not hold revision ${filed.revision}`,
    ),
  );
  expect(refused).toHaveLength(1);
});

test('when a case moves on normally, then its read model equals the workflow state after each decision', async () => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue);
  await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  const stored = (await h.repos.cases.findById(id))!;
  expect(stored.state).toEqual(await workflowState(handle));
});
