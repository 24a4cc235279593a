/**
 * Benchmark: the supervisor's stuck-case query and a person's inbox with 100,000 cases in the read model, with the
 * project's indexes (the mongoose schemas' own, created as the app creates them) against the same queries after the
 * secondary indexes are dropped (only `_id` left), on the same data.
 *
 * The queries are the ones the routes send (src/gateway/routes/supervision.ts, GET /api/v1/supervision/stuck, and
 * src/gateway/routes/inbox.ts, GET /api/v1/me/tasks): they are built inline there, so they are repeated here with the
 * same filters, projections and limits; the rows then go through the same amount of data as the route reads.
 * The documents are synthetic but have the shape CaseRepository.upsertState and TaskRepository.setCurrent write, and
 * are bulk-inserted through the same mongoose models.
 *
 * Backends, each started here on loopback with private data under /tmp and stopped at the end:
 * - FerretDB v1.24.2 with its SQLite backend (what the project runs on these machines);
 * - FerretDB v1.24.2 with its PostgreSQL backend on Debian's PostgreSQL 15, if its binaries are installed
 *   (`apt-get install -y postgresql`), run as the `postgres` user from a private `initdb`;
 * - a real mongod through mongodb-memory-server when it can be downloaded (not on machines without internet).
 * `npm run bench:queries` (BENCH_QUERY_CASES, default 100000; BENCH_BACKENDS, default `sqlite,postgresql,mongod`;
 * BENCH_QUERY_ONLY, names of the queries to run, by part).
 * Writes bench/results/queries.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { DryMongoBinary } from 'mongodb-memory-server-core';
import type { Role, Stage } from '../src/contracts/initiative';
import { loadConfig } from '../src/config';
import { CaseRepository, type CaseRecord } from '../src/db/cases';
import { connectMongo } from '../src/db/connection';
import { TaskRepository, type TaskRecord } from '../src/db/tasks';
import { COMMUNE_WIDE_ROLES } from '../src/domain/access';
import type { ServerProcess } from '../dev/servers/process';
import { ferret, PG_BIN, postgres } from './backends';
import { environment, loadAverage, percentile, r2, say, writeResults } from './support';

const CASES = Number(process.env['BENCH_QUERY_CASES'] ?? 100_000);
const BACKENDS = (process.env['BENCH_BACKENDS'] ?? 'sqlite,postgresql,mongod').split(',');
/** Each query runs until it has this many timed samples or this much time has gone (at least 3 samples; BENCH_QUERY_BUDGET_S,
 * BENCH_QUERY_MIN_SAMPLES and BENCH_QUERY_WARM_UP change that for slow backends). */
const SAMPLES = 30;
const BUDGET_MS = Number(process.env['BENCH_QUERY_BUDGET_S'] ?? 30) * 1000;
const MIN_SAMPLES = Number(process.env['BENCH_QUERY_MIN_SAMPLES'] ?? 3);
/** An untimed first run of each query (skip it where one run takes many seconds: BENCH_QUERY_WARM_UP=0). */
const WARM_UP = process.env['BENCH_QUERY_WARM_UP'] !== '0';

const STAGE_STEPS: [Stage, string, Role][] = [
  ['UNIT_RECOMMENDATION', 'UNIT_REVIEW', 'UNIT_HEAD'],
  ['UNIT_RECOMMENDATION', 'REGISTRATION', 'SECRETARY'],
  ['COUNCIL_EVALUATION', 'SCORING', 'COUNCIL_MEMBER'],
  ['COUNCIL_EVALUATION', 'MEETING', 'SECRETARY'],
  ['EFFECT_TRACKING', 'EFFECT_REPORTING', 'UNIT_HEAD'],
  ['REWARD_DECISION', 'DECISION', 'CHAIRMAN'],
];

/** A province-sized read model: 100 communes of 40 units each; a third of the cases open. */
const UNITS = 4000;
const unitOf = (i: number) => `xa-${(i % 100).toString().padStart(3, '0')}-dv-${Math.floor(i / 100) % 40}`;
const headOf = (unitId: string) => `p-head-${unitId}`;
const DAY = 86_400_000;

