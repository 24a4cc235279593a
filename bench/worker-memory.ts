/**
 * Benchmark: worker memory per 1,000 open cases waiting in council evaluation (step SCORING: endorsed, registered,
 * accepted, council formed), against the same number of bare workflows (bench/bare-workflow.ts) that received the same
 * four updates and wait.
 *
 * Method: each kind gets a fresh worker process (`bench/worker.ts`: the production worker, bundling the bare workflow too) on its own task queue and
 * database, started with a V8 heap large enough that the SDK's default workflow cache (maxCachedWorkflows, about 600
 * per GiB of heap above 200 MiB when V8 contexts are reused) holds every case, so the cases stay in memory as they
 * would on a worker sized for them. Two figures, each taken once after a warm-up of 20 cases and once after N more
 * have reached their waiting step and the worker is idle; the difference divided by N, times 1,000, is the cost of
 * 1,000 open cases:
 * - live V8 heap, the main figure: a small probe (PROBE below) is loaded into the worker (`--expose-gc --require`);
 *   worker threads inherit the flags, so in the main thread and in the SDK's workflow thread alike it collects garbage and reports the thread's used heap when the benchmark asks; the benchmark sums the threads' latest reports. This is the cached workflows' state and isolates,
 *   without the garbage the activities leave behind (PDF rendering, database drivers);
 * - resident memory from /proc/<pid>/status (VmRSS: heaps, the Rust core, native buffers), the median of five samples
 *   a second apart. It moves with the allocator and the garbage collector by tens of MB, so it is only meaningful
 *   when N is large.
 * `npm run bench:worker-memory` (BENCH_CASES, default 1000). Writes bench/results/worker-memory.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  formalCheckUpdate,
  formCouncilUpdate,
  registerDossierUpdate,
  unitReviewUpdate,
} from '../src/contracts/initiative';
import { DEFAULT_RULE_PACK } from '../src/domain/rule-pack';
import { toScoring } from '../test/support/drive';
import { councilMembers, fileCase, people, waitFor } from '../test/support/lifecycle';
import {
  environment,
  loadAverage,
  r2,
  rssMB,
  runPool,
  say,
  startServersOnly,
  writeResults,
  type ServersOnly,
} from './support';

const CASES = Number(process.env['BENCH_CASES'] ?? 1000);
const WARM_UP = 20;
const CONCURRENCY = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The four updates that bring a case to SCORING; the bare workflows receive the same ones. */
const MESSAGES = [
  [unitReviewUpdate.name, { actor: people.unitHead, outcome: 'ENDORSE', confirmedApplication: true }],
  [registerDossierUpdate.name, { actor: people.secretary }],
  [formalCheckUpdate.name, { actor: people.secretary, outcome: 'ACCEPT' }],
  [formCouncilUpdate.name, { actor: people.chairman, councilId: 'hdsk-2026', members: councilMembers }],
] as const;

/**
 * Loaded into the measured worker; in every thread it checks once a second whether the benchmark touched the
 * `collect` file, and if so collects garbage and reports its live heap (on demand only: collecting all the time
 * would slow the workflow thread down).
 */
const PROBE = `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const { threadId } = require('node:worker_threads');
const dir = process.env.HEAP_PROBE_DIR;
let seen = 0;
if (dir && typeof globalThis.gc === 'function') {
  setInterval(() => {
    let asked = 0;
    try { asked = fs.statSync(path.join(dir, 'collect')).mtimeMs; } catch { return; }
    if (asked <= seen) return;
    seen = asked;
    globalThis.gc();
    const report = { threadId, usedHeap: v8.getHeapStatistics().used_heap_size, asked };
    fs.writeFileSync(path.join(dir, 'heap-' + process.pid + '-' + threadId + '.json'), JSON.stringify(report));
  }, 1000).unref();
}
`;

/** Asks every thread of the worker to collect garbage; returns the sum of their live heaps (MB). */
async function liveHeap(dir: string, pid: number): Promise<number> {
  const trigger = path.join(dir, 'collect');
  fs.writeFileSync(trigger, String(Date.now()));
  const asked = fs.statSync(trigger).mtimeMs;
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sleep(1000);
    const reports = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`heap-${pid}-`))
      .map(
        (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { usedHeap: number; asked: number },
      );
    // Every thread that ever reported has answered this request (the main thread, the workflow thread, others).
    if (reports.length >= 2 && reports.every((r) => r.asked === asked))
      return reports.reduce((a, r) => a + r.usedHeap, 0) / 2 ** 20;
    if (Date.now() > deadline) throw new Error('the heap probe did not report');
  }
}

/** Median resident memory over five samples a second apart. */
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(1000);
    samples.push(rssMB(pid));
  }
  return samples.sort((a, b) => a - b)[2]!;
}

/** The SDK's default workflow cache size for a worker started with these Node flags (worker-options.js). */
function defaultCacheSize(nodeArgs: string[]): { heapLimitMiB: number; maxCachedWorkflows: number } {
  const out = spawnSync(process.execPath, [...nodeArgs, '-p', 'v8.getHeapStatistics().heap_size_limit'], {
    encoding: 'utf8',
  });
  const heapLimitMiB = Number(out.stdout.trim()) / 2 ** 20;
  return {
    heapLimitMiB: r2(heapLimitMiB),
    maxCachedWorkflows: Math.floor(((heapLimitMiB - 200) * 600) / 1024),
  };
}

async function openInitiative(client: Client, taskQueue: string, i: number, stamp: number) {
  const { handle } = await fileCase(client, taskQueue, {
    id: `mem-${stamp}-${i}`,
    pack: DEFAULT_RULE_PACK, // months-long deadlines: no timer fires while the benchmark runs
  });
  await toScoring(handle);
  await waitFor(handle, (st) => st.step === 'SCORING', 120_000);
}

