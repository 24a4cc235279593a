/**
 * Checks of the run as a whole, from what the client, the processes and the fault injection saw: the read models
 * settled, no unexpected 5xx, replays answered alike, no process died by itself, every fault happened, users saw
 * what they should during the outage.
 */
import type { FaultClient } from '../client';
import type { Cluster } from '../cluster';
import { REQUIRED, type Fault, type FaultKind } from '../faults';
import type { Observation } from '../observations';
import type { CheckResult } from './check';

/** What the run-level checks read. */
export interface RunSeen {
  /** The accepted cases, and those whose read model was still behind after the bounded wait. */
  caseIds: string[];
  behind: string[];
  client: FaultClient;
  cluster: Cluster;
  faults: Fault[];
  byKind: Record<FaultKind, number>;
  observations: Observation[];
}

/** The run-level checks, in the order the report lists them. */
export function runChecks({
  caseIds,
  behind,
  client,
  cluster,
  faults,
  byKind,
  observations,
}: RunSeen): CheckResult[] {
  const checks: CheckResult[] = [];
  checks.push({
    name: 'read models settled after the run (bounded wait)',
    checked: caseIds.length,
    violations: behind.map((id) => ({
      caseId: `initiative:${id}`,
      detail: 'read model still behind its workflow',
    })),
  });
  checks.push({
    name: 'no 5xx answer other than a documented 503 problem',
    checked: client.requests.length,
    violations: client.serverErrors.map((e) => ({
      caseId: null,
      detail: `${e.at} ${e.path}: ${e.status} ${e.body}`,
    })),
  });
  checks.push({
    name: 'a request re-sent with its Idempotency-Key gets the first answer again',
    checked: client.requests.filter((r) => r.deliberateReplays > 0).length,
    violations: client.replayMismatches.map((m) => ({
      caseId: null,
      detail: `${m.path}: ${m.why} (first ${m.first} then ${m.again})`,
    })),
  });
  const unexpected = [
    ...cluster.worker.unexpectedExits.map((e) => ({ ...e, who: 'worker' })),
    ...cluster.gateway.unexpectedExits.map((e) => ({ ...e, who: 'gateway' })),
  ];
  checks.push({
    name: 'the worker and the gateway never died by themselves (they reconnect)',
    checked: cluster.worker.pids.length + cluster.gateway.pids.length,
    violations: unexpected.map((e) => ({
      caseId: null,
      detail: `${e.who} pid ${e.pid} exited by itself at ${e.at} (${e.how})`,
    })),
  });
  checks.push({
    name: 'every kind of fault was actually injected (process verified gone, then restarted)',
    checked: faults.length,
    violations: (Object.keys(REQUIRED) as FaultKind[])
      .filter((k) => byKind[k] < REQUIRED[k])
      .map((k) => ({ caseId: null, detail: `${k}: ${byKind[k]} verified of ${REQUIRED[k]} required` })),
  });
  checks.push({
    name: 'while MongoDB was down and after it came back, users saw what they should (point 2)',
    checked: observations.length,
    violations: observations
      .filter((o) => !o.ok)
      .map((o) => ({ caseId: null, detail: `${o.name}: ${o.detail}` })),
  });
  return checks;
}
