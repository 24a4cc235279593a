/**
 * Preloaded into a benchmark's worker or gateway (BENCH_DB_COMMANDS=1; `spawn(kind, env, [], [this file])` imports it in
 * the main thread, after tsx): turns on the MongoDB driver's command monitoring in that process and keeps, per command and
 * collection, the count, the total and the largest time and how many took 100 ms or more, written as JSON to
 * BENCH_DB_COMMANDS_FILE every second and at exit. FerretDB v1 (embedded here) records no slow operations of its own
 * and its debug log prints whole messages, so the clients' view (server time plus the loopback round trip) is what
 * the benchmark gets. Monitoring decodes each reply once more, so it costs the process some CPU: off unless asked for.
 */
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { MongoClient, type CommandFailedEvent, type CommandSucceededEvent } from 'mongodb';

const file = process.env['BENCH_DB_COMMANDS_FILE'];
const SLOW_MS = 100;
const stats = new Map<
  string,
  { count: number; totalMs: number; maxMs: number; slow: number; failed: number }
>();
const pending = new Map<number, string>();

function write(): void {
  if (!file) return;
  const out: Record<string, unknown> = {};
  for (const [k, v] of stats) out[k] = { ...v, totalMs: Math.round(v.totalMs * 10) / 10 };
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(out));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // the data folder is being removed: the run is over
  }
}

function record(event: CommandSucceededEvent | CommandFailedEvent, failed: boolean): void {
  const key = pending.get(event.requestId) ?? event.commandName;
  pending.delete(event.requestId);
  const s = stats.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, slow: 0, failed: 0 };
  stats.set(key, s);
  s.count++;
  s.totalMs += event.duration;
  s.maxMs = Math.max(s.maxMs, Math.round(event.duration));
  if (event.duration >= SLOW_MS) s.slow++;
  if (failed) s.failed++;
}

// Only the main thread talks to the database (bench/support.ts imports this module there alone).
if (isMainThread) {
  const connect = MongoClient.prototype.connect;
  MongoClient.prototype.connect = function (this: MongoClient) {
    // The driver's setter (MongoClient#monitorCommands), read when the client connects; not in its typings.
    const options = this as unknown as { monitorCommands: boolean };
    if (!options.monitorCommands) {
      options.monitorCommands = true;
      this.on('commandStarted', (e) => {
        const target: unknown = (e.command as Record<string, unknown>)[e.commandName];
        // The collection a command works on (a string for find, insert, update…), never a value from a document.
        pending.set(e.requestId, typeof target === 'string' ? `${e.commandName} ${target}` : e.commandName);
      });
      this.on('commandSucceeded', (e) => record(e, false));
      this.on('commandFailed', (e) => record(e, true));
    }
    return connect.call(this);
  };
  if (file) {
    setInterval(write, 1000).unref();
    process.on('exit', write);
  }
}
