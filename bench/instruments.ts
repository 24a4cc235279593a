/**
 * What the benchmarks measure besides wall time: CPU seconds of each process (from /proc), the worker's Prometheus
 * metrics (the Temporal SDK's and the project's, src/worker/telemetry.ts) as differences between two scrapes, and
 * the top functions of a V8 CPU profile (`node --cpu-prof`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux/x86 and arm64). */
const CLK_TCK = 100;

/** utime, stime, cutime, cstime (seconds) and the parent pid of one process, or undefined when it is gone. */
function statOf(pid: number): { own: number; children: number; ppid: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing one.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): field n is f[n - 3].
    const n = (field: number) => Number(f[field - 3]);
    return { own: (n(14) + n(15)) / CLK_TCK, children: (n(16) + n(17)) / CLK_TCK, ppid: n(4) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) used so far by a process and its descendants: its own time, the time of its live
 * descendants (PostgreSQL's backends, a wrapper's child) and of the children it has reaped. NaN if it is gone.
 */
export function cpuSeconds(pid: number): number {
  const root = statOf(pid);
  if (!root) return NaN;
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = statOf(Number(entry));
    if (s) parents.set(Number(entry), s.ppid);
  }
  const descends = (p: number): boolean => {
    for (let q = parents.get(p), hops = 0; q !== undefined && q > 1 && hops < 64; q = parents.get(q), hops++)
      if (q === pid) return true;
    return false;
  };
  let total = root.own + root.children;
  for (const p of parents.keys()) if (p !== pid && descends(p)) total += statOf(p)?.own ?? 0;
  return total;
}

/** CPU seconds of each named process now. */
export const cpuSnapshot = (pids: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));

/** CPU seconds per case of each process between two snapshots. */
export function cpuPerCase(
  start: Record<string, number>,
  end: Record<string, number>,
  cases: number,
): Record<string, number> {
  return Object.fromEntries(Object.keys(start).map((k) => [k, round((end[k]! - start[k]!) / cases, 4)]));
}

/** One sample of a Prometheus text exposition. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus' text format (comments skipped). */
export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** Scrapes a Prometheus endpoint; an empty list if it does not answer. */
export async function scrape(url: string, token?: string): Promise<Sample[]> {
  try {
    const r = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return r.ok ? parsePrometheus(await r.text()) : [];
  } catch {
    return [];
  }
}

/** A histogram's change between two scrapes, for one value of one label. Durations are in milliseconds. */
export interface HistogramDelta {
  count: number;
  totalSeconds: number;
  meanMs: number;
  /** Cumulative counts per upper bound (ms), as Prometheus gives them; `+Inf` is `count`. */
  buckets: Record<string, number>;
}

/**
 * The change of histogram `name` between two scrapes, per value of `label` (series with other labels are summed).
 * `unitToMs` converts the histogram's unit to milliseconds (1 for the SDK's, 1000 for seconds).
 */
export function histogramDelta(
  start: Sample[],
  end: Sample[],
  name: string,
  label: string,
  unitToMs = 1,
): Record<string, HistogramDelta> {
  const sum = (samples: Sample[]) => {
    const by = new Map<string, { count: number; sum: number; buckets: Map<string, number> }>();
    for (const s of samples) {
      const key = s.labels[label];
      if (key === undefined || !s.name.startsWith(name)) continue;
      const h = by.get(key) ?? { count: 0, sum: 0, buckets: new Map<string, number>() };
      by.set(key, h);
      if (s.name === `${name}_count`) h.count += s.value;
      else if (s.name === `${name}_sum`) h.sum += s.value;
      else if (s.name === `${name}_bucket` && s.labels['le'])
        h.buckets.set(s.labels['le'], (h.buckets.get(s.labels['le']) ?? 0) + s.value);
    }
    return by;
  };
  const a = sum(start);
  const b = sum(end);
  const out: Record<string, HistogramDelta> = {};
  for (const [key, h] of [...b].sort(([x], [y]) => x.localeCompare(y))) {
    const before = a.get(key);
    const count = h.count - (before?.count ?? 0);
    if (count <= 0) continue;
    const totalMs = (h.sum - (before?.sum ?? 0)) * unitToMs;
    const buckets: Record<string, number> = {};
    for (const [le, n] of h.buckets) {
      const bound = le === '+Inf' ? le : String(Number(le) * unitToMs);
      buckets[bound] = n - (before?.buckets.get(le) ?? 0);
    }
    out[key] = { count, totalSeconds: round(totalMs / 1000, 3), meanMs: round(totalMs / count, 2), buckets };
  }
  return out;
}

