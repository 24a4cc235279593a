/** Child processes of the launcher: spawn with a log file and a pid file, wait for readiness, stop without orphans. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Reports launcher progress to the person running it. */
export type Progress = (message: string) => void;

/** A server process the launcher started. */
export interface ServerProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a server in the background, its output appended to `logFile`, its pid recorded in `pidFile`. */
export function spawnServer(opts: {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): ServerProcess {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  fs.mkdirSync(path.dirname(opts.pidFile), { recursive: true });
  const out = fs.openSync(opts.logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} ${opts.command} ${opts.args.join(' ')}\n`);
  const child: ChildProcess = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${opts.name} (${opts.command})`);
  const pid = child.pid;
  fs.writeFileSync(opts.pidFile, `${pid}\n${opts.command}\n`);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      fs.rmSync(opts.pidFile, { force: true });
      resolve(signal ?? String(code));
    });
    child.once('error', (err) => resolve(`error: ${err.message}`));
  });
  return {
    name: opts.name,
    pid,
    logFile: opts.logFile,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Stops a server left running by an earlier launcher that died without cleaning up (its pid file remains and the
 * process still runs the same command), so the new one can take the port and the data files.
 */
export async function stopStaleServer(pidFile: string, progress: Progress): Promise<void> {
  let content: string;
  try {
    content = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const [pidText, command] = content.split('\n');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 1 || !command) return void fs.rmSync(pidFile, { force: true });
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  } catch {
    // No such process (or no /proc): nothing to stop.
  }
  if (cmdline === command) {
    progress(`stopping a server left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  fs.rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` until it answers true; fails at the time-out, or at once if the process exits, with its log's end. */
export async function waitUntilReady(
  server: ServerProcess,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: string | undefined;
  void server.exited.then((c) => (exitedWith = c));
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(
        `${server.name} exited (${exitedWith}) before it was ready; end of ${server.logFile}:\n${tail(server.logFile)}`,
      );
    }
    if (await check().catch(() => false)) return;
    await sleep(150);
  }
  throw new Error(
    `${server.name} was not ready after ${timeoutMs} ms; end of ${server.logFile}:\n${tail(server.logFile)}`,
  );
}

/**
 * The last lines of a log file, for error messages. A Go panic's own message comes before a stack trace longer than
 * any tail, so its first line is put in front when the tail has lost it.
 */
export function tail(file: string, lines = 15): string {
  let all: string[];
  try {
    all = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  } catch {
    return '(no log)';
  }
  const end = all.slice(-lines);
  const panicAt = all.findIndex((l) => /^(panic|fatal error):/.test(l));
  return panicAt >= 0 && panicAt < all.length - lines
    ? [all[panicAt], '\t…', ...end].join('\n')
    : end.join('\n');
}

/**
 * A TCP port that was free a moment ago on 127.0.0.1, chosen below the kernel's ephemeral range. The servers pick
 * their own internal ports (Temporal's history, matching, metrics and HTTP ports) from that range with bind(0), after
 * ours were chosen and released but before every one of ours is bound again; a port of ours inside the range can be
 * handed to them, and the later bind fails. A port is handed out once per process.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 10000 + Math.floor(Math.random() * (low - 10000));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free TCP port found between 10000 and ${low}`);
}

const handedOut = new Set<number>();

/** The first port of the kernel's ephemeral range (Linux), or the IANA one elsewhere. */
function ephemeralLow(): number {
  try {
    const low = Number(
      fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    return low > 11000 ? low : 49152;
  } catch {
    return 49152;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