function syntheticCase(i: number, now: number): { c: CaseRecord; tasks: TaskRecord[] } {
  const id = `synthetic-${i.toString().padStart(6, '0')}`;
  const unitId = unitOf(i);
  const open = i % 3 === 0;
  const [stage, step, role] = STAGE_STEPS[i % STAGE_STEPS.length]!;
  const filedAt = new Date(now - (i % 1000) * DAY);
  const stepSince = new Date(now - (i % 90) * DAY);
  const dueAt = new Date(stepSince.getTime() + 30 * DAY);
  const council = `hdsk-${unitId.slice(0, 6)}`;
  const waitingOn = open
    ? {
        role,
        ...(role === 'UNIT_HEAD' ? { unitId } : {}),
        ...(role === 'COUNCIL_MEMBER' ? { councilId: council, personIds: [`p-member-${i % 500}`] } : {}),
        description: `Bước ${step}`,
      }
    : null;
  const title = `Sáng kiến số ${i} về cải tiến công việc`;
  const c: CaseRecord = {
    _id: id,
    code: `SK-2026-${String(i + 1).padStart(4, '0')}`,
    title,
    titleFolded: `sang kien so ${i} ve cai tien cong viec`,
    unitId,
    field: 'Giáo dục',
    summary: 'Tóm tắt sáng kiến dùng để đo hiệu năng truy vấn.',
    authors: [{ personId: `p-author-${i % 20_000}`, fullName: 'Nguyễn Văn A', sharePercent: 100 }],
    firstAppliedOn: '2026-01-15',
    status: open ? 'OPEN' : i % 3 === 1 ? 'COMPLETED' : 'REJECTED',
    stage: open ? stage : 'REPLICATION_FOLLOW_UP',
    step: open ? step : 'CLOSED',
    waitingOn,
    filedBy: `p-author-${i % 20_000}`,
    filedAt,
    dueAt: open ? dueAt : null,
    escalated: open && dueAt.getTime() < now && i % 2 === 0,
    registerNo: `${i}/SK`,
    rulePackVersion: '2026.1',
    decisionOutcome: open ? null : i % 3 === 1 ? 'RECOGNISED' : 'REFUSED',
    meanScore: open ? null : 80,
    stepSince,
    summaryFolded: 'tom tat sang kien dung de do hieu nang truy van.',
    fieldFolded: 'giao duc',
    year: filedAt.getUTCFullYear(),
    authorIds: [`p-author-${i % 20_000}`],
    councilId: council,
    replicationUnitIds: [],
    assigneeId: null,
    calendarProblem: null,
    stageLog: [{ stage: 'UNIT_RECOMMENDATION', enteredAt: filedAt.toISOString() }],
    closedAt: open ? null : new Date(now - (i % 30) * DAY),
    effectVerdict: null,
    monetaryBenefitVnd: null,
    decisionDate: null,
    decisionNumber: null,
    revision: 5,
    updatedAt: stepSince,
    // The case page reads the whole state; the lists never load it. A blob of a real case's size stands in for it.
    state: { initiativeId: id, padding: 'x'.repeat(6000) } as unknown as CaseRecord['state'],
  };
  // Two earlier tasks done, and the current one open while the case is.
  const task = (n: number, current: boolean): TaskRecord => ({
    _id: `${id}:task-${n}`,
    caseId: id,
    initiativeId: id,
    role: current ? role : 'UNIT_HEAD',
    unitId: current && role !== 'UNIT_HEAD' ? null : unitId,
    councilId: current && role === 'COUNCIL_MEMBER' ? council : null,
    personIds: current && role === 'COUNCIL_MEMBER' ? [`p-member-${i % 500}`] : [],
    assignee: null,
    description: `Việc ${n}`,
    dueAt: current ? dueAt : new Date(filedAt.getTime() + 10 * DAY),
    escalated: current && c.escalated,
    status: current && open ? 'OPEN' : 'DONE',
    createdAt: current ? stepSince : filedAt,
    closedAt: current && open ? null : stepSince,
  });
  return { c, tasks: [task(1, false), task(2, false), task(3, true)] };
}

