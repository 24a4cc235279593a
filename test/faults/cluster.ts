/**
 * The processes of a fault-injection run, each one this script controls: the Temporal dev server and the
 * MongoDB-protocol server (through the project's launcher, on a private data folder and ports), the worker and the
 * gateway (each its own Node process, started without the tsx CLI wrapper so that a SIGKILL hits the real process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { startMail, type MailServer } from '../../dev/servers/mail';
import { startMongo, type MongoServer } from '../../dev/servers/mongo';
import { freePort, sleep } from '../../dev/servers/process';
import { startTemporal, type TemporalServer } from '../../dev/servers/temporal';

const ROOT = path.resolve(__dirname, '../..');

/** True while a process with this pid exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true;
  }
}

/** Waits until `pid` is gone; false at the time-out. */
export async function waitGone(pid: number, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(50);
  }
  return !alive(pid);
}

/** A Node child process (worker or gateway) with its log and how it ended. */
export class NodeProcess {
  child: ChildProcess | undefined;
  /** Every pid this role has had, in order. */
  readonly pids: number[] = [];
  /** Exits this script did not cause (the process died by itself). */
  readonly unexpectedExits: { pid: number; at: string; how: string }[] = [];
  private expectingExit = false;
  private output = '';

  constructor(
    readonly name: 'worker' | 'gateway',
    private readonly script: string,
    private readonly env: () => NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits until `ready` says it is; fails at the time-out with the end of its log. */
  async start(ready: (output: string) => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<number> {
    const out = fs.openSync(this.logFile, 'a');
    fs.writeSync(out, `\n--- ${new Date().toISOString()} start ${this.name}\n`);
    // `node --import tsx script.ts`: one process (the tsx CLI would put a wrapper process in between).
    const child = spawn(process.execPath, ['--import', 'tsx', this.script], {
      cwd: ROOT,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    fs.closeSync(out);
    if (!child.pid) throw new Error(`could not start the ${this.name}`);
    const pid = child.pid;
    this.child = child;
    this.pids.push(pid);
    this.output = '';
    const append = (d: Buffer) => {
      const s = d.toString();
      this.output = (this.output + s).slice(-20_000);
      fs.appendFileSync(this.logFile, s);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    this.expectingExit = false;
    child.once('exit', (code, signal) => {
      if (!this.expectingExit) {
        this.unexpectedExits.push({ pid, at: new Date().toISOString(), how: signal ?? `exit ${code}` });
      }
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited while starting:\n${this.output.slice(-3000)}`);
      }
      if (await Promise.resolve(ready(this.output)).catch(() => false)) return pid;
      await sleep(200);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
  }

  /** SIGKILL; resolves with whether the process is really gone. */
  async kill(): Promise<{ pid: number; gone: boolean }> {
    const child = this.child;
    if (!child?.pid) throw new Error(`${this.name} is not running`);
    this.expectingExit = true;
    child.kill('SIGKILL');
    const gone = await waitGone(child.pid);
    return { pid: child.pid, gone };
  }

  /** Stops it gracefully (SIGTERM, then SIGKILL). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    child.kill('SIGTERM');
    if (!(await waitGone(child.pid, 10_000))) {
      child.kill('SIGKILL');
      await waitGone(child.pid);
    }
  }

  running(): boolean {
    return !!this.child?.pid && alive(this.child.pid);
  }
}

/** The whole product for one run, on a private data folder and free ports. */
export class Cluster {
  temporal!: TemporalServer;
  mongo!: MongoServer;
  mail!: MailServer;
  worker!: NodeProcess;
  gateway!: NodeProcess;
  config!: Config;
  gatewayUrl = '';
  private temporalOpts!: Parameters<typeof startTemporal>[0];
  private mongoOpts!: Parameters<typeof startMongo>[0];
  private mailOpts!: Parameters<typeof startMail>[0];

  constructor(
    readonly dataDir: string,
    private readonly say: (m: string) => void,
  ) {}

  async start(): Promise<void> {
    const [temporalPort, uiPort, mongoPort, httpPort, smtpPort, mailUiPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: this.dataDir,
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      MONGODB_PORT: String(mongoPort),
    };
    delete env['TEMPORAL_ADDRESS'];
    delete env['MONGODB_URI'];
    this.config = loadConfig(env);
    const c = this.config;
    this.temporalOpts = {
      address: undefined,
      namespace: c.temporal.namespace,
      cliPath: c.temporal.cliPath,
      cacheDir: c.cacheDir,
      dataDir: this.dataDir,
      port: temporalPort,
      uiPort,
      headless: true,
      dynamicConfig: [],
      timeoutMs: 60_000,
    };
    this.mongoOpts = {
      uri: undefined,
      // FerretDB, the engine the project uses where mongod cannot be downloaded: its pid file proves each stop.
      engine: 'ferretdb',
      cacheDir: c.cacheDir,
      dataDir: this.dataDir,
      port: mongoPort,
      timeoutMs: 60_000,
    };
    this.mailOpts = {
      smtpUrl: undefined,
      cacheDir: c.cacheDir,
      dataDir: this.dataDir,
      smtpPort,
      uiPort: mailUiPort,
      timeoutMs: 60_000,
      // Every message stays: the checks compare the inbox with every delivery of the run.
      maxMessages: 0,
    };
    const quiet = (m: string) => this.say(`  [servers] ${m}`);
    [this.temporal, this.mongo, this.mail] = await Promise.all([
      startTemporal(this.temporalOpts, quiet),
      startMongo(this.mongoOpts, quiet),
      startMail(this.mailOpts, quiet),
    ]);
    if (!this.mail.smtpUrl) throw new Error('the fault suite needs Mailpit (built with Go into the cache)');
    const logs = path.join(this.dataDir, 'logs');
    fs.mkdirSync(logs, { recursive: true });
    const common = (): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: this.dataDir,
      TEMPORAL_ADDRESS: this.temporal.address,
      MONGODB_URI: this.mongo.uri,
      MONGODB_DB: 'faults',
      LOG_FORMAT: 'json',
      SMTP_URL: this.mail.smtpUrl,
      // A mail server back from an outage gets the waiting mail within seconds, not minutes.
      NOTIFY_RETRY_BASE_MS: '500',
    });
    this.gatewayUrl = `http://127.0.0.1:${httpPort}`;
    this.worker = new NodeProcess(
      'worker',
      'worker.ts',
      () => ({ ...common(), LOG_LEVEL: 'info' }),
      path.join(logs, 'worker.log'),
    );
    this.gateway = new NodeProcess(
      'gateway',
      'src/gateway/server.ts',
      () => ({
        ...common(),
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(httpPort),
        SEED_DEMO: 'true',
        LOGIN_RATE_LIMIT: '10000',
        AUTH_ACCESS_TTL_S: '14400',
      }),
      path.join(logs, 'gateway.log'),
    );
    await this.startWorker();
    await this.startGateway();
  }

  /** Starts the worker and waits until it polls. */
  startWorker(): Promise<number> {
    let seen = 0;
    return this.worker.start((out) => {
      // Only a "worker polling" line printed by this process counts (the output buffer is per start).
      seen = out.split('worker polling').length - 1;
      return seen > 0;
    }, 180_000);
  }

  /** Starts the gateway and waits until it answers /readyz with 200. */
  startGateway(): Promise<number> {
    return this.gateway.start(async () => {
      const r = await fetch(`${this.gatewayUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
      return r.status === 200;
    }, 120_000);
  }

  /** The Temporal dev server's pid (from the launcher's pid file). */
  pidOf(server: 'temporal' | 'ferretdb' | 'mailpit'): number | undefined {
    try {
      const text = fs.readFileSync(path.join(this.dataDir, 'pids', `${server}.pid`), 'utf8');
      const pid = Number(text.split('\n')[0]);
      return Number.isInteger(pid) && pid > 1 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGKILLs the Temporal server; resolves with its pid and whether it is really gone. */
  async killTemporal(): Promise<{ pid: number; gone: boolean }> {
    const pid = this.pidOf('temporal');
    if (!pid) throw new Error('no Temporal pid file');
    process.kill(pid, 'SIGKILL');
    return { pid, gone: await waitGone(pid) };
  }

  /** Starts Temporal again on the same port and database file. */
  async restartTemporal(): Promise<number> {
    this.temporal = await startTemporal(this.temporalOpts, (m) => this.say(`  [servers] ${m}`));
    return this.pidOf('temporal') ?? -1;
  }

  /** Stops the MongoDB-protocol server; resolves with its pid and whether it is really gone. */
  async stopMongo(): Promise<{ pid: number; gone: boolean }> {
    const pid = this.pidOf('ferretdb') ?? -1;
    await this.mongo.stop();
    return { pid, gone: pid > 0 ? await waitGone(pid) : true };
  }

  /** Starts the MongoDB-protocol server again on the same port and data. */
  async restartMongo(): Promise<number> {
    this.mongo = await startMongo(this.mongoOpts, (m) => this.say(`  [servers] ${m}`));
    return this.pidOf('ferretdb') ?? -1;
  }

  /** Stops the mail server; resolves with its pid and whether it is really gone. */
  async stopMail(): Promise<{ pid: number; gone: boolean }> {
    const pid = this.pidOf('mailpit') ?? -1;
    await this.mail.stop();
    return { pid, gone: pid > 0 ? await waitGone(pid) : true };
  }

  /** Starts the mail server again on the same ports and data. */
  async restartMail(): Promise<number> {
    this.mail = await startMail(this.mailOpts, (m) => this.say(`  [servers] ${m}`));
    return this.pidOf('mailpit') ?? -1;
  }

  /** Stops everything this run started; never throws. */
  async stop(): Promise<void> {
    await this.gateway?.stop().catch(() => undefined);
    await this.worker?.stop().catch(() => undefined);
    await Promise.all([
      this.temporal?.stop().catch(() => undefined),
      this.mongo?.stop().catch(() => undefined),
      this.mail?.stop().catch(() => undefined),
    ]);
    // Anything left by a pid file (e.g. a server restarted by this run) goes too.
    for (const name of ['temporal', 'ferretdb', 'mailpit'] as const) {
      const pid = this.pidOf(name);
      if (pid && alive(pid)) {
        process.kill(pid, 'SIGKILL');
        await waitGone(pid);
      }
    }
  }
}
