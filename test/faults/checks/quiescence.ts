/** Waiting, after the run, until the read models have caught up with the workflows and no activity is pending. */
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import { initiativeWorkflowId } from '../../../src/contracts/ids';
import { getStateQuery } from '../../../src/contracts/initiative';
import { forEachLimit } from '../limit';

/** Polls until every accepted case's read model has caught up with its workflow (bounded). */
export async function waitForQuiescence(
  db: Db,
  temporal: Client,
  caseIds: string[],
  timeoutMs: number,
  say: (m: string) => void,
): Promise<{ settled: boolean; waitedMs: number; behind: string[] }> {
  const t0 = Date.now();
  let behind: string[] = caseIds;
  while (Date.now() - t0 < timeoutMs) {
    const next: string[] = [];
    const docs = new Map(
      (
        await db
          .collection('cases')
          .find({}, { projection: { revision: 1 } })
          .toArray()
      ).map((d) => [String(d._id), Number(d['revision'])]),
    );
    await forEachLimit(behind, 16, async (id) => {
      const st = await temporal.workflow
        .getHandle(initiativeWorkflowId(id))
        .query(getStateQuery)
        .catch(() => null);
      // A case in replication follow-up closes on its checkpoints within seconds: wait for that too.
      if (!st || docs.get(id) !== st.revision || (st.status === 'OPEN' && st.step === 'REPLICATION'))
        next.push(id);
    });
    const running = await pendingActivityCount(temporal);
    behind = next;
    if (behind.length === 0 && running === 0) return { settled: true, waitedMs: Date.now() - t0, behind };
    say(`  waiting for quiescence: ${behind.length} read models behind, ${running} activities pending`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return { settled: false, waitedMs: Date.now() - t0, behind };
}

async function pendingActivityCount(temporal: Client): Promise<number> {
  let n = 0;
  for await (const wf of temporal.workflow.list({ query: 'ExecutionStatus="Running"' })) {
    const d = await temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
    n += d.raw.pendingActivities?.length ?? 0;
  }
  return n;
}
