/** The faults a run injects: their kinds, each as it happened, and how each is injected and its process restarted. */
import { sleep, type FaultClient } from './client';
import type { Cluster } from './cluster';
import { observeOutage, observeRecovery, readyz, type Observation } from './observations';
import { MAIL_OUTAGE_MS, OUTAGE_MS, say } from './settings';

/** The kinds of fault. */
export type FaultKind = 'worker-kill' | 'mongo-outage' | 'temporal-kill' | 'gateway-kill' | 'mail-outage';
/** How many of each kind a run must inject. */
export const REQUIRED: Record<FaultKind, number> = {
  'worker-kill': 3,
  'mongo-outage': 1,
  'temporal-kill': 1,
  'gateway-kill': 1,
  'mail-outage': 1,
};

/** A fault as it happened: every time stamp is observed, not planned. */
export interface Fault {
  kind: FaultKind;
  /** Progress (finished cases / all) when it was injected. */
  atProgress: number;
  injectedAt: string;
  /** The process that was killed or stopped, and proof that it was gone. */
  pid: number;
  verifiedGone: boolean;
  restartedAt: string | null;
  newPid: number | null;
  /** Requests on the wire when the gateway was killed. */
  inFlight?: number;
  downForMs?: number;
}

/** How many faults of each kind were verified (the process gone) and followed by a restart. */
export function verifiedByKind(faults: Fault[]): Record<FaultKind, number> {
  return Object.fromEntries(
    (Object.keys(REQUIRED) as FaultKind[]).map((k) => [
      k,
      faults.filter((f) => f.kind === k && f.verifiedGone && f.restartedAt !== null).length,
    ]),
  ) as Record<FaultKind, number>;
}

/** Injects one fault and restarts what it broke; returns what was observed. */
export async function inject(
  kind: FaultKind,
  progress: number,
  cluster: Cluster,
  client: FaultClient,
  observations: Observation[],
  random: () => number,
): Promise<Fault> {
  const now = () => new Date().toISOString();
  const base = { kind, atProgress: Math.round(progress * 1000) / 1000 };
  switch (kind) {
    case 'worker-kill': {
      const injectedAt = now();
      const { pid, gone } = await cluster.worker.kill();
      say(`FAULT worker SIGKILL pid ${pid} (gone: ${gone})`);
      await sleep(1_000 + random() * 4_000);
      const newPid = await cluster.startWorker();
      say(`  worker restarted as pid ${newPid}`);
      return { ...base, injectedAt, pid, verifiedGone: gone, restartedAt: now(), newPid };
    }
    case 'gateway-kill': {
      // Killed while requests are on the wire, as a crash would find it.
      const until = Date.now() + 15_000;
      while (client.inFlight === 0 && Date.now() < until) await sleep(5);
      const inFlight = client.inFlight;
      const injectedAt = now();
      const { pid, gone } = await cluster.gateway.kill();
      say(`FAULT gateway SIGKILL pid ${pid} with ${inFlight} requests in flight (gone: ${gone})`);
      await sleep(1_000 + random() * 2_000);
      const newPid = await cluster.startGateway();
      say(`  gateway restarted as pid ${newPid}`);
      return {
        ...base,
        injectedAt,
        pid,
        verifiedGone: gone && inFlight > 0,
        restartedAt: now(),
        newPid,
        inFlight,
      };
    }
    case 'temporal-kill': {
      const injectedAt = now();
      const { pid, gone } = await cluster.killTemporal();
      say(`FAULT Temporal server SIGKILL pid ${pid} (gone: ${gone})`);
      const ready = await readyz(cluster.gatewayUrl);
      observations.push({
        name: 'with Temporal down, /readyz answers 503 naming temporal',
        ok: ready.status === 503 && ready.body?.checks?.temporal === 'down',
        detail: `${ready.status} ${JSON.stringify(ready.body)}`,
      });
      await sleep(2_000 + random() * 3_000);
      const newPid = await cluster.restartTemporal();
      say(`  Temporal restarted as pid ${newPid} on the same database file`);
      return { ...base, injectedAt, pid, verifiedGone: gone, restartedAt: now(), newPid };
    }
    case 'mail-outage': {
      // Mail waits in the outbox meanwhile; the cases go on (the decisions of the run keep being accepted).
      const injectedAt = now();
      const stoppedAt = Date.now();
      const { pid, gone } = await cluster.stopMail();
      say(`FAULT mail server stopped, pid ${pid} (gone: ${gone}); down for ${MAIL_OUTAGE_MS / 1000} s`);
      await sleep(MAIL_OUTAGE_MS);
      const downForMs = Date.now() - stoppedAt;
      const newPid = await cluster.restartMail();
      say(`  mail server restarted as pid ${newPid} on the same data`);
      return { ...base, injectedAt, pid, verifiedGone: gone, restartedAt: now(), newPid, downForMs };
    }
    case 'mongo-outage': {
      const workerPid = cluster.worker.pid;
      const gatewayPid = cluster.gateway.pid;
      const injectedAt = now();
      const stoppedAt = Date.now();
      const { pid, gone } = await cluster.stopMongo();
      say(
        `FAULT MongoDB-protocol server stopped, pid ${pid} (gone: ${gone}); down for ${OUTAGE_MS / 1000} s`,
      );
      await observeOutage(cluster, client, observations);
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
      const downForMs = Date.now() - stoppedAt;
      const newPid = await cluster.restartMongo();
      const restartedAt = now();
      say(`  MongoDB-protocol server restarted as pid ${newPid} on the same data`);
      await observeRecovery(cluster, client, observations, { workerPid, gatewayPid });
      return { ...base, injectedAt, pid, verifiedGone: gone, restartedAt, newPid, downForMs };
    }
  }
}
