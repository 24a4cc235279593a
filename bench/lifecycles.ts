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
 * Writes bench/results/lifecycles.json.
 */
import { randomUUID } from 'node:crypto';
import { initiativeWorkflowId } from '../src/contracts/ids';
import type { Duration } from '../src/domain/duration';
import { fastPack } from '../test/support/lifecycle';
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

const CASES = Number(process.env['BENCH_CASES'] ?? 1000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 24);
const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] ?? 'demo-sangkien-2026';

const s = (seconds: number): Duration => ({ seconds });
/**
 * The process's own waits, shortened: 2 s of effect tracking, follow-up checkpoints 15 s and 18 s after the decision
 * (long enough for both adopting units to confirm on a loaded 2-core machine, so every case ends the same way; the
 * pool is wide enough that these waits overlap with other cases' work).
 */
const PACK = {
  ...fastPack({ replicationCheckpoints: [s(15), s(18)] }),
  version: 'bench-fast',
  effectiveFrom: new Date(Date.now() - 1000).toISOString(),
};
const BUILT_IN_WAIT_S = 2 + 18;

const USERS = [
  'quantri',
  'giaovien.thcs',
  'hieutruong.thcs',
  'thuky',
  'chutich',
  'phochutich',
  'uyvien1',
  'uyvien2',
  'giamsat',
  'truongtram.yte',
  'hieutruong.mamnon',
] as const;
type User = (typeof USERS)[number];

/** One message of a life cycle: who sends which decision with what body (the baseline sends the same ones). */
interface Message {
  user: User;
  action: string;
  body: unknown;
}

const scores = { novelty: 27, applicability: 26, effect: 28, replicability: 9 };
const today = () => new Date().toISOString().slice(0, 10);

/** The decisions of one life cycle, in order; 'await-confirmation' marks where the driver waits for tracking to end. */
function script(): (Message | 'await-confirmation')[] {
  return [
    {
      user: 'hieutruong.thcs',
      action: 'unit-review',
      body: { outcome: 'ENDORSE', confirmedApplication: true },
    },
    { user: 'thuky', action: 'registration', body: {} },
    { user: 'thuky', action: 'formal-check', body: { outcome: 'ACCEPT' } },
    { user: 'chutich', action: 'council', body: { councilId: 'hdsk-2026' } },
    ...(['uyvien1', 'uyvien2', 'thuky', 'chutich'] as const).map((user) => ({
      user,
      action: 'scores',
      body: { scores },
    })),
    {
      user: 'thuky',
      action: 'meeting',
      body: {
        present: ['p-chutich', 'p-thuky', 'p-uyvien1', 'p-uyvien2'],
        votes: { 'p-chutich': 'AGREE', 'p-thuky': 'AGREE', 'p-uyvien1': 'AGREE', 'p-uyvien2': 'AGREE' },
        proposedScope: 'UNIT',
        minutes: 'Hội đồng nhất trí đề nghị công nhận.',
      },
    },
    {
      user: 'hieutruong.thcs',
      action: 'effect-reports',
      body: {
        periodEnd: today(),
        metrics: [{ name: 'Thời gian gửi thông báo', unit: 'giờ/tuần', baseline: 6, value: 1 }],
        monetaryBenefitVnd: 4_800_000,
        evidenceRefs: ['anh-chup-ung-dung.png'],
      },
    },
    'await-confirmation',
    {
      user: 'hieutruong.thcs',
      action: 'effect-confirmation',
      body: { verdict: 'EFFECTIVE', summary: 'Phụ huynh nhận thông tin kịp thời.' },
    },
    { user: 'phochutich', action: 'decision', body: { outcome: 'RECOGNISE', signerTitle: 'PHO_CHU_TICH' } },
    {
      user: 'chutich',
      action: 'replication',
      body: { unitIds: ['tram-y-te', 'truong-mam-non'], similarUnitsTotal: 3 },
    },
    ...(
      [
        ['truongtram.yte', 'tram-y-te'],
        ['hieutruong.mamnon', 'truong-mam-non'],
      ] as const
    ).flatMap(([user, unit]) => [
      {
        user,
        action: `replications/${unit}/plan`,
        body: { startDate: '2026-11-01', plan: 'Áp dụng cho toàn đơn vị' },
      },
      {
        user,
        action: `replications/${unit}/reports`,
        body: { periodEnd: today(), metrics: [{ name: 'Thời gian', unit: 'giờ', baseline: 5, value: 2 }] },
      },
      {
        user,
        action: `replications/${unit}/confirmation`,
        body: { verdict: 'EFFECTIVE', summary: 'Hiệu quả' },
      },
    ]),
  ];
}

const dossier = (i: number) => ({
  title: `Sổ liên lạc điện tử ${i}`,
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Gửi thông báo, điểm và lịch học qua ứng dụng thay cho sổ giấy.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const loadStart = loadAverage();
  const stack = await startServersOnly();
  const stamp = Date.now();
  const taskQueue = `bench-lc-${stamp}`;
  const env = { TEMPORAL_TASK_QUEUE: taskQueue, MONGODB_DB: `bench_lc_${stamp}` };
  try {
    say('starting the worker and the gateway as processes…');
    const worker = await stack.spawn('worker', env);
    const gateway = await stack.spawn('gateway', env);
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
    const lcMs = await runPool(CASES, CONCURRENCY, lifeCycle);
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
      },
      bareBaseline: {
        wallSeconds: r2(bareMs / 1000),
        casesPerSecond: r2(barePerSecond),
        caseSeconds: { p50: r2(percentile(bareSeconds, 50)), p99: r2(percentile(bareSeconds, 99)) },
      },
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
    console.log(`load average start ${loadStart.join(' ')}, end ${results.loadAverage.end.join(' ')}`);
    console.log('results written to bench/results/lifecycles.json');
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
