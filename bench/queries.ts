/**
 * Benchmark: a person's inbox, the supervisor's stuck-case board and the statistics over a seeded read model, through
 * the repository methods the routes call (TaskRepository.inbox for GET /api/v1/me/tasks, CaseRepository.stuck and
 * .statistics for GET /api/v1/supervision/stuck and /stats; the stuck route then adds the engine's facts from
 * Temporal, which this leaves out). Baseline in the same run: the queries the previous version sent, on the same data
 * (bench/queries-baseline.ts).
 *
 * The data (bench/queries-data.ts) is bulk-inserted in the shape upsertState and setCurrent write, as a database of
 * the previous version would hold it; the first list then copies it into the open-work sets (the one-time backfill of
 * an upgraded database), which is timed too. Lists are timed warm (the process has read the sets before: what a
 * running gateway does), cold (a new process's first read), and right after another process wrote a case (one chunk
 * read again). Writes are timed as a decision makes them (upsertState, setCurrent).
 *
 * Backends, each started here on loopback with private data under /tmp and stopped at the end:
 * - FerretDB v1.24.2 with its SQLite backend (BENCH_QUERY_CASES_SQLITE, default 10,000 cases);
 * - FerretDB v1.24.2 with its PostgreSQL backend on Debian's PostgreSQL 15 (`apt-get install -y postgresql`), with the
 *   GIN index on each table's `_id` that bench/backends.ts adds (BENCH_QUERY_CASES_POSTGRESQL, default 100,000).
 * `npm run bench:queries` (BENCH_QUERY_CASES sets both sizes; BENCH_BACKENDS, default `sqlite,postgresql`;
 * BENCH_QUERY_BASELINE=0 skips the baseline, which takes minutes at 100,000 cases, and
 * BENCH_QUERY_BASELINE_SAMPLES, default 3, sets its runs). Writes bench/results/queries.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { createRepositories, type Repositories } from '../src/db';
import { connectMongo } from '../src/db/connection';
import type { ServerProcess } from '../dev/servers/process';
import { ferret, indexIdsEvery, PG_BIN, postgres } from './backends';
import { oldInbox, oldStatistics, oldStuck } from './queries-baseline';
import { movedOn, people, syntheticCase, UNIT, UNITS, unitOf } from './queries-data';
import { environment, loadAverage, percentile, r2, say, writeResults } from './support';

const SIZES: Record<string, number> = {
  sqlite: Number(process.env['BENCH_QUERY_CASES'] ?? process.env['BENCH_QUERY_CASES_SQLITE'] ?? 10_000),
  postgresql: Number(
    process.env['BENCH_QUERY_CASES'] ?? process.env['BENCH_QUERY_CASES_POSTGRESQL'] ?? 100_000,
  ),
};
const BACKENDS = (process.env['BENCH_BACKENDS'] ?? 'sqlite,postgresql').split(',');
const BASELINE = process.env['BENCH_QUERY_BASELINE'] !== '0';
/** Each query runs until it has this many timed samples or this much time has gone (at least `MIN_SAMPLES`). */
const SAMPLES = 40;
const BUDGET_MS = Number(process.env['BENCH_QUERY_BUDGET_S'] ?? 20) * 1000;
const MIN_SAMPLES = Number(process.env['BENCH_QUERY_MIN_SAMPLES'] ?? 3);

type Timing = { rows: number; samples: number; p50: number; p95: number; max: number };

/** Times `fn` after an untimed first run; `setup` (untimed) runs before each sample. */
async function time(
  fn: () => Promise<number>,
  opts: { setup?: () => Promise<void>; warmUp?: boolean; budgetMs?: number; samples?: number } = {},
): Promise<Timing> {
  const ms: number[] = [];
  let rows = 0;
  const started = Date.now();
  if (opts.warmUp !== false) rows = await fn();
  const budget = opts.budgetMs ?? BUDGET_MS;
  const min = opts.samples ?? MIN_SAMPLES;
  while (ms.length < SAMPLES && (ms.length < min || Date.now() - started < budget)) {
    await opts.setup?.();
    const t = performance.now();
    rows = await fn();
    ms.push(performance.now() - t);
  }
  return {
    rows,
    samples: ms.length,
    p50: r2(percentile(ms, 50)),
    p95: r2(percentile(ms, 95)),
    max: r2(Math.max(...ms)),
  };
}