/** The queries the routes send (see the file comment). */
function queries(cases: CaseRepository, tasks: TaskRepository, now: number) {
  const unitHead = { personId: headOf(unitOf(12)), roles: ['UNIT_HEAD'], unitIds: [unitOf(12)] };
  const secretary = { personId: 'p-thuky', roles: ['SECRETARY', 'COUNCIL_MEMBER'], unitIds: [] as string[] };
  const inbox = async (a: { personId: string; roles: string[]; unitIds: string[] }) => {
    const mine: Record<string, unknown>[] = [
      { personIds: { $eq: a.personId } },
      { 'assignee.personId': { $eq: a.personId } },
    ];
    for (const role of a.roles) {
      if ((COMMUNE_WIDE_ROLES as readonly string[]).includes(role))
        mine.push({ role: { $eq: role }, personIds: { $size: 0 }, assignee: null });
      if (role === 'UNIT_HEAD' && a.unitIds.length)
        mine.push({ role: 'UNIT_HEAD', unitId: { $in: a.unitIds }, assignee: null });
    }
    const found = await tasks.tasks
      .find({ status: 'OPEN', $or: mine })
      .limit(500)
      .lean<TaskRecord[]>()
      .exec();
    await cases.model
      .find({ _id: { $in: [...new Set(found.map((t) => t.initiativeId))] } }, { title: 1 })
      .lean()
      .exec();
    return found.length;
  };
  const stuck = async (filter: Record<string, unknown>) =>
    (
      await cases.model
        .find({ status: 'OPEN', ...filter })
        .limit(5000)
        .lean<CaseRecord[]>()
        .exec()
    ).length;
  return {
    'stuck: one unit (unitId filter)': () => stuck({ unitId: { $eq: unitOf(12) } }),
    // The same as the first without `$eq` (the route wraps values in `$eq` so that a value cannot become an
    // operator): whether the backend pushes the filter down either way.
    'stuck: one unit, plain equality': () => stuck({ unitId: unitOf(12) }),
    'stuck: one stage, overdue': () =>
      stuck({ stage: { $eq: 'COUNCIL_EVALUATION' }, dueAt: { $lt: new Date(now) } }),
    'stuck: all open (no filter, limit 5000)': () => stuck({}),
    'inbox: unit head': () => inbox(unitHead),
    'inbox: secretary (commune-wide role)': () => inbox(secretary),
  };
}

async function time(fn: () => Promise<number>) {
  const ms: number[] = [];
  let rows = 0;
  const started = Date.now();
  if (WARM_UP) rows = await fn(); // not timed
  while (ms.length < SAMPLES && (ms.length < MIN_SAMPLES || Date.now() - started < BUDGET_MS)) {
    const t = performance.now();
    rows = await fn();
    ms.push(performance.now() - t);
  }
  return { rows, samples: ms.length, p50: r2(percentile(ms, 50)), p95: r2(percentile(ms, 95)) };
}

async function runOn(uri: string): Promise<Record<string, unknown>> {
  const conn: Connection = await connectMongo(uri, `bench_queries_${Date.now()}`);
  try {
    const cases = new CaseRepository(conn);
    const tasks = new TaskRepository(conn);
    await cases.model.init();
    await tasks.tasks.init();
    const now = Date.now();
    say(`inserting ${CASES} cases and ${CASES * 3} tasks…`);
    const t0 = performance.now();
    for (let start = 0; start < CASES; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, CASES - start) }, (_, k) =>
        syntheticCase(start + k, now),
      );
      await cases.model.collection.insertMany(batch.map((b) => b.c) as never[], { ordered: false });
      await tasks.tasks.collection.insertMany(batch.flatMap((b) => b.tasks) as never[], { ordered: false });
    }
    const insertSeconds = r2((performance.now() - t0) / 1000);
    const indexNames = async () => ({
      cases: (await cases.model.collection.indexes()).map((i) => i.name),
      tasks: (await tasks.tasks.collection.indexes()).map((i) => i.name),
    });
    const withIndexesList = await indexNames();
    const only = process.env['BENCH_QUERY_ONLY']?.split(',');
    const q = Object.fromEntries(
      Object.entries(queries(cases, tasks, now)).filter(
        ([name]) => !only || only.some((o) => name.includes(o)),
      ),
    );
    const withIndexes: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(q)) {
      withIndexes[name] = await time(fn);
      say(`  with indexes    ${name}: ${JSON.stringify(withIndexes[name])}`);
    }
    await cases.model.collection.dropIndexes();
    await tasks.tasks.collection.dropIndexes();
    const withoutIndexesList = await indexNames();
    const withoutIndexes: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(q)) {
      withoutIndexes[name] = await time(fn);
      say(`  without indexes ${name}: ${JSON.stringify(withoutIndexes[name])}`);
    }
    await conn.db!.dropDatabase();
    return {
      insertSeconds,
      indexes: { with: withIndexesList, without: withoutIndexesList },
      withIndexes,
      withoutIndexes,
    };
  } finally {
    await conn.close();
  }
}

