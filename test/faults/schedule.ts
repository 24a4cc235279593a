/**
 * The run itself: drives the cases through the decision mix, `CONCURRENCY` at a time, and meanwhile injects the
 * faults at seeded-random points of the progress (each kind as many times as REQUIRED, in a seeded order).
 */
import { sleep, type FaultClient } from './client';
import type { Cluster } from './cluster';
import { driveCase, type DriveResult } from './decision-mix';
import { inject, type Fault, type FaultKind } from './faults';
import { forEachLimit } from './limit';
import type { Observation } from './observations';
import { rng } from './random';
import { CASES, CONCURRENCY, SEED, elapsed, say } from './settings';

/** What the driving did, the faults as they happened, and what users saw during them. */
export interface RunOutcome {
  results: DriveResult[];
  faults: Fault[];
  observations: Observation[];
  /** When the driving ended (time since the run started). */
  drivingEndedAt: string;
}

/** Drives every case and injects the faults; returns once both are done. */
export async function driveWithFaults(cluster: Cluster, client: FaultClient): Promise<RunOutcome> {
  const random = rng(SEED);
  let finished = 0;
  let driving = true;
  const results: DriveResult[] = [];
  const drive = forEachLimit(
    Array.from({ length: CASES }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      results.push(
        await driveCase(client, {
          seed: SEED,
          index: i,
          replayRate: 0.1,
          duplicateRate: 0.05,
          timerWaitMs: 90_000,
        }),
      );
      finished++;
      if (finished % 20 === 0) say(`  ${finished}/${CASES} cases driven, ${client.requests.length} requests`);
    },
  ).finally(() => (driving = false));

  const kinds: FaultKind[] = [
    'worker-kill',
    'worker-kill',
    'worker-kill',
    'mongo-outage',
    'temporal-kill',
    'gateway-kill',
    'mail-outage',
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const points = kinds.map(() => 0.05 + random() * 0.6).sort((a, b) => a - b);
  const faults: Fault[] = [];
  const observations: Observation[] = [];
  const injecting = (async () => {
    for (const [i, kind] of kinds.entries()) {
      while (driving && finished / CASES < points[i]!) await sleep(250);
      await sleep(random() * 2_000);
      faults.push(await inject(kind, finished / CASES, cluster, client, observations, random));
    }
  })();
  const [driveOutcome, injectOutcome] = await Promise.allSettled([drive, injecting]);
  if (driveOutcome.status === 'rejected') throw driveOutcome.reason;
  if (injectOutcome.status === 'rejected') throw injectOutcome.reason;
  const driveEnded = elapsed();
  say(`driving done: ${client.requests.length} requests; faults: ${faults.map((f) => f.kind).join(', ')}`);
  return { results, faults, observations, drivingEndedAt: driveEnded };
}
