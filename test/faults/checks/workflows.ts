/**
 * The workflows themselves: none stuck on a failing activity or workflow task, none reset or restarted, and every
 * history replays with the current code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { HistoryAndWorkflowId } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { StartCheck } from './check';

/** No workflow stuck or restarted; every history replays (a failing one is kept in `historyDir` for a look). */
export async function checkWorkflows(
  check: StartCheck,
  temporal: Client,
  historyDir?: string,
): Promise<void> {
  // No workflow stuck on a failing activity or workflow task.
  const stuck = check('no workflow is stuck on a failed activity or workflow task');
  for await (const wf of temporal.workflow.list({ query: 'ExecutionStatus="Running"' })) {
    stuck.count();
    const d = await temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
    const caseId = wf.workflowId.replace(/^initiative:/, '').replace(/:.*$/, '');
    for (const a of d.raw.pendingActivities ?? []) {
      if ((a.attempt ?? 0) > 1 || a.lastFailure)
        stuck.fail(
          caseId,
          `${wf.workflowId}: activity ${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? ''}`,
        );
    }
    const wt = d.raw.pendingWorkflowTask;
    if (wt && (wt.attempt ?? 0) > 2)
      stuck.fail(caseId, `${wf.workflowId}: workflow task attempt ${wt.attempt}`);
  }
  for await (const wf of temporal.workflow.list({
    query: 'ExecutionStatus="Failed" OR ExecutionStatus="Terminated" OR ExecutionStatus="TimedOut"',
  })) {
    stuck.count();
    stuck.fail(
      wf.workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
      `${wf.workflowId} ended ${wf.status.name}`,
    );
  }

  // Nothing reset or restarted a workflow: each has one run, or a chain of runs each continued as new from the one before.
  const chains = check(
    'every workflow has one run per continue-as-new chain (no run was reset or restarted)',
  );
  const runs = new Map<string, string[]>();
  for await (const wf of temporal.workflow.list({
    query: 'WorkflowType="initiativeWorkflow" OR WorkflowType="replicationWorkflow"',
  }))
    runs.set(wf.workflowId, [...(runs.get(wf.workflowId) ?? []), wf.status.name]);
  for (const [workflowId, statuses] of runs) {
    chains.count();
    const ends = statuses.filter((st) => st !== 'CONTINUED_AS_NEW');
    if (ends.length !== 1)
      chains.fail(
        workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
        `${workflowId}: runs ${statuses.join(', ')} (expected one run not continued as new)`,
      );
  }

  // Every history replays with the current workflow code: a crash or a retried message must never leave a history that
  // a fresh worker cannot replay (non-determinism would stall the case at its next workflow task, forever).
  const replays = check('every workflow history replays with the current code (no non-determinism)');
  const { histories, results: replayed } = await replayAll(temporal);
  for (const r of replayed) {
    replays.count();
    if (!r.error) continue;
    replays.fail(
      r.workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
      `${r.workflowId}: ${String(r.error).slice(0, 300)}`,
    );
    const h = histories.find((x) => x.workflowId === r.workflowId);
    if (historyDir && h) {
      // Kept for a look, in the form test/integration/replay.test.ts reads (protobufjs's own JSON of the history).
      fs.mkdirSync(historyDir, { recursive: true });
      fs.writeFileSync(
        path.join(historyDir, `${r.workflowId.replace(/[^\w.-]+/g, '_')}.json`),
        JSON.stringify(h.history),
      );
    }
  }
}

/** Replays every initiative and replication history. */
async function replayAll(temporal: Client) {
  const histories: HistoryAndWorkflowId[] = [];
  for await (const h of temporal.workflow
    .list({ query: 'WorkflowType="initiativeWorkflow" OR WorkflowType="replicationWorkflow"' })
    .intoHistories())
    histories.push(h);
  const results: { workflowId: string; error?: Error }[] = [];
  for await (const r of Worker.runReplayHistories(
    {
      workflowsPath: require.resolve('../../../workflows'),
      replayName: 'fault-suite',
      dataConverter: temporal.options.dataConverter,
    },
    histories,
  ))
    results.push(r);
  return { histories, results };
}
