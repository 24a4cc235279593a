/**
 * Benchmark: the gateway's overhead, against the raw Temporal client in the same run. The worker and the gateway run
 * as separate processes (as in production); the raw client runs in this process.
 *
 * - Starts: a filing through the gateway (HTTP, authentication, validation, rule pack pinning, case code, and the wait
 *   for the case's first record) and one with the raw client (start, then the same `recorded` Update the gateway
 *   waits on), one pair after another, the order alternating (BENCH_STARTS pairs, default 1,000): p50/p95/p99 of
 *   each; the raw start's acceptance alone is given too. Then filings per second (to the same end point) with
 *   BENCH_CONCURRENCY in flight, in BENCH_ROUNDS rounds that alternate gateway and raw (BENCH_THROUGHPUT_STARTS of
 *   each, default 400).
 * - Decisions: a deadline extension through the gateway and the same Update with the raw client, interleaved sample by
 *   sample on the same case, the order alternating, over BENCH_TARGETS cases (BENCH_DECISIONS pairs, default 1,000).
 *
 * Interleaving puts both sides under the same load at the same moment (a phase after a phase did not: two runs gave
 * p50 ratios of 1.52 and 0.93). Each ratio is also given for the first and second half of the samples: when the halves
 * agree, a rerun on the same machine is expected to agree too. `npm run bench:gateway`; writes bench/results/gateway.json.
 */
import { initiativeWorkflowId } from '../src/contracts/ids';
import { extendDeadlineUpdate, recordedUpdate, type Actor } from '../src/contracts/initiative';
import { DEFAULT_RULE_PACK } from '../src/domain/rule-pack';
import {
  environment,
  loadAverage,
  login,
  percentile,
  r2,
  runPool,
  say,
  startServersOnly,
  writeResults,
} from './support';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const STARTS = env('BENCH_STARTS', 1000);
const THROUGHPUT_STARTS = env('BENCH_THROUGHPUT_STARTS', 400);
const ROUNDS = Math.max(1, env('BENCH_ROUNDS', 4));
const DECISIONS = env('BENCH_DECISIONS', 1000);
const TARGETS = Math.max(1, env('BENCH_TARGETS', 50));
const WARMUP = env('BENCH_WARMUP', 20);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] ?? 'demo-sangkien-2026';

const supervisor: Actor = {
  personId: 'p-giamsat',
  fullName: 'Bùi Minh Châu',
  roles: ['SUPERVISOR'],
  unitIds: [],
  councilIds: [],
};
const submitter: Actor = {
  personId: 'p-gv-thcs',
  fullName: 'Nguyễn Thị Hương Trà',
  roles: ['SUBMITTER'],
  unitIds: ['truong-thcs'],
  councilIds: [],
};
const dossier = () => ({
  title: 'Sáng kiến đo hiệu năng',
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Hồ sơ dùng để đo.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});

/** p50, p95, p99 and mean of a list of milliseconds. */
function summary(ms: number[]) {
  return {
    count: ms.length,
    p50: r2(percentile(ms, 50)),
    p95: r2(percentile(ms, 95)),
    p99: r2(percentile(ms, 99)),
    mean: r2(ms.reduce((a, b) => a + b, 0) / (ms.length || 1)),
  };
}

/** Gateway against raw: each side's percentiles, their ratios, and the ratios of each half of the samples. */
function compare(gateway: number[], raw: number[]) {
  const ratios = (g: number[], r: number[]) => {
    const [a, b] = [summary(g), summary(r)];
    return { p50: r2(a.p50 / b.p50), p95: r2(a.p95 / b.p95), p99: r2(a.p99 / b.p99) };
  };
  const half = Math.floor(gateway.length / 2);
  const first = ratios(gateway.slice(0, half), raw.slice(0, half));
  const second = ratios(gateway.slice(half), raw.slice(half));
  const spread = (k: 'p50' | 'p95' | 'p99') =>
    r2((100 * Math.abs(first[k] - second[k])) / ((first[k] + second[k]) / 2));
  return {
    gateway: summary(gateway),
    raw: summary(raw),
    ratio: ratios(gateway, raw),
    halves: {
      first,
      second,
      differencePercent: { p50: spread('p50'), p95: spread('p95'), p99: spread('p99') },
    },
  };
}