/** A short table of histogram deltas: count, total seconds, mean ms, and the share of the total. */
export function histogramTable(title: string, deltas: Record<string, HistogramDelta>): string {
  const rows = Object.entries(deltas).sort(([, x], [, y]) => y.totalSeconds - x.totalSeconds);
  if (!rows.length) return `${title}: no samples`;
  const total = rows.reduce((s, [, d]) => s + d.totalSeconds, 0) || 1;
  const width = Math.max(...rows.map(([k]) => k.length), 10);
  return [
    `${title}:`,
    `  ${'name'.padEnd(width)}  ${'count'.padStart(7)}  ${'total s'.padStart(9)}  ${'mean ms'.padStart(9)}  share`,
    ...rows.map(
      ([k, d]) =>
        `  ${k.padEnd(width)}  ${String(d.count).padStart(7)}  ${d.totalSeconds.toFixed(2).padStart(9)}  ${d.meanMs.toFixed(1).padStart(9)}  ${((100 * d.totalSeconds) / total).toFixed(0).padStart(4)}%`,
    ),
  ].join('\n');
}

/** The value of a gauge or counter (summed over its series) in a scrape. */
export const metricValue = (samples: Sample[], name: string): number =>
  samples.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);

/** A V8 CPU profile (`.cpuprofile`, the format `node --cpu-prof` writes). */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** The functions with the most self time in a profile: self ms, share of samples, where. */
export function topSelfTime(
  file: string,
  n = 25,
): { busyMs: number; idleMs: number; top: { selfMs: number; percent: number; fn: string; at: string }[] } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length) {
    // Each sample's time is the gap to the next sample.
    for (let i = 0; i < samples.length; i++) {
      const us = deltas[i + 1] ?? 0;
      selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, us));
    }
  } else {
    const interval =
      (profile.endTime - profile.startTime) / Math.max(1, sum(profile.nodes.map((x) => x.hitCount ?? 0)));
    for (const node of profile.nodes) selfUs.set(node.id, (node.hitCount ?? 0) * interval);
  }
  const byFunction = new Map<string, { us: number; fn: string; at: string }>();
  const root = path.resolve(__dirname, '..');
  for (const [id, us] of selfUs) {
    const cf = byId.get(id)!.callFrame;
    const fn = cf.functionName || '(anonymous)';
    const url = cf.url.replace(/^file:\/\//, '').replace(`${root}/`, '');
    const at = url ? `${url}:${cf.lineNumber + 1}` : '';
    const key = `${fn}\u0000${at}`;
    const e = byFunction.get(key) ?? { us: 0, fn, at };
    e.us += us;
    byFunction.set(key, e);
  }
  // A thread waiting for work is sampled as (idle): left out, so the shares are of the time it was busy.
  const idleUs = sum([...byFunction.values()].filter((e) => e.fn === '(idle)').map((e) => e.us));
  const totalUs = sum([...selfUs.values()]) - idleUs || 1;
  const top = [...byFunction.values()]
    .filter((e) => e.fn !== '(idle)')
    .sort((x, y) => y.us - x.us)
    .slice(0, n)
    .map((e) => ({
      selfMs: round(e.us / 1000, 1),
      percent: round((100 * e.us) / totalUs, 1),
      fn: e.fn,
      at: e.at,
    }));
  return { busyMs: round(totalUs / 1000, 0), idleMs: round(idleUs / 1000, 0), top };
}

