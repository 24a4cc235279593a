/** The run's report: counts, faults, observations and checks, written to test-artifacts/faults/ and summarised. */
import fs from 'node:fs';
import path from 'node:path';
import type { FaultClient } from './client';
import type { CheckResult } from './checks';
import type { Fault, FaultKind } from './faults';
import type { RunOutcome } from './schedule';
import { CASES, REPORT_DIR, SEED, say, t0 } from './settings';

/** Writes report.json, requests.json and summary.txt, prints the summary; returns the number of violations. */
export function writeReport(
  { results, faults, observations, drivingEndedAt }: RunOutcome,
  client: FaultClient,
  caseIds: string[],
  byKind: Record<FaultKind, number>,
  checks: CheckResult[],
): number {
  const requests = client.requests.filter((r) => r.intent !== 'rule-pack');
  const counts = {
    seed: SEED,
    cases: { driven: CASES, accepted: caseIds.length, byLastStep: tally(results.map((r) => r.lastStep)) },
    requests: {
      total: requests.length,
      accepted2xx: requests.filter((r) => r.status !== null && r.status < 300).length,
      refused4xx: requests.filter((r) => r.status !== null && r.status >= 400).length,
      unanswered: requests.filter((r) => r.status === null).length,
      attempts: requests.reduce((a, r) => a + r.attempts, 0),
      retries: requests.reduce((a, r) => a + r.transient.length, 0),
      deliberateReplays: requests.reduce((a, r) => a + r.deliberateReplays, 0),
      retriedBecause: tally(requests.flatMap((r) => r.transient)),
      refusedCodes: tally(requests.filter((r) => r.code).map((r) => r.code!)),
    },
    faults: { byKind, injected: faults },
    observations,
    invariantChecks: checks.reduce((a, c) => a + c.checked, 0),
    violations: checks.reduce((a, c) => a + c.violations.length, 0),
    durationS: Math.round((Date.now() - t0) / 1000),
    drivingEndedAt,
  };
  const report = { ...counts, checks };
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  fs.writeFileSync(path.join(REPORT_DIR, 'report.json'), JSON.stringify(report, null, 2));
  fs.writeFileSync(path.join(REPORT_DIR, 'requests.json'), JSON.stringify(requests));
  const text = summaryText(counts, checks);
  fs.writeFileSync(path.join(REPORT_DIR, 'summary.txt'), text);
  process.stdout.write(text);
  say(`report: ${path.relative(process.cwd(), REPORT_DIR)}/report.json and summary.txt`);
  return counts.violations;
}

function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

function summaryText(counts: any, checks: CheckResult[]): string {
  const lines = [
    '',
    `Fault injection, seed ${counts.seed}: ${counts.durationS} s`,
    `  cases      ${counts.cases.accepted} filed of ${counts.cases.driven} driven; last steps ${JSON.stringify(counts.cases.byLastStep)}`,
    `  requests   ${counts.requests.total} (${counts.requests.accepted2xx} accepted, ${counts.requests.refused4xx} refused, ${counts.requests.unanswered} unanswered); ${counts.requests.attempts} attempts, ${counts.requests.retries} retries, ${counts.requests.deliberateReplays} deliberate replays`,
    `  retried on ${JSON.stringify(counts.requests.retriedBecause)}`,
    `  faults     ${Object.entries(counts.faults.byKind)
      .map(([k, n]) => `${k} ×${String(n)}`)
      .join(', ')}`,
    ...counts.faults.injected.map(
      (f: Fault) =>
        `             ${f.injectedAt} ${f.kind} pid ${f.pid} gone=${f.verifiedGone} → restarted ${f.restartedAt ?? 'never'} pid ${f.newPid ?? '-'}` +
        (f.inFlight !== undefined ? ` (${f.inFlight} requests in flight)` : '') +
        (f.downForMs !== undefined ? ` (down ${(f.downForMs / 1000).toFixed(1)} s)` : ''),
    ),
    `  invariant checks ${counts.invariantChecks}, violations ${counts.violations}`,
    ...checks.map(
      (c) =>
        `    ${c.violations.length === 0 ? 'ok  ' : 'FAIL'} ${c.name} (${c.checked} checked${c.violations.length ? `, ${c.violations.length} violations` : ''})`,
    ),
    ...checks.flatMap((c) =>
      c.violations.slice(0, 20).map((v) => `      ${v.caseId ?? '-'}: ${c.name}: ${v.detail}`),
    ),
    '',
  ];
  return lines.join('\n');
}
