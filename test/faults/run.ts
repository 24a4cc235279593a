/**
 * `npm run test:faults`: the fault-injection suite. Starts the real servers, the worker and the gateway as separate
 * processes, drives many initiatives through the API at once, and meanwhile kills the worker three times, stops the
 * MongoDB-protocol server for 30 s, kills the Temporal server and kills the gateway with requests in flight, each
 * restarted on the same data. Then it checks the invariants, writes a report to test-artifacts/faults/ and exits
 * non-zero on any violation or on any fault that did not actually happen.
 *
 * Size: FAULTS_CASES (default 300) or `--cases N`; `--ci` is the CI size. Seed: FAULTS_SEED or `--seed N`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { DEFAULT_RULE_PACK, type RulePack } from '../../src/domain/rule-pack';
import { accepted, checkInvariants, forEachLimit, waitForQuiescence, type CheckResult } from './checks';
import { alive, Cluster } from './cluster';
import { FaultClient, sleep } from './client';
import { driveCase, rng, USERS, type DriveResult } from './driver';
import { fastPack, STEP_DEADLINES } from '../support/lifecycle';
import { dataConverterFor } from '../../src/temporal/codec';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (m: string) => process.stderr.write(`[faults ${elapsed()}] ${m}\n`);

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ci = process.argv.includes('--ci');
const CASES = Number(option('cases') ?? process.env['FAULTS_CASES'] ?? (ci ? 60 : 300));
const SEED = Number(option('seed') ?? process.env['FAULTS_SEED'] ?? 2026);
const CONCURRENCY = Number(process.env['FAULTS_CONCURRENCY'] ?? (ci ? 16 : 24));
const OUTAGE_MS = Number(process.env['FAULTS_MONGO_OUTAGE_S'] ?? 30) * 1000;
const BUDGET_MS = Number(process.env['FAULTS_RETRY_BUDGET_S'] ?? 180) * 1000;
const REPORT_DIR = path.resolve(__dirname, '../../test-artifacts/faults');

type FaultKind = 'worker-kill' | 'mongo-outage' | 'temporal-kill' | 'gateway-kill';
/** How many of each kind a run must inject. */
const REQUIRED: Record<FaultKind, number> = {
  'worker-kill': 3,
  'mongo-outage': 1,
  'temporal-kill': 1,
  'gateway-kill': 1,
};

