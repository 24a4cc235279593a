/** What every benchmark needs: real servers (started here unless given), a worker, optionally the gateway. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type Config } from '../src/config';
import { startGateway, type RunningGateway } from '../src/gateway/server';
import { createLogger } from '../src/logger';
import { startServers, type Servers } from '../src/servers';
import { freePort } from '../src/servers/process';
import { startWorker, type RunningWorker } from '../worker';

/** Prints progress to stderr (figures go to stdout). */
export const say = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** A running stack for a benchmark. */
export interface Stack {
  config: Config;
  client: Client;
  worker: RunningWorker;
  gateway: RunningGateway | undefined;
  servers: string;
  stop(): Promise<void>;
}

/** Starts servers (unless TEMPORAL_ADDRESS and MONGODB_URI are set), a worker and, if asked, the gateway. */
export async function startStack(options: { gateway?: boolean } = {}): Promise<Stack> {
  let servers: Servers | undefined;
  let dataDir: string | undefined;
  const stamp = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PORT: '0',
    TEMPORAL_TASK_QUEUE: `bench-${stamp}`,
    MONGODB_DB: `bench_${stamp}`,
    LOGIN_RATE_LIMIT: '10000',
  };
  if (!env['TEMPORAL_ADDRESS'] || !env['MONGODB_URI']) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-bench-'));
    const cfg = loadConfig({
      ...env,
      DATA_DIR: dataDir,
      TEMPORAL_PORT: String(await freePort()),
      MONGODB_PORT: String(await freePort()),
    });
    servers = await startServers(cfg, say, { headless: true });
    env['TEMPORAL_ADDRESS'] = servers.temporal.address;
    env['MONGODB_URI'] = servers.mongo.uri;
  }
  const config = loadConfig({
    ...env,
    DATA_DIR: dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-bench-')),
  });
  const addresses = { temporalAddress: env['TEMPORAL_ADDRESS'], mongoUri: env['MONGODB_URI'] };
  const logger = createLogger('warn');
  const worker = await startWorker(config, addresses, logger);
  const gateway = options.gateway ? await startGateway(config, addresses, logger) : undefined;
  const connection = await Connection.connect({ address: addresses.temporalAddress });
  return {
    config,
    client: new Client({ connection }),
    worker,
    gateway,
    servers: servers ? `dev server (SQLite) + ${servers.mongo.engine}` : 'external',
    async stop() {
      await gateway?.stop();
      await worker.stop();
      await connection.close();
      await servers?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes a results file under bench/results/. */
export function writeResults(name: string, results: unknown): void {
  const out = path.resolve(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, name), JSON.stringify(results, null, 2));
}

/** The p-th percentile of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Runs `task` `total` times with at most `concurrency` at once; returns the wall time in ms. */
export async function runPool(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return performance.now() - started;
}