/** Times one call, in ms. */
async function timed(call: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await call();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const loadStart = loadAverage();
  const stack = await startServersOnly();
  const stamp = Date.now();
  const taskQueue = `bench-gw-${stamp}`;
  // Tokens that outlive the run: the benchmark signs in once, and 1,000 interleaved pairs take longer than 15 minutes.
  const appEnv = {
    TEMPORAL_TASK_QUEUE: taskQueue,
    MONGODB_DB: `bench_gw_${stamp}`,
    AUTH_ACCESS_TTL_S: '86400',
  };
  try {
    say('starting the worker and the gateway as processes…');
    await stack.spawn('worker', appEnv);
    const url = (await stack.spawn('gateway', appEnv)).url!;
    const submitterToken = await login(url, 'giaovien.thcs', DEMO_PASSWORD);
    const supervisorToken = await login(url, 'giamsat', DEMO_PASSWORD);
    const post = (path: string, token: string, body: unknown) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    let n = 0;
    const gatewayIds: string[] = [];
    const gatewayStart = async () => {
      const r = await post('/api/v1/initiatives', submitterToken, {
        id: `bench-gw-${stamp}-${n++}`,
        ...dossier(),
      });
      if (r.status !== 201) throw new Error(`start failed: ${r.status} ${await r.text()}`);
      gatewayIds.push(((await r.json()) as { id: string }).id);
    };
    const rawAcceptedMs: number[] = [];
    const rawStart = async () => {
      const id = `bench-raw-${stamp}-${n++}`;
      await stack.client.workflow.start('initiativeWorkflow', {
        workflowId: initiativeWorkflowId(id),
        taskQueue,
        args: [
          {
            initiativeId: id,
            dossier: dossier(),
            pack: DEFAULT_RULE_PACK,
            filedBy: submitter,
            filedAt: new Date().toISOString(),
          },
        ],
      });
      return id;
    };
    const recorded = (id: string) =>
      stack.client.workflow.getHandle(initiativeWorkflowId(id)).executeUpdate(recordedUpdate);
    /** A raw start and the wait for its first record: the same end point as a filing through the gateway. */
    const rawStartRecorded = async () => {
      const t = performance.now();
      const id = await rawStart();
      rawAcceptedMs.push(performance.now() - t);
      await recorded(id);
    };
    /** `pairs` samples of each call, one after the other, the order alternating; the first `WARMUP` are dropped. */
    const interleave = async (pairs: number, a: () => Promise<void>, b: () => Promise<void>) => {
      const as: number[] = [];
      const bs: number[] = [];
      for (let i = 0; i < WARMUP + pairs; i++) {
        let x: number;
        let y: number;
        if (i % 2 === 0) {
          x = await timed(a);
          y = await timed(b);
        } else {
          y = await timed(b);
          x = await timed(a);
        }
        if (i < WARMUP) continue;
        as.push(x);
        bs.push(y);
        if ((i - WARMUP + 1) % 250 === 0) say(`${i - WARMUP + 1}/${pairs} pairs`);
      }
      return [as, bs] as const;
    };

    say(`${STARTS} starts through the gateway and ${STARTS} with the raw client, interleaved…`);
    const [gatewayStartMs, rawStartMs] = await interleave(STARTS, gatewayStart, rawStartRecorded);
    // The first WARMUP were warm-up; the throughput rounds' come after the interleaved pairs'.
    const rawAccepted = summary(rawAcceptedMs.slice(WARMUP, WARMUP + STARTS));

    say(`${THROUGHPUT_STARTS} starts of each, ${CONCURRENCY} at a time, in ${ROUNDS} alternating rounds…`);
    const perRound = Math.max(1, Math.round(THROUGHPUT_STARTS / ROUNDS));
    const rounds = { gateway: [] as number[], raw: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? (['raw', 'gateway'] as const) : (['gateway', 'raw'] as const);
      for (const kind of order) {
        const ms = await runPool(perRound, CONCURRENCY, kind === 'gateway' ? gatewayStart : rawStartRecorded);
        rounds[kind].push(ms);
      }
    }
    const rate = (ms: number[]) => r2((perRound * ms.length) / (ms.reduce((a, b) => a + b, 0) / 1000));
    const roundRates = (ms: number[]) => ms.map((m) => r2(perRound / (m / 1000)));

    // The decisions start when the starts' background writes are done (the read model holds every case).
    const expected = n;
    for (;;) {
      const r = await fetch(`${url}/api/v1/initiatives?limit=1`, {
        headers: { authorization: `Bearer ${supervisorToken}` },
      });
      if (((await r.json()) as { total: number }).total >= expected) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const targets = gatewayIds.slice(0, TARGETS);
    let i = 0;
    let j = 0;
    const viaGateway = async () => {
      const target = targets[i++ % targets.length]!;
      const r = await post(`/api/v1/initiatives/${target}/deadline-extension`, supervisorToken, {
        reason: 'Đo hiệu năng',
        by: { days: 1 },
      });
      if (r.status !== 200) throw new Error(`decision failed: ${r.status} ${await r.text()}`);
    };
    const viaRaw = async () => {
      const target = targets[j++ % targets.length]!;
      await stack.client.workflow
        .getHandle(initiativeWorkflowId(target))
        .executeUpdate(extendDeadlineUpdate, {
          args: [{ actor: supervisor, reason: 'Đo hiệu năng', by: { days: 1 } }],
        });
    };
    say(`${DECISIONS} decisions through the gateway and ${DECISIONS} raw Updates, interleaved…`);
    const [gatewayDecisionMs, rawDecisionMs] = await interleave(DECISIONS, viaGateway, viaRaw);

    const results = {
      ...environment(),
      loadAverage: { start: loadStart, end: loadAverage() },
      servers: stack.servers,
      processes: 'worker and gateway each a separate Node process; the raw client in the benchmark process',
      warmupPairsDropped: WARMUP,
      startRoundTripMs: { ...compare(gatewayStartMs, rawStartMs), rawAcceptedOnly: rawAccepted },
      startsPerSecond: {
        perKind: perRound * ROUNDS,
        concurrency: CONCURRENCY,
        rounds: ROUNDS,
        gateway: rate(rounds.gateway),
        rawClient: rate(rounds.raw),
        ratio: r2(rate(rounds.gateway) / rate(rounds.raw)),
        perRound: { gateway: roundRates(rounds.gateway), rawClient: roundRates(rounds.raw) },
      },
      decisionRoundTripMs: { cases: targets.length, ...compare(gatewayDecisionMs, rawDecisionMs) },
    };
    writeResults('gateway.json', results);
    const line = (what: string, c: ReturnType<typeof compare>) =>
      [
        `${what} p50/p95/p99 ms: gateway ${c.gateway.p50}/${c.gateway.p95}/${c.gateway.p99}, raw ${c.raw.p50}/${c.raw.p95}/${c.raw.p99} (${c.gateway.count} pairs)`,
        `  ratio gateway/raw ×${c.ratio.p50} / ×${c.ratio.p95} / ×${c.ratio.p99}; halves ×${c.halves.first.p50}|×${c.halves.second.p50} at p50, ×${c.halves.first.p99}|×${c.halves.second.p99} at p99 (differ ${c.halves.differencePercent.p50}% / ${c.halves.differencePercent.p99}%)`,
      ].join('\n');
    console.log(line('filing until recorded', results.startRoundTripMs));
    console.log(
      `  raw start accepted by the server, p50/p95/p99 ms: ${rawAccepted.p50}/${rawAccepted.p95}/${rawAccepted.p99}`,
    );
    const s = results.startsPerSecond;
    console.log(
      `starts/s (${CONCURRENCY} in flight, ${ROUNDS} rounds): gateway ${s.gateway} [${s.perRound.gateway.join(', ')}], raw client ${s.rawClient} [${s.perRound.rawClient.join(', ')}] (gateway reaches ×${s.ratio} of raw)`,
    );
    console.log(line('decision round trip', results.decisionRoundTripMs));
    console.log(`load average start ${loadStart.join(' ')}, end ${results.loadAverage.end.join(' ')}`);
    console.log('results written to bench/results/gateway.json');
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
