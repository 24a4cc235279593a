/** What every benchmark needs: real servers (started here unless given), a worker, optionally the gateway. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadConfig, type Config } from '../src/config';
import { startGateway, type RunningGateway } from '../src/gateway/server';
import { createLogger } from '../src/logger';
import { startServers, type Servers } from '../dev/servers';
import { FERRETDB_VERSION, TEMPORAL_CLI_VERSION } from '../dev/servers/binaries';
import { freePort, spawnServer, waitUntilReady, type ServerProcess } from '../dev/servers/process';
import { startWorker, type RunningWorker } from '../worker';
import { ferret, indexIdsEvery, postgres } from './backends';
import { dataConverterFor } from '../src/temporal/codec';

/** The product's workflows and the benchmarks' bare baseline, bundled together (bench/workflows.ts). */
const BENCH_WORKFLOWS = require.resolve('./workflows');

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
      MAIL_SMTP_PORT: String(await freePort()),
      MAIL_UI_PORT: String(await freePort()),
    });
    servers = await startServers(cfg, say, { headless: true });
    env['TEMPORAL_ADDRESS'] = servers.temporal.address;
    env['MONGODB_URI'] = servers.mongo.uri;
    if (servers.mail.smtpUrl) env['SMTP_URL'] = servers.mail.smtpUrl;
  }
  const config = loadConfig({
    ...env,
    DATA_DIR: dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-bench-')),
  });
  const addresses = {
    temporalAddress: env['TEMPORAL_ADDRESS'],
    mongoUri: env['MONGODB_URI'],
    smtpUrl: env['SMTP_URL'],
  };
  const logger = createLogger('warn');
  const worker = await startWorker(config, addresses, logger, { workflowsPath: BENCH_WORKFLOWS });
  const gateway = options.gateway ? await startGateway(config, addresses, logger) : undefined;
  const connection = await Connection.connect({ address: addresses.temporalAddress });
  return {
    config,
    client: new Client({ connection, dataConverter: dataConverterFor(config) }),
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

/** Machine, versions, date and load: what every results file records. */
export function environment(): Record<string, unknown> {
  const pkg = (name: string): string => {
    try {
      const file = path.resolve(__dirname, '..', 'node_modules', name, 'package.json');
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const cpu = os.cpus();
  return {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      memoryMB: Math.round(os.totalmem() / 2 ** 20),
      platform: `${os.platform()} ${os.release()}`,
    },
    versions: {
      node: process.version,
      temporalCli: TEMPORAL_CLI_VERSION,
      temporalServer: '1.29.1 (bundled in the CLI dev server)',
      temporalSdk: pkg('@temporalio/worker'),
      ferretdb: FERRETDB_VERSION,
      mongoose: pkg('mongoose'),
      autocannon: pkg('autocannon'),
    },
  };
}

/** The 1, 5 and 15 minute load averages, rounded (other people's tests may share the machine). */
export const loadAverage = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** A worker or gateway running as a child process, as in production. */
export interface AppProcess {
  pid: number;
  /** The gateway's URL (gateways only). */
  url: string | undefined;
  logFile: string;
  stop(): Promise<void>;
}

/** Servers only (started here unless TEMPORAL_ADDRESS and MONGODB_URI are set); workers and gateways are spawned. */
export interface ServersOnly {
  temporalAddress: string;
  mongoUri: string;
  /** `dev server (SQLite) + ferretdb`, or `external`. */
  servers: string;
  engine: string;
  dataDir: string;
  client: Client;
  /**
   * Starts a worker (`worker.ts`) or gateway (`src/gateway/server.ts`) process with these extra variables, Node
   * options (`--cpu-prof`…) and TypeScript modules imported before the script (after tsx).
   */
  spawn(
    kind: 'worker' | 'gateway',
    env: NodeJS.ProcessEnv,
    nodeArgs?: string[],
    preload?: string[],
  ): Promise<AppProcess>;
  /**
   * The pids of the servers this run started, by name (`temporal`, `ferretdb`, `postgresql`…), from their pid files;
   * empty for external servers.
   */
  serverPids(): Record<string, number>;
  /** Stops every spawned process, the client and the servers; removes the data folder. */
  stop(): Promise<void>;
}

/** Starts the servers (or uses external ones) and lets the benchmark spawn workers and gateways as processes. */
export async function startServersOnly(): Promise<ServersOnly> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-bench-'));
  let servers: Servers | undefined;
  let temporalAddress = process.env['TEMPORAL_ADDRESS'];
  let mongoUri = process.env['MONGODB_URI'];
  let engine = 'external';
  const own: ServerProcess[] = [];
  let stopIndexing = () => {};
  // BENCH_MONGO=ferretdb-postgresql: FerretDB on a private PostgreSQL 15 cluster instead of its SQLite backend.
  if (!mongoUri && process.env['BENCH_MONGO'] === 'ferretdb-postgresql') {
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user
    const pg = await postgres(path.join(dataDir, 'postgresql'));
    own.push(pg.server);
    const f = await ferret(
      dataDir,
      ['-handler', 'postgresql', '-postgresql-url', pg.url],
      'ferretdb-postgresql',
    );
    own.unshift(f.server);
    mongoUri = f.uri;
    engine = "ferretdb-postgresql (with a GIN index on each collection's _id)";
    stopIndexing = indexIdsEvery(pg, 15_000);
  }
  if (!temporalAddress || !mongoUri) {
    const cfg = loadConfig({
      ...process.env,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      TEMPORAL_PORT: String(await freePort()),
      MONGODB_PORT: String(await freePort()),
      MAIL_SMTP_PORT: String(await freePort()),
      MAIL_UI_PORT: String(await freePort()),
      ...(mongoUri ? { MONGODB_URI: mongoUri } : {}),
    });
    servers = await startServers(cfg, say, { headless: true });
    temporalAddress = servers.temporal.address;
    mongoUri = servers.mongo.uri;
    if (!own.length) engine = servers.mongo.engine;
  }
  const connection = await Connection.connect({ address: temporalAddress });
  // The spawned workers and gateways keep their payload key in the same data folder.
  const client = new Client({
    connection,
    dataConverter: dataConverterFor(loadConfig({ ...process.env, DATA_DIR: dataDir })),
  });
  const children: ServerProcess[] = [];
  let n = 0;
  // The workers send their e-mail to the run's own Mailpit, as in production, so the outbox drains.
  const smtp = servers?.mail.smtpUrl ?? process.env['SMTP_URL'];
  const addresses = {
    TEMPORAL_ADDRESS: temporalAddress,
    MONGODB_URI: mongoUri,
    ...(smtp ? { SMTP_URL: smtp } : {}),
  };
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      await Promise.all(children.map((c) => c.stop(15_000)));
      await connection.close();
      await servers?.stop();
      stopIndexing();
      for (const p of own) await p.stop();
      // The servers' and processes' logs outlive the run, for a look after a failure.
      const keep = `${dataDir}-logs`;
      fs.cpSync(path.join(dataDir, 'logs'), keep, { recursive: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
      say(`logs kept in ${keep}`);
    })());
  // Interrupted (Ctrl-C, a time-out's SIGTERM): stop every process this run started before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the processes of this run`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  return {
    temporalAddress,
    mongoUri,
    servers: servers ? `dev server (SQLite) + ${engine}` : 'external',
    engine,
    dataDir,
    client,
    async spawn(kind, env, nodeArgs = [], preload = []) {
      const port = kind === 'gateway' ? await freePort() : 0;
      const name = `${kind}-${++n}`;
      const child = spawnServer({
        name,
        command: process.execPath,
        args: [
          ...nodeArgs,
          '--import',
          'tsx',
          ...preload.flatMap((file) => ['--import', mainThreadImport(file)]),
          kind === 'worker'
            ? path.join(__dirname, 'worker.ts')
            : path.resolve(__dirname, '..', 'src/gateway/server.ts'),
        ],
        cwd: path.resolve(__dirname, '..'),
        logFile: path.join(dataDir, 'logs', `${name}.log`),
        pidFile: path.join(dataDir, 'pids', `${name}.pid`),
        env: {
          ...process.env,
          LOG_LEVEL: 'warn',
          LOG_FORMAT: 'json',
          LOGIN_RATE_LIMIT: '10000',
          NODE_ENV: 'development',
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PORT: String(port),
          ...addresses,
          ...env,
        },
      });
      children.push(child);
      const url = kind === 'gateway' ? `http://127.0.0.1:${port}` : undefined;
      const taskQueue = env['TEMPORAL_TASK_QUEUE'] ?? 'initiatives';
      await waitUntilReady(
        child,
        async () => {
          if (url) return (await fetch(`${url}/readyz`)).ok;
          // A worker is ready when the server sees its poller on the task queue.
          const res = await client.workflowService.describeTaskQueue({
            namespace: 'default',
            taskQueue: { name: taskQueue },
            taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          });
          return (res.pollers ?? []).length > 0;
        },
        120_000,
      );
      return { pid: child.pid, url, logFile: child.logFile, stop: () => child.stop() };
    },
    serverPids() {
      const dir = path.join(dataDir, 'pids');
      const pids: Record<string, number> = {};
      for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        const name = f.replace(/\.pid$/, '');
        if (/^(worker|gateway)-\d+$/.test(name) || name === f) continue;
        const pid = Number(fs.readFileSync(path.join(dir, f), 'utf8').split('\n')[0]);
        if (Number.isInteger(pid) && pid > 1) pids[name] = pid;
      }
      for (const p of own) pids[p.name] = p.pid;
      return pids;
    },
    stop: stopAll,
  };
}

/**
 * An `--import` of a TypeScript module in the main thread only: worker threads (Temporal's workflow threads, tsx's
 * loader) inherit Node's options but cannot load TypeScript that early, and the module is for the main thread anyway.
 */
function mainThreadImport(file: string): string {
  const code =
    'import { isMainThread } from "node:worker_threads"; import { createRequire } from "node:module";' +
    ` if (isMainThread) createRequire(${JSON.stringify(file)})(${JSON.stringify(file)});`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

/** Resident memory of a process in MB, from /proc/<pid>/status (VmRSS), or NaN when unreadable. */
export function rssMB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Signs a demo person in at a gateway; returns the access token. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** Rounds to two decimals. */
export const r2 = (x: number): number => Math.round(x * 100) / 100;