async function main(): Promise<void> {
  const loadStart = loadAverage();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-bench-queries-'));
  fs.chmodSync(dir, 0o755);
  const started: ServerProcess[] = [];
  const backends: Record<string, unknown> = {};
  // Interrupted (Ctrl-C, a time-out's SIGTERM): stop the servers this run started before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.all(started.map((s) => s.stop())).finally(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        process.exit(130);
      });
    });
  }
  try {
    if (BACKENDS.includes('sqlite')) {
      say('FerretDB with SQLite…');
      const f = await ferret(
        dir,
        ['-handler', 'sqlite', '-sqlite-dir', path.join(dir, 'sqlite')],
        'ferretdb-sqlite',
      );
      started.push(f.server);
      backends['ferretdb-sqlite'] = {
        ...(await runOn(f.uri)),
        measuredAt: new Date().toISOString(),
        loadAverage: loadAverage(),
      };
      await f.server.stop();
    }
    if (BACKENDS.includes('postgresql')) {
      if (!fs.existsSync(`${PG_BIN}/postgres`)) {
        backends['ferretdb-postgresql'] = {
          skipped: `no PostgreSQL 15 in ${PG_BIN} (apt-get install -y postgresql)`,
        };
      } else {
        say('PostgreSQL 15 and FerretDB with the PostgreSQL backend…');
        const pg = await postgres(path.join(dir, 'postgresql'));
        started.push(pg.server);
        const f = await ferret(
          dir,
          ['-handler', 'postgresql', '-postgresql-url', pg.url],
          'ferretdb-postgresql',
        );
        started.push(f.server);
        backends['ferretdb-postgresql'] = {
          ...(await runOn(f.uri)),
          measuredAt: new Date().toISOString(),
          loadAverage: loadAverage(),
        };
        await f.server.stop();
        await pg.server.stop();
      }
    }
    if (BACKENDS.includes('mongod')) {
      const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
      const downloadDir = path.join(config.cacheDir, 'mongodb-binaries');
      const cached = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions({ downloadDir }));
      const online = await fetch('https://fastdl.mongodb.org/', {
        method: 'HEAD',
        signal: AbortSignal.timeout(5_000),
      }).then(
        () => true,
        () => false,
      );
      if (!cached && !online) {
        backends['mongod'] = { skipped: 'mongod cannot be downloaded here (no internet) and none is cached' };
        say('mongod: cannot be downloaded here (no internet); skipped');
      } else {
        say('mongod…');
        const m = await MongoMemoryServer.create({ binary: { downloadDir } });
        try {
          backends['mongod'] = await runOn(m.getUri());
        } finally {
          await m.stop();
        }
      }
    }
  } finally {
    for (const s of started) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const results = {
    ...environment(),
    loadAverage: { start: loadStart, end: loadAverage() },
    cases: CASES,
    tasks: CASES * 3,
    data: `${UNITS} units in 100 communes; a third of the cases open, each with 3 tasks (1 open while the case is)`,
    timing: `each query: ${WARM_UP ? 'one untimed run, then ' : ''}up to ${SAMPLES} runs or ${BUDGET_MS / 1000} s (at least ${MIN_SAMPLES})`,
    backends,
  };
  // A run of some backends keeps the other backends' figures from an earlier run (each says when it was measured).
  const file = path.resolve(__dirname, 'results', 'queries.json');
  const earlier = fs.existsSync(file)
    ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { backends?: Record<string, unknown> }).backends ?? {})
    : {};
  const merged: Record<string, unknown> = { ...earlier };
  for (const [name, r] of Object.entries(backends)) {
    const before = earlier[name] as { withIndexes?: object; withoutIndexes?: object } | undefined;
    const now = r as { withIndexes?: object; withoutIndexes?: object };
    merged[name] =
      before?.withIndexes && now.withIndexes
        ? {
            ...before,
            ...now,
            withIndexes: { ...before.withIndexes, ...now.withIndexes },
            withoutIndexes: { ...before.withoutIndexes, ...now.withoutIndexes },
          }
        : r;
  }
  writeResults('queries.json', { ...results, backends: merged });
  for (const [backend, r] of Object.entries(backends)) {
    const b = r as {
      skipped?: string;
      withIndexes?: Record<string, { p50: number; p95: number; rows: number }>;
    };
    if (b.skipped) {
      console.log(`${backend}: skipped (${b.skipped})`);
      continue;
    }
    const without = (r as { withoutIndexes: Record<string, { p50: number; p95: number }> }).withoutIndexes;
    for (const [name, w] of Object.entries(b.withIndexes!)) {
      const wo = without[name]!;
      console.log(
        `${backend} | ${name}: ${w.rows} rows; p50/p95 ms with indexes ${w.p50}/${w.p95}, without ${wo.p50}/${wo.p95} (×${r2(wo.p50 / w.p50)} at p50)`,
      );
    }
  }
  console.log(`load average start ${loadStart.join(' ')}, end ${results.loadAverage.end.join(' ')}`);
  console.log('results written to bench/results/queries.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