/** A fault as it happened: every time stamp is observed, not planned. */
interface Fault {
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

/** What users would notice during an outage (point 2 of the issue), as checks. */
interface Observation {
  name: string;
  ok: boolean;
  detail: string;
}

/** The rule pack of the run: long step deadlines (no reminders during the run), short tracking and checkpoints. */
function runPack(): RulePack & { effectiveFrom: string } {
  const long = { seconds: 4 * 3600 };
  const pack = fastPack({
    ...Object.fromEntries(STEP_DEADLINES.map((key) => [key, long])),
    amendmentGrace: DEFAULT_RULE_PACK.amendmentGrace.value,
    trackingPeriod: { seconds: 3 },
    reportingInterval: { seconds: 3 },
    reportReminderLead: { seconds: 1 },
    replicationCheckpoints: [{ seconds: 8 }, { seconds: 16 }],
  });
  pack.version = `faults-${SEED}`;
  return { ...pack, effectiveFrom: new Date(Date.now() - 1000).toISOString() };
}

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-faults-'));
  const cluster = new Cluster(dataDir, say);
  let mongo: MongoClient | undefined;
  let connection: Connection | undefined;
  const cleanup = async () => {
    await connection?.close().catch(() => undefined);
    await mongo?.close().catch(() => undefined);
    await cluster.stop();
    // The processes' logs go with the report, so a failed run (in CI too) can be read afterwards.
    fs.mkdirSync(REPORT_DIR, { recursive: true });
    fs.rmSync(path.join(REPORT_DIR, 'logs'), { recursive: true, force: true });
    if (fs.existsSync(path.join(dataDir, 'logs')))
      fs.cpSync(path.join(dataDir, 'logs'), path.join(REPORT_DIR, 'logs'), { recursive: true });
    if (!process.env['FAULTS_KEEP_DATA']) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (sig: string) => {
    say(`${sig}: stopping everything`);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  try {
    say(`seed ${SEED}, ${CASES} cases, ${CONCURRENCY} at once, data ${dataDir}`);
    await cluster.start();
    say(
      `servers, worker (pid ${cluster.worker.pid}) and gateway (pid ${cluster.gateway.pid}) up at ${cluster.gatewayUrl}`,
    );
    const client = new FaultClient(cluster.gatewayUrl, cluster.config.demoPassword, BUDGET_MS);
    for (const u of [...USERS, 'quantri']) await client.login(u);
    const published = await client.post('quantri', '/api/v1/admin/rule-packs', runPack(), {
      caseId: null,
      intent: 'rule-pack',
    });
    if (published.answer?.status !== 201)
      throw new Error(`could not publish the run's rule pack: ${published.answer?.status}`);

    // Drive the cases, and inject the faults at seeded-random points of the progress.
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
        if (finished % 20 === 0)
          say(`  ${finished}/${CASES} cases driven, ${client.requests.length} requests`);
      },
    ).finally(() => (driving = false));

    const kinds: FaultKind[] = [
      'worker-kill',
      'worker-kill',
      'worker-kill',
      'mongo-outage',
      'temporal-kill',
      'gateway-kill',
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

    // Wait for the workflows and the read model to settle, then check.
    const addresses = { temporal: cluster.temporal.address, mongo: cluster.mongo.uri };
    connection = await Connection.connect({ address: addresses.temporal });
    const temporal = new Client({
      connection,
      namespace: cluster.config.temporal.namespace,
      dataConverter: dataConverterFor(cluster.config),
    });
    mongo = new MongoClient(addresses.mongo);
    const db = mongo.db('faults');
    const caseIds = client.requests.filter((r) => r.intent === 'file' && accepted(r)).map((r) => r.caseId!);
    const quiet = await waitForQuiescence(db, temporal, caseIds, 180_000, say);
    say(
      `quiescence ${quiet.settled ? 'reached' : 'NOT reached'} after ${(quiet.waitedMs / 1000).toFixed(1)} s`,
    );
    fs.rmSync(path.join(REPORT_DIR, 'histories'), { recursive: true, force: true });
    const checks: CheckResult[] = await checkInvariants(
      db,
      temporal,
      client.requests,
      path.join(REPORT_DIR, 'histories'),
    );
    checks.push({
      name: 'read models settled after the run (bounded wait)',
      checked: caseIds.length,
      violations: quiet.behind.map((id) => ({
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
    const byKind = Object.fromEntries(
      (Object.keys(REQUIRED) as FaultKind[]).map((k) => [
        k,
        faults.filter((f) => f.kind === k && f.verifiedGone && f.restartedAt !== null).length,
      ]),
    ) as Record<FaultKind, number>;
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

    // The report.
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
      drivingEndedAt: driveEnded,
    };
    const report = { ...counts, checks };
    fs.mkdirSync(REPORT_DIR, { recursive: true });
    fs.writeFileSync(path.join(REPORT_DIR, 'report.json'), JSON.stringify(report, null, 2));
    fs.writeFileSync(path.join(REPORT_DIR, 'requests.json'), JSON.stringify(requests));
    const text = summaryText(counts, checks);
    fs.writeFileSync(path.join(REPORT_DIR, 'summary.txt'), text);
    process.stdout.write(text);
    say(`report: ${path.relative(process.cwd(), REPORT_DIR)}/report.json and summary.txt`);
    return counts.violations === 0 ? 0 : 1;
  } finally {
    await cleanup();
    const left = [...(cluster.worker?.pids ?? []), ...(cluster.gateway?.pids ?? [])].filter(alive);
    if (left.length) say(`WARNING: processes still alive: ${left.join(', ')}`);
  }
}

/** Injects one fault and restarts what it broke; returns what was observed. */
async function inject(
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

async function readyz(url: string): Promise<{ status: number; body: any; ms: number }> {
  const t = Date.now();
  try {
    const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(15_000) });
    return { status: r.status, body: await r.json().catch(() => null), ms: Date.now() - t };
  } catch (err) {
    return { status: 0, body: String(err), ms: Date.now() - t };
  }
}

/** While MongoDB is down: /readyz says so, and a read that needs it answers 503 in Vietnamese, quickly. */
async function observeOutage(
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
async function observeRecovery(
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

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(2);
  },
);