async function openBare(client: Client, taskQueue: string, i: number, stamp: number) {
  const handle: WorkflowHandle = await client.workflow.start('bareWorkflow', {
    workflowId: `mem-bare-${stamp}-${i}`,
    taskQueue,
  });
  for (const [name, body] of MESSAGES) await handle.executeUpdate(name, { args: [body] });
}

async function measure(
  stack: ServersOnly,
  kind: 'initiative' | 'bare',
  nodeArgs: string[],
): Promise<Record<string, number>> {
  const stamp = Date.now();
  const taskQueue = `bench-mem-${kind}-${stamp}`;
  const probeDir = fs.mkdtempSync(path.join(stack.dataDir, 'heap-'));
  const probe = path.join(probeDir, 'probe.cjs');
  fs.writeFileSync(probe, PROBE);
  const worker = await stack.spawn(
    'worker',
    { TEMPORAL_TASK_QUEUE: taskQueue, MONGODB_DB: `bench_mem_${kind}_${stamp}`, HEAP_PROBE_DIR: probeDir },
    [...nodeArgs, '--expose-gc', '--require', probe],
  );
  const open = kind === 'initiative' ? openInitiative : openBare;
  try {
    const atStart = rssMB(worker.pid);
    say(`${kind}: warm-up with ${WARM_UP} cases…`);
    await runPool(WARM_UP, 8, (i) => open(stack.client, taskQueue, i, stamp));
    await liveHeap(probeDir, worker.pid); // lets every thread report once, so the next call knows them all
    const heapBefore = await liveHeap(probeDir, worker.pid);
    const before = await settledRss(worker.pid);
    say(`${kind}: ${CASES} cases to their waiting step, ${CONCURRENCY} at a time…`);
    const ms = await runPool(CASES, CONCURRENCY, async (i) => {
      await open(stack.client, taskQueue, WARM_UP + i, stamp);
      if ((i + 1) % 200 === 0) say(`${kind}: ${i + 1}/${CASES}`);
    });
    await sleep(3000);
    const heapAfter = await liveHeap(probeDir, worker.pid);
    const after = await settledRss(worker.pid);
    return {
      liveHeapAfterWarmUpMB: r2(heapBefore),
      liveHeapWithAllOpenMB: r2(heapAfter),
      heapMBPer1000: r2(((heapAfter - heapBefore) / CASES) * 1000),
      rssAtStartMB: r2(atStart),
      rssAfterWarmUpMB: r2(before),
      rssWithAllOpenMB: r2(after),
      rssMBPer1000: r2(((after - before) / CASES) * 1000),
      openingSeconds: r2(ms / 1000),
    };
  } finally {
    await worker.stop();
  }
}

async function main(): Promise<void> {
  const loadStart = loadAverage();
  let nodeArgs: string[] = [];
  let cache = defaultCacheSize(nodeArgs);
  if (cache.maxCachedWorkflows < (CASES + WARM_UP) * 1.2) {
    const heap = Math.ceil((((CASES + WARM_UP) * 1.2 * 1024) / 600 + 300) / 256) * 256;
    nodeArgs = [`--max-old-space-size=${heap}`];
    cache = defaultCacheSize(nodeArgs);
  }
  say(
    `worker heap limit ${cache.heapLimitMiB} MiB: default workflow cache ${cache.maxCachedWorkflows} (need ${CASES + WARM_UP})`,
  );
  const stack = await startServersOnly();
  try {
    const initiative = await measure(stack, 'initiative', nodeArgs);
    const bare = await measure(stack, 'bare', nodeArgs);
    const results = {
      ...environment(),
      loadAverage: { start: loadStart, end: loadAverage() },
      servers: stack.servers,
      method:
        'fresh worker process (worker.ts) per kind; live V8 heap summed over the main and workflow threads after a forced collection (a probe loaded with --expose-gc --require), and VmRSS from /proc/<pid>/status (median of 5 samples 1 s apart); each after a 20-case warm-up and after N more cases wait; (after - before) / N * 1000',
      cases: CASES,
      waitingStep: 'SCORING (stage COUNCIL_EVALUATION), default rule pack: no timer fires during the run',
      workerNodeArgs: nodeArgs,
      workflowCache: cache,
      initiative,
      bareBaseline: bare,
      ratio: {
        heap: r2(initiative['heapMBPer1000']! / bare['heapMBPer1000']!),
        rss: r2(initiative['rssMBPer1000']! / bare['rssMBPer1000']!),
      },
    };
    writeResults('worker-memory.json', results);
    console.log(
      `open initiatives: live heap ${initiative['heapMBPer1000']} MB per 1,000 (${initiative['liveHeapAfterWarmUpMB']} → ${initiative['liveHeapWithAllOpenMB']} MB for ${CASES}); RSS ${initiative['rssMBPer1000']} MB per 1,000 (${initiative['rssAfterWarmUpMB']} → ${initiative['rssWithAllOpenMB']} MB)`,
    );
    console.log(
      `bare waiting workflows: live heap ${bare['heapMBPer1000']} MB per 1,000 (${bare['liveHeapAfterWarmUpMB']} → ${bare['liveHeapWithAllOpenMB']} MB); RSS ${bare['rssMBPer1000']} MB per 1,000 (${bare['rssAfterWarmUpMB']} → ${bare['rssWithAllOpenMB']} MB)`,
    );
    console.log(
      `ratio: an open initiative costs ×${results.ratio.heap} the live heap of a bare waiting workflow (RSS ×${results.ratio.rss})`,
    );
    console.log(`load average start ${loadStart.join(' ')}, end ${results.loadAverage.end.join(' ')}`);
    console.log('results written to bench/results/worker-memory.json');
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
