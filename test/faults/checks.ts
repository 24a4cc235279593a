/**
 * The invariants after a run: what the API accepted happened exactly once, nothing was lost, the read model agrees
 * with the workflows, every legal-record chain is whole and verifies, nothing is numbered twice, nothing is stuck.
 * One family of checks per module in checks/; their results come in the order they run here.
 */
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { RequestRecord } from './client';
import { Check, type CheckResult } from './checks/check';
import { checkNothingTwice } from './checks/duplicates';
import { checkEffectsOnce, checkRequestsAndCases } from './checks/exactly-once';
import { checkReadModels } from './checks/read-model';
import { checkWorkflows } from './checks/workflows';

export { accepted, type CheckResult } from './checks/check';
export { waitForQuiescence } from './checks/quiescence';

/** Runs every invariant check. */
export async function checkInvariants(
  db: Db,
  temporal: Client,
  requests: RequestRecord[],
  historyDir?: string,
): Promise<CheckResult[]> {
  const results: Check[] = [];
  const check = (name: string) => {
    const c = new Check(name);
    results.push(c);
    return c;
  };
  const { acceptedIds, seen, caseDocs, docById } = await checkRequestsAndCases(check, db, temporal, requests);
  await checkEffectsOnce(check, db, requests, acceptedIds);
  await checkReadModels(check, db, temporal, seen, docById);
  await checkNothingTwice(check, db, caseDocs);
  await checkWorkflows(check, temporal, historyDir);
  return results.map((c) => c.result());
}
