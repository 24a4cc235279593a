/**
 * Benchmark: HTTP load on the gateway with autocannon, at 1, 8 and 32 connections, for
 * - starts: POST /api/v1/initiatives, a unique Idempotency-Key and case id per request (autocannon's setupRequest);
 * - decisions: POST /api/v1/initiatives/{id}/deadline-extension by the supervisor, spread over 32 open cases. It is a
 *   real Update (validator, state change, legal-record entry, read-model write) that can be repeated on the same case
 *   without ending it, unlike the life-cycle decisions, each of which can be made once per case;
 * - case reads: GET /api/v1/initiatives/{id} (access check and state, both from the read model);
 * against a baseline in the same run: GET /healthz on the same gateway, which goes through the same Express stack
 * (helmet, request id, logging, JSON) with no authentication and no Temporal or MongoDB work.
 * Throughput (requests/s), latency p50/p99 and errors (connection errors, time-outs and non-2xx answers).
 *
 * The worker and the gateway are separate processes; autocannon runs in this process. Between runs the benchmark
 * waits until the worker has written every case started so far, so one run's background work does not fall on the
 * next. `npm run bench:load` (BENCH_LOAD_SECONDS per run, default 10). Writes bench/results/load.json.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { environment, loadAverage, login, r2, say, startServersOnly, writeResults } from './support';

const SECONDS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 10);
const LEVELS = [1, 8, 32];
const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] ?? 'demo-sangkien-2026';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dossier = () => ({
  title: 'Sáng kiến đo tải',
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Hồ sơ dùng để đo tải.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function cannon(opts: autocannon.Options): Promise<Run> {
  const r = await autocannon({ ...opts, duration: SECONDS, timeout: 30 });
  return {
    requestsPerSecond: r2(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

async function main(): Promise<void> {
  const loadStart = loadAverage();
  const stack = await startServersOnly();
  const stamp = Date.now();
  const env = { TEMPORAL_TASK_QUEUE: `bench-load-${stamp}`, MONGODB_DB: `bench_load_${stamp}` };
  try {
    say('starting the worker and the gateway as processes…');
    await stack.spawn('worker', env);
    const gateway = await stack.spawn('gateway', env);
    const url = gateway.url!;
    let submitter = await login(url, 'giaovien.thcs', DEMO_PASSWORD);
    let supervisor = await login(url, 'giamsat', DEMO_PASSWORD);
    const auth = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });

    // Every case started so far is in the read model: the worker's background writes are done.
    let started = 0;
    const settle = async () => {
      const deadline = Date.now() + 300_000;
      while (Date.now() < deadline) {
        const r = await fetch(`${url}/api/v1/initiatives?limit=1`, { headers: auth(supervisor) });
        if (((await r.json()) as { total: number }).total >= started) return;
        await sleep(500);
      }
      throw new Error('the worker did not catch up within 5 minutes');
    };

    say('32 cases for reads and decisions…');
    const ids: string[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await fetch(`${url}/api/v1/initiatives`, {
        method: 'POST',
        headers: auth(submitter),
        body: JSON.stringify(dossier()),
      });
      if (r.status !== 201) throw new Error(`start: ${r.status} ${await r.text()}`);
      ids.push(((await r.json()) as { id: string }).id);
      started++;
    }
    await settle();
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;

    const scenarios: Record<string, (c: number) => Promise<Run>> = {
      'baseline GET /healthz': (connections) => cannon({ url: `${url}/healthz`, connections }),
      'case reads GET /api/v1/initiatives/{id}': (connections) =>
        cannon({
          url,
          connections,
          requests: [
            {
              method: 'GET',
              headers: auth(submitter),
              setupRequest: (req) => ({ ...req, path: `/api/v1/initiatives/${pick()}` }),
            },
          ],
        }),
      'decisions POST …/deadline-extension': (connections) =>
        cannon({
          url,
          connections,
          requests: [
            {
              method: 'POST',
              headers: auth(supervisor),
              body: JSON.stringify({ reason: 'Đo tải', by: { days: 1 } }),
              setupRequest: (req) => ({
                ...req,
                path: `/api/v1/initiatives/${pick()}/deadline-extension`,
                headers: { ...req.headers, 'idempotency-key': randomUUID() },
              }),
            },
          ],
        }),
      'starts POST /api/v1/initiatives': async (connections) => {
        const run = await cannon({
          url,
          connections,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/initiatives',
              headers: auth(submitter),
              setupRequest: (req) => ({
                ...req,
                headers: { ...req.headers, 'idempotency-key': randomUUID() },
                body: JSON.stringify({ id: randomUUID(), ...dossier() }),
              }),
            },
          ],
        });
        started += run.requests - run.non2xx - run.errors;
        return run;
      },
    };

    const runs: Record<string, Record<string, Run>> = {};
    for (const [name, scenario] of Object.entries(scenarios)) {
      runs[name] = {};
      for (const c of LEVELS) {
        // Access tokens last 15 minutes; a fresh pair for each run.
        submitter = await login(url, 'giaovien.thcs', DEMO_PASSWORD);
        supervisor = await login(url, 'giamsat', DEMO_PASSWORD);
        say(`${name}, ${c} connection(s), ${SECONDS} s…`);
        const run = await scenario(c);
        runs[name][`c${c}`] = run;
        say(
          `  ${run.requestsPerSecond} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, errors ${run.errors + run.non2xx}`,
        );
        await settle();
      }
    }

    const baseline = runs['baseline GET /healthz']!;
    const results = {
      ...environment(),
      loadAverage: { start: loadStart, end: loadAverage() },
      servers: stack.servers,
      processes: 'worker and gateway each a separate Node process; autocannon in the benchmark process',
      secondsPerRun: SECONDS,
      runs,
      /** How many times the baseline's throughput each scenario's is (below 1: slower than the baseline). */
      throughputAgainstBaseline: Object.fromEntries(
        Object.entries(runs).map(([name, byLevel]) => [
          name,
          Object.fromEntries(
            Object.entries(byLevel).map(([level, run]) => [
              level,
              Math.round((run.requestsPerSecond / baseline[level]!.requestsPerSecond) * 10_000) / 10_000,
            ]),
          ),
        ]),
      ),
    };
    writeResults('load.json', results);
    for (const [name, byLevel] of Object.entries(runs)) {
      for (const [level, run] of Object.entries(byLevel)) {
        console.log(
          `${name.padEnd(42)} ${level.padStart(3)}: ${String(run.requestsPerSecond).padStart(8)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  errors ${run.errors}  timeouts ${run.timeouts}  non-2xx ${run.non2xx}  (×${results.throughputAgainstBaseline[name]![level]} of /healthz)`,
        );
      }
    }
    console.log(`load average start ${loadStart.join(' ')}, end ${results.loadAverage.end.join(' ')}`);
    console.log('results written to bench/results/load.json');
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
