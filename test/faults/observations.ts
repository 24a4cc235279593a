/** What users would notice during an outage (point 2 of the issue), observed while and after it happens. */
import { sleep, type FaultClient } from './client';
import type { Cluster } from './cluster';

/** What users would notice during an outage (point 2 of the issue), as checks. */
export interface Observation {
  name: string;
  ok: boolean;
  detail: string;
}

/** The gateway's /readyz answer, how long it took (status 0: no answer). */
export async function readyz(url: string): Promise<{ status: number; body: any; ms: number }> {
  const t = Date.now();
  try {
    const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(15_000) });
    return { status: r.status, body: await r.json().catch(() => null), ms: Date.now() - t };
  } catch (err) {
    return { status: 0, body: String(err), ms: Date.now() - t };
  }
}

/** While MongoDB is down: /readyz says so, and a read that needs it answers 503 in Vietnamese, quickly. */
export async function observeOutage(
  cluster: Cluster,
  client: FaultClient,
  observations: Observation[],
): Promise<void> {
  let ready = await readyz(cluster.gatewayUrl);
  for (let i = 0; i < 20 && ready.status !== 503; i++) {
    await sleep(500);
    ready = await readyz(cluster.gatewayUrl);
  }
  observations.push({
    name: 'with MongoDB down, /readyz answers 503 naming mongodb',
    ok: ready.status === 503 && ready.body?.checks?.mongodb === 'down',
    detail: `${ready.status} ${JSON.stringify(ready.body)} in ${ready.ms} ms`,
  });
  for (const path of ['/api/v1/initiatives', '/api/v1/me/tasks']) {
    const t = Date.now();
    let status = 0;
    let type = '';
    let body: any = null;
    try {
      const r = await fetch(cluster.gatewayUrl + path, {
        headers: { authorization: `Bearer ${client.token('giamsat')}` },
        signal: AbortSignal.timeout(30_000),
      });
      status = r.status;
      type = r.headers.get('content-type') ?? '';
      body = await r.json().catch(() => null);
    } catch (err) {
      body = String(err);
    }
    const ms = Date.now() - t;
    observations.push({
      name: `with MongoDB down, GET ${path} answers 503 DATABASE_UNAVAILABLE in Vietnamese within 15 s`,
      ok:
        status === 503 &&
        type.includes('application/problem+json') &&
        body?.code === 'DATABASE_UNAVAILABLE' &&
        /Cơ sở dữ liệu/.test(String(body?.detail)) &&
        ms < 15_000,
      detail: `${status} ${type} ${JSON.stringify(body)} in ${ms} ms`,
    });
  }
}

/** After MongoDB returns: with nobody doing anything, the same worker and gateway serve again. */
export async function observeRecovery(
  cluster: Cluster,
  client: FaultClient,
  observations: Observation[],
  before: { workerPid: number | undefined; gatewayPid: number | undefined },
): Promise<void> {
  const t = Date.now();
  let ready = await readyz(cluster.gatewayUrl);
  while (ready.status !== 200 && Date.now() - t < 60_000) {
    await sleep(500);
    ready = await readyz(cluster.gatewayUrl);
  }
  observations.push({
    name: 'after MongoDB returns, /readyz answers 200 within 60 s without anyone acting',
    ok: ready.status === 200,
    detail: `${ready.status} after ${Date.now() - t} ms`,
  });
  const list = await client.get('giamsat', '/api/v1/initiatives?limit=1');
  observations.push({
    name: 'after MongoDB returns, reads answer 200 again',
    ok: list?.status === 200,
    detail: String(list?.status ?? 'no answer'),
  });
  observations.push({
    name: 'the same worker and gateway processes reconnected by themselves (no restart)',
    ok:
      before.workerPid === cluster.worker.pid &&
      before.gatewayPid === cluster.gateway.pid &&
      cluster.worker.running() &&
      cluster.gateway.running(),
    detail: `worker ${before.workerPid}→${cluster.worker.pid}, gateway ${before.gatewayPid}→${cluster.gateway.pid}`,
  });
}