async function seed(repos: Repositories, cases: number, now: number): Promise<number> {
  say(`inserting ${cases} cases and ${cases * 3} tasks…`);
  const t0 = performance.now();
  for (let start = 0; start < cases; start += 500) {
    const batch = Array.from({ length: Math.min(500, cases - start) }, (_, k) =>
      syntheticCase(start + k, now),
    );
    await repos.cases.model.collection.insertMany(batch.map((b) => b.c) as never[], { ordered: false });
    await repos.tasks.tasks.collection.insertMany(batch.flatMap((b) => b.tasks) as never[], {
      ordered: false,
    });
    // The key of each case's open task, as setCurrent records it (src/db/tasks.ts, `openTasks`).
    await repos.tasks.tasks.db.collection('openTasks').insertMany(
      batch.map((b) => ({
        _id: b.c._id,
        keys: b.tasks.filter((t) => t.status === 'OPEN').map((t) => t._id),
      })) as never[],
      { ordered: false },
    );
  }
  return r2((performance.now() - t0) / 1000);
}

async function runOn(uri: string, cases: number): Promise<Record<string, unknown>> {
  const dbName = `bench_queries_${Date.now()}`;
  const conns: Connection[] = [];
  const open = async () => {
    const c = await connectMongo(uri, dbName);
    conns.push(c);
    return c;
  };
  try {
    const repos = createRepositories(await open());
    const other = createRepositories(await open()); // another process: the worker writing cases
    const now = Date.now();
    const seedSeconds = await seed(repos, cases, now);
    say('first read: the one-time backfill of the open-work sets…');
    const t1 = performance.now();
    const openRows = (await repos.cases.openWork.openRows()).length;
    const backfillSeconds = r2((performance.now() - t1) / 1000);
    say(`  ${openRows} open rows in ${backfillSeconds} s`);
    const { holidays } = await repos.calendar.current();
    const lists: Record<string, () => Promise<number>> = {
      'inbox: unit head': async () => (await repos.tasks.inbox(people.unitHead)).length,
      'inbox: secretary (commune-wide role)': async () => (await repos.tasks.inbox(people.secretary)).length,
      'inbox: council member': async () => (await repos.tasks.inbox(people.councilMember)).length,
      'inbox: supervisor (escalated)': async () => (await repos.tasks.inbox(people.supervisor)).length,
      'stuck: all': async () => (await repos.cases.stuck({ limit: 50 }, holidays)).total,
      'stuck: one unit': async () =>
        (await repos.cases.stuck({ unitId: unitOf(UNIT), limit: 50 }, holidays)).total,
      statistics: async () =>
        Object.values((await repos.cases.statistics()).byStatus).reduce((a, b) => a + b, 0),
    };
    const queries: Record<string, Timing> = {};
    const record = (name: string, t: Timing) => {
      queries[name] = t;
      say(`  ${name}: ${JSON.stringify(t)}`);
    };
    for (const [name, fn] of Object.entries(lists)) record(`${name} (warm)`, await time(fn));
    // Right after another process wrote one case: this process reads that case's chunk again.
    let rev = 100;
    let k = 0;
    const writeOne = async () => {
      const { c } = syntheticCase(3 * (k++ % Math.floor(cases / 3)), now);
      await other.cases.upsertState(movedOn(c, rev++, Date.now()));
    };
    for (const name of ['inbox: secretary (commune-wide role)', 'stuck: all', 'statistics'])
      record(`${name} (after another process wrote a case)`, await time(lists[name]!, { setup: writeOne }));
    // A new process's first read: every chunk read and inflated.
    let fresh = repos;
    const newProcess = async () => {
      fresh = createRepositories(await open());
    };
    record(
      'inbox: secretary (cold: first read of a new process)',
      await time(async () => (await fresh.tasks.inbox(people.secretary)).length, {
        setup: newProcess,
        warmUp: false,
      }),
    );
    record(
      'statistics (cold: first read of a new process)',
      await time(
        async () => Object.values((await fresh.cases.statistics()).byStatus).reduce((a, b) => a + b, 0),
        { setup: newProcess, warmUp: false },
      ),
    );
    // Writes as a decision makes them, on the repository the worker uses.
    record(
      'write: upsertState (a case moves on)',
      await time(async () => (await writeOne(), 1), { warmUp: false }),
    );
    let n = 0;
    record(
      'write: setCurrent (the case task moves on)',
      await time(
        async () => {
          const id = syntheticCase(3 * (n % Math.floor(cases / 3)), now).c._id;
          await other.tasks.setCurrent(id, id, {
            key: `${id}:bench:${n++}`,
            role: 'SECRETARY',
            description: 'Bước MEETING',
            dueAt: null,
          });
          return 1;
        },
        { warmUp: false },
      ),
    );
    const baseline: Record<string, Timing> = {};
    if (BASELINE) {
      const slow = {
        warmUp: false,
        budgetMs: 1,
        samples: Number(process.env['BENCH_QUERY_BASELINE_SAMPLES'] ?? 3),
      };
      const old: Record<string, () => Promise<number>> = {
        'inbox: unit head': () => oldInbox(repos, people.unitHead),
        'inbox: secretary (commune-wide role)': () => oldInbox(repos, people.secretary),
        'stuck: all': () => oldStuck(repos),
        'stuck: one unit': () => oldStuck(repos, unitOf(UNIT)),
        statistics: () => oldStatistics(repos),
      };
      for (const [name, fn] of Object.entries(old)) {
        baseline[name] = await time(fn, slow);
        say(`  previous version, ${name}: ${JSON.stringify(baseline[name])}`);
      }
    }
    await repos.cases.model.db.dropDatabase();
    return { cases, seedSeconds, openRows, backfillSeconds, queries, baseline };
  } finally {
    for (const c of conns) await c.close();
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
        ...(await runOn(f.uri, SIZES['sqlite']!)),
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
        const stopIndexing = indexIdsEvery(pg, 5_000);
        try {
          backends['ferretdb-postgresql'] = {
            ...(await runOn(f.uri, SIZES['postgresql']!)),
            measuredAt: new Date().toISOString(),
            loadAverage: loadAverage(),
          };
        } finally {
          stopIndexing();
        }
        await f.server.stop();
        await pg.server.stop();
      }
    }
  } finally {
    for (const s of started) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // A run of some backends keeps the other backends' figures from an earlier run (each says when it was measured).
  const file = path.resolve(__dirname, 'results', 'queries.json');
  const earlier = fs.existsSync(file)
    ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { backends?: Record<string, unknown> }).backends ?? {})
    : {};
  writeResults('queries.json', {
    ...environment(),
    loadAverage: { start: loadStart, end: loadAverage() },
    data: `${UNITS} units in 100 communes; a third of the cases open, each with 3 tasks (1 open while the case is)`,
    timing: `each list: one untimed run, then up to ${SAMPLES} runs or ${BUDGET_MS / 1000} s (at least ${MIN_SAMPLES}); the baseline ${MIN_SAMPLES} runs`,
    backends: { ...earlier, ...backends },
  });
  for (const [backend, r] of Object.entries(backends)) {
    const b = r as {
      skipped?: string;
      cases?: number;
      queries?: Record<string, Timing>;
      baseline?: Record<string, Timing>;
    };
    if (b.skipped) {
      console.log(`${backend}: skipped (${b.skipped})`);
      continue;
    }
    for (const [name, t] of Object.entries(b.queries!))
      console.log(`${backend} ${b.cases} cases | ${name}: ${t.rows} rows; p50/p95 ${t.p50}/${t.p95} ms`);
    for (const [name, t] of Object.entries(b.baseline ?? {}))
      console.log(`${backend} ${b.cases} cases | previous version, ${name}: p50/p95 ${t.p50}/${t.p95} ms`);
  }
  console.log('results written to bench/results/queries.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
