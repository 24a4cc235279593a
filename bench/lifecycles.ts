/**
 * Benchmark: whole life cycles through the gateway. N initiatives go from filing to COMPLETED (two adopting units),
 * every decision sent over HTTP by the demo person who makes it, against a baseline measured in the same run: N bare
 * workflows (bench/bare-workflow.ts: no state, no activities, no timers) receiving the same messages with the raw client.
 * Both run with the same concurrency pool. Cases per second and the ratio.
 *
 * The worker and the gateway run as separate processes (as in production); the servers are the dev server (SQLite)
 * and FerretDB (SQLite) unless TEMPORAL_ADDRESS and MONGODB_URI are set; BENCH_MONGO=ferretdb-postgresql runs FerretDB on
 * a private PostgreSQL 15 cluster instead (Debian's `postgresql`), whose writers do not queue behind one SQLite lock.
 * `npm run bench:lifecycles` (BENCH_CASES, default 1000; BENCH_CONCURRENCY, default 24: FerretDB's SQLite backend answers SQLITE_BUSY
 * well before 96 cases in flight).
 * Beside cases per second it gives each process's CPU seconds per case (worker, gateway, Temporal server, database
 * server, this driver; from /proc at the start and end of each phase) and, from the worker's Prometheus metrics
 * (WORKER_METRICS_ADDRESS), the worker's time per activity type and per document kind over the life-cycle phase.
 * BENCH_CPU_PROF=1 profiles the worker (`node --cpu-prof`, into bench/results/profiles/) and prints its top functions
 * by self time; BENCH_DB_COMMANDS=1 counts the database commands of the worker and the gateway (bench/db-commands.ts).
 * Writes bench/results/lifecycles.json.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import { freePort } from '../dev/servers/process';
import { initiativeWorkflowId } from '../src/contracts/ids';
import { BUILT_IN_WAIT_S, dossier, PACK, script, USERS, type Message, type User } from './lifecycle-script';
import {
  environment,
  loadAverage,
  login,
  percentile,
  r2,
  rssMB,
  runPool,
  say,
  startServersOnly,
  writeResults,
} from './support';
import {
  cpuPerCase,
  cpuSnapshot,
  cpuTable,
  dbCommandsDelta,
  dbCommandsTable,
  histogramDelta,
  histogramTable,
  metricValue,
  profileReport,
  readDbCommands,
  scrape,
} from './instruments';

const CASES = Number(process.env['BENCH_CASES'] ?? 1000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 24);
const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] ?? 'demo-sangkien-2026';
const CPU_PROF = process.env['BENCH_CPU_PROF'] === '1';
const DB_COMMANDS = process.env['BENCH_DB_COMMANDS'] === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const loadStart = loadAverage();
  const stack = await startServersOnly();
  const stamp = Date.now();
  const taskQueue = `bench-lc-${stamp}`;
  const env = { TEMPORAL_TASK_QUEUE: taskQueue, MONGODB_DB: `bench_lc_${stamp}` };
  const profileDir = nodePath.resolve(__dirname, 'results', 'profiles', `lifecycles-${stamp}`);
  try {
    say('starting the worker and the gateway as processes…');
    const metricsPort = await freePort();
    const workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    const dbFile = (kind: string) =>
      DB_COMMANDS ? nodePath.join(stack.dataDir, `db-commands-${kind}.json`) : undefined;
    const preload = DB_COMMANDS ? [nodePath.join(__dirname, 'db-commands.ts')] : [];
    const worker = await stack.spawn(
      'worker',
      {
        ...env,
        WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
        ...(DB_COMMANDS ? { BENCH_DB_COMMANDS_FILE: dbFile('worker') } : {}),
      },
      CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      preload,
    );
    const gateway = await stack.spawn(
      'gateway',
      { ...env, ...(DB_COMMANDS ? { BENCH_DB_COMMANDS_FILE: dbFile('gateway') } : {}) },
      [],
      preload,
    );
    const pids = { worker: worker.pid, gateway: gateway.pid, ...stack.serverPids() };
    const cpuNow = () => ({ ...cpuSnapshot(pids), driver: driverCpu() });
    const dbNow = () => ({
      worker: readDbCommands(dbFile('worker')),
      gateway: readDbCommands(dbFile('gateway')),
    });
    const url = gateway.url!;
    const tokens = {} as Record<User, string>;
    for (const u of USERS) tokens[u] = await login(url, u, DEMO_PASSWORD);
    let requests = 0;
    let polls = 0;
    const serverErrors: Record<string, number> = {};
    let lateAdoptions = 0;
    const once = async (user: User, method: string, path: string, body: unknown, key: string) => {
      const answer = await send(user, method, path, body, key);
      if (answer.status !== 401) return answer;
      // Access tokens last 15 minutes: sign in again, as the web app does, and resend.
      tokens[user] = await login(url, user, DEMO_PASSWORD);
      return send(user, method, path, body, key);
    };
    const send = async (user: User, method: string, path: string, body: unknown, key: string) => {
      requests++;
      const r = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${tokens[user]}`,
          ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': key } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: r.status, body: JSON.parse((await r.text()) || '{}') as Record<string, unknown> };
    };
    // A 5xx (a busy database, a decision still pending) is counted and the request sent again with the same key, as
    // the web app does: the retry gets the first attempt's outcome, never a second decision. A key still held by its
    // first attempt (409 REQUEST_IN_PROGRESS) is asked again too.
    const call = async (user: User, method: string, path: string, body?: unknown) => {
      const key = randomUUID();
      for (let attempt = 0; ; attempt++) {
        const r = await once(user, method, path, body, key);
        if (r.status < 300) return r.body;
        const code = typeof r.body['code'] === 'string' ? r.body['code'] : String(r.status);
        if ((r.status >= 500 || code === 'REQUEST_IN_PROGRESS') && attempt < 40) {
          serverErrors[code] = (serverErrors[code] ?? 0) + 1;
          await sleep(Math.min(500 * (attempt + 1), 5_000));
          continue;
        }
        throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    };
    const published = await call('quantri', 'POST', '/api/v1/admin/rule-packs', PACK);
    if (published['version'] !== PACK.version) throw new Error('the fast rule pack was not published');

    const until = async (id: string, pred: (st: Record<string, unknown>) => boolean, timeoutMs = 300_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        polls++;
        const st = await call('giamsat', 'GET', `/api/v1/initiatives/${id}`);
        if (pred(st)) return st;
        if (Date.now() > deadline) throw new Error(`case ${id} stuck at ${String(st['step'])}`);
        await sleep(500);
      }
    };

    // One full life cycle through the gateway.
    const caseSeconds: number[] = [];
    let done = 0;
    const lifeCycle = async (i: number) => {
      const t = performance.now();
      const filed = await call('giaovien.thcs', 'POST', '/api/v1/initiatives', dossier(i));
      const id = filed['id'] as string;
      for (const m of script()) {
        if (m === 'await-confirmation') {
          await until(id, (st) => st['step'] === 'EFFECT_CONFIRMATION');
          continue;
        }
        try {
          await call(m.user, 'POST', `/api/v1/initiatives/${id}/${m.action}`, m.body);
        } catch (err) {
          // Only the adoption steps may miss: the last checkpoint closed the case before they arrived.
          if (!m.action.startsWith('replication')) throw err;
          lateAdoptions++;
          break;
        }
      }
      await until(id, (st) => st['status'] === 'COMPLETED');
      caseSeconds.push((performance.now() - t) / 1000);
      if (++done % 50 === 0) say(`${done}/${CASES} life cycles`);
    };
    say(`${CASES} life cycles through the gateway, ${CONCURRENCY} at a time…`);
    const [cpuStart, metricsStart, dbStart] = [cpuNow(), await scrape(workerMetrics), dbNow()];
    const lcMs = await runPool(CASES, CONCURRENCY, lifeCycle);
    // The db-commands files are written every second.
    if (DB_COMMANDS) await sleep(1_200);
    const [cpuLc, metricsEnd, dbEnd] = [cpuNow(), await scrape(workerMetrics), dbNow()];
    const lcRequests = requests;
    const lcPolls = polls;
    const rssWorker = rssMB(worker.pid);
    const rssGateway = rssMB(gateway.pid);

    // Baseline: the same messages (update name = the decision's path, same body) to bare workflows, raw client.
    const messages = script().filter((m): m is Message => m !== 'await-confirmation');
    const bareSeconds: number[] = [];
    say(
      `${CASES} bare workflows receiving the same ${messages.length} messages each, ${CONCURRENCY} at a time…`,
    );
    const bareMs = await runPool(CASES, CONCURRENCY, async (i) => {
      const t = performance.now();
      const handle = await stack.client.workflow.start('bareWorkflow', {
        workflowId: initiativeWorkflowId(`bench-bare-${stamp}-${i}`),
        taskQueue,
      });
      for (const m of messages) await handle.executeUpdate(m.action, { args: [m.body] });
      await handle.signal('finish');
      await handle.result();
      bareSeconds.push((performance.now() - t) / 1000);
    });
    const cpuBare = cpuNow();
    const sdk = (name: string, label: string) => histogramDelta(metricsStart, metricsEnd, name, label);
    const workerMetricsResult = {
      metricsScraped: metricsEnd.length > 0,
      activities: sdk('temporal_activity_execution_latency', 'activity_type'),
      activityScheduleToStart: sdk('temporal_activity_schedule_to_start_latency', 'activity_type'),
      documents: sdk(documentMetric(metricsEnd), 'kind'),
      workflowTaskExecution: sdk('temporal_workflow_task_execution_latency', 'task_queue'),
      workflowTaskScheduleToStart: sdk('temporal_workflow_task_schedule_to_start_latency', 'task_queue'),
      stickyCacheSizeAtEnd: metricValue(metricsEnd, 'temporal_sticky_cache_size'),
    };

    const lcPerSecond = CASES / (lcMs / 1000);
    const barePerSecond = CASES / (bareMs / 1000);
    const results = {
      ...environment(),
      loadAverage: { start: loadStart, end: loadAverage() },
      servers: stack.servers,
      processes:
        'worker and gateway each a separate Node process; driver and raw client in the benchmark process',
      cases: CASES,
      concurrency: CONCURRENCY,
      messagesPerCase: messages.length + 1,
      lifeCycles: {
        wallSeconds: r2(lcMs / 1000),
        casesPerSecond: r2(lcPerSecond),
        decisionsPerSecond: r2((CASES * (messages.length + 1)) / (lcMs / 1000)),
        httpRequests: lcRequests,
        retriedWithSameKey: serverErrors,
        casesClosedBeforeAdoptionsDone: lateAdoptions,
        statePolls: lcPolls,
        caseSeconds: { p50: r2(percentile(caseSeconds, 50)), p99: r2(percentile(caseSeconds, 99)) },
        builtInWaitSecondsPerCase: BUILT_IN_WAIT_S,
        rssMBAtEnd: { worker: r2(rssWorker), gateway: r2(rssGateway) },
        cpuSecondsPerCase: cpuPerCase(cpuStart, cpuLc, CASES),
        worker: workerMetricsResult,
        ...(DB_COMMANDS
          ? {
              databaseCommands: {
                worker: dbCommandsDelta(dbStart.worker, dbEnd.worker),
                gateway: dbCommandsDelta(dbStart.gateway, dbEnd.gateway),
              },
            }
          : {}),
      },
      bareBaseline: {
        wallSeconds: r2(bareMs / 1000),
        casesPerSecond: r2(barePerSecond),
        caseSeconds: { p50: r2(percentile(bareSeconds, 50)), p99: r2(percentile(bareSeconds, 99)) },
        cpuSecondsPerCase: cpuPerCase(cpuLc, cpuBare, CASES),
      },
      cpu: { processes: pids, clockTicksPerSecond: 100 },
      ...(CPU_PROF ? { cpuProfiles: nodePath.relative(process.cwd(), profileDir) } : {}),
      ratio: r2(barePerSecond / lcPerSecond),
    };
    writeResults('lifecycles.json', results);
    console.log(
      `life cycles: ${CASES} in ${results.lifeCycles.wallSeconds} s = ${results.lifeCycles.casesPerSecond} cases/s (${results.lifeCycles.decisionsPerSecond} decisions/s; per case p50 ${results.lifeCycles.caseSeconds.p50} s, of which ${BUILT_IN_WAIT_S} s are the process's own waits)`,
    );
    console.log(
      `bare baseline: ${CASES} in ${results.bareBaseline.wallSeconds} s = ${results.bareBaseline.casesPerSecond} cases/s (same ${messages.length} updates, raw client, no activities)`,
    );
    if (Object.keys(serverErrors).length)
      console.log(
        `answers retried with the same key during the life cycles: ${JSON.stringify(serverErrors)}`,
      );
    console.log(`ratio: the bare workflow runs ×${results.ratio} as many cases per second`);
    console.log(
      cpuTable({
        'life cycles': results.lifeCycles.cpuSecondsPerCase,
        bare: results.bareBaseline.cpuSecondsPerCase,
      }),
    );
    if (!workerMetricsResult.metricsScraped) console.log(`worker metrics: ${workerMetrics} did not answer`);
    console.log(
      histogramTable('worker time per activity type (life cycles)', workerMetricsResult.activities),
    );
    console.log(histogramTable('document render time per kind (life cycles)', workerMetricsResult.documents));
    if (DB_COMMANDS)
      for (const who of ['worker', 'gateway'] as const)
        console.log(dbCommandsTable(`${who}'s database commands`, dbCommandsDelta(dbStart[who], dbEnd[who])));
    console.log(`load average start ${loadStart.join(' ')}, end ${results.loadAverage.end.join(' ')}`);
    console.log('results written to bench/results/lifecycles.json');
  } finally {
    await stack.stop();
  }
  // The worker writes its profile when it exits, i.e. once the stack has stopped.
  if (CPU_PROF && fs.existsSync(profileDir)) {
    const report = profileReport(profileDir, 25);
    fs.writeFileSync(nodePath.join(profileDir, 'top.txt'), `${report}\n`);
    console.log(`worker CPU profile (${nodePath.relative(process.cwd(), profileDir)}):\n${report}`);
  }
}

/** This process's CPU seconds (the driver's requests and the raw client). */
const driverCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** The document render histogram's name as exported (the runtime may prefix custom metrics). */
const documentMetric = (samples: { name: string }[]) =>
  samples
    .find((x) => x.name.endsWith('sang_kien_document_render_latency_count'))
    ?.name.replace(/_count$/, '') ?? 'sang_kien_document_render_latency';

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