/** Prints the top functions of each profile in a folder (largest first), as `topSelfTime` finds them. */
export function profileReport(dir: string, n = 25): string {
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return `no profiles in ${dir}`;
  }
  // One file per thread: the main thread (activities, documents, the SDK's bridge), each workflow thread, tsx's loader.
  return files
    .map((f) => ({ f, ...topSelfTime(path.join(dir, f), n) }))
    .sort((a, b) => b.busyMs - a.busyMs)
    .map(({ f, busyMs, idleMs, top }) => {
      return [
        `${f}: busy ${busyMs} ms, idle ${idleMs} ms; top ${top.length} functions by self time (share of busy)`,
        ...top.map(
          (t) =>
            `  ${t.selfMs.toFixed(0).padStart(8)} ms ${t.percent.toFixed(1).padStart(5)}%  ${t.fn}  ${t.at}`,
        ),
      ].join('\n');
    })
    .join('\n\n');
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `npx tsx bench/instruments.ts <file.cpuprofile | folder> [n]`: the top functions by self time. */
if (require.main === module) {
  const target = process.argv[2];
  const n = Number(process.argv[3] ?? 25);
  if (!target) {
    console.error('usage: tsx bench/instruments.ts <file.cpuprofile | folder of them> [n]');
    process.exit(2);
  }
  if (fs.statSync(target).isDirectory()) console.log(profileReport(target, n));
  else
    for (const t of topSelfTime(target, n).top)
      console.log(
        `${t.selfMs.toFixed(0).padStart(8)} ms ${t.percent.toFixed(1).padStart(5)}%  ${t.fn}  ${t.at}`,
      );
}

/** A table of CPU seconds per case: one row per process, one column per phase. */
export function cpuTable(phases: Record<string, Record<string, number>>): string {
  const names = [...new Set(Object.values(phases).flatMap((p) => Object.keys(p)))];
  const cols = Object.keys(phases);
  const width = Math.max(...names.map((n) => n.length), 8);
  return [
    `CPU seconds per case: ${cols.join(' | ')}`,
    ...names.map(
      (n) =>
        `  ${n.padEnd(width)}  ${cols.map((c) => (phases[c]![n] ?? NaN).toFixed(3).padStart(8)).join('  ')}`,
    ),
  ].join('\n');
}

/** Per command and collection: what a process's database client saw (bench/db-commands.ts). */
export type DbCommands = Record<
  string,
  { count: number; totalMs: number; maxMs: number; slow: number; failed: number }
>;

/** Reads a db-commands file; empty when absent. */
export function readDbCommands(file: string | undefined): DbCommands {
  if (!file) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DbCommands;
  } catch {
    return {};
  }
}

/** The change between two db-commands readings (`maxMs` is the largest of the whole run so far). */
export function dbCommandsDelta(start: DbCommands, end: DbCommands): DbCommands {
  const out: DbCommands = {};
  for (const [k, e] of Object.entries(end)) {
    const s = start[k] ?? { count: 0, totalMs: 0, maxMs: 0, slow: 0, failed: 0 };
    if (e.count === s.count) continue;
    out[k] = {
      count: e.count - s.count,
      totalMs: round(e.totalMs - s.totalMs, 1),
      maxMs: e.maxMs,
      slow: e.slow - s.slow,
      failed: e.failed - s.failed,
    };
  }
  return out;
}

/** The commands with the most total time, as a short table. */
export function dbCommandsTable(title: string, d: DbCommands, n = 12): string {
  const rows = Object.entries(d)
    .sort(([, a], [, b]) => b.totalMs - a.totalMs)
    .slice(0, n);
  if (!rows.length) return `${title}: none recorded`;
  const width = Math.max(...rows.map(([k]) => k.length), 10);
  return [
    `${title} (count, total s, mean ms, max ms, ≥100 ms):`,
    ...rows.map(
      ([k, v]) =>
        `  ${k.padEnd(width)}  ${String(v.count).padStart(7)}  ${(v.totalMs / 1000).toFixed(2).padStart(8)}  ${(v.totalMs / v.count).toFixed(1).padStart(7)}  ${String(v.maxMs).padStart(6)}  ${String(v.slow).padStart(5)}`,
    ),
  ].join('\n');
}
