/**
 * Where the server binaries come from when the project starts its own servers (infrastructure.md):
 * an explicit path, PATH, the cache folder outside the repo, or a build from the Go module proxy into that cache.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Progress } from './process';

/** The Temporal CLI version built from the Go module proxy: the newest tag whose go.mod has no `replace`. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** The FerretDB version the wrapper module in dev/ferretdb embeds. */
export const FERRETDB_VERSION = 'v1.24.2';
/** The Mailpit version built from the Go module proxy: the mail catcher with a web inbox (embedded and test mode). */
export const MAILPIT_VERSION = 'v1.33.1';
/** The Go module of the FerretDB wrapper, kept in the repository. */
export const FERRETDB_MODULE_DIR = path.resolve(__dirname, '../ferretdb');

/** Raised when no way to obtain a server works; the message says what is missing and how to provide it. */
export class MissingServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingServerError';
  }
}

/** The first executable file called `name` on PATH, if any. */
export function findOnPath(name: string, envPath: string = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True when a `go` toolchain is available. */
export function hasGo(): boolean {
  return findOnPath('go') !== undefined;
}

/**
 * The Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the cache, then a Go build into the cache.
 * Returns undefined when none is possible (the caller then tries the SDK's download).
 */
export async function resolveTemporalCli(
  opts: { cliPath: string | undefined; cacheDir: string },
  progress: Progress,
): Promise<string | undefined> {
  if (opts.cliPath) {
    if (!isExecutable(opts.cliPath))
      throw new MissingServerError(`TEMPORAL_CLI_PATH=${opts.cliPath} is not an executable file`);
    return opts.cliPath;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const cached = path.join(opts.cacheDir, 'bin', `temporal-${TEMPORAL_CLI_VERSION}`);
  if (isExecutable(cached)) return cached;
  if (!hasGo()) return undefined;
  await goBuild(
    {
      what: `Temporal CLI ${TEMPORAL_CLI_VERSION}`,
      expected: 'about 2 to 3 minutes on 2 cores',
      args: ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`],
      producedName: 'temporal',
      target: cached,
      cwd: opts.cacheDir,
      logFile: path.join(opts.cacheDir, 'logs', 'build-temporal.log'),
    },
    progress,
  );
  return cached;
}

/** The FerretDB wrapper binary: from the cache (keyed by the wrapper's sources), else built with Go into the cache. */
export async function resolveFerretDb(opts: { cacheDir: string }, progress: Progress): Promise<string> {
  const key = sourceHash(FERRETDB_MODULE_DIR, ['go.mod', 'go.sum', 'main.go']);
  const cached = path.join(opts.cacheDir, 'bin', `ferretdb-${FERRETDB_VERSION}-${key}`);
  if (isExecutable(cached)) return cached;
  if (!hasGo()) {
    throw new MissingServerError(
      'no MongoDB server: MONGODB_URI is not set, mongod could not be downloaded, and Go is not installed to build ' +
        `FerretDB ${FERRETDB_VERSION}. Set MONGODB_URI to a running MongoDB, or install Go (https://go.dev/dl/) ` +
        'and run again.',
    );
  }
  await goBuild(
    {
      what: `FerretDB ${FERRETDB_VERSION} (wrapper module dev/ferretdb)`,
      expected: 'about 1 minute on 2 cores',
      args: ['build', '-o', '__OUT__', '.'],
      producedName: 'ferretdb',
      target: cached,
      cwd: FERRETDB_MODULE_DIR,
      logFile: path.join(opts.cacheDir, 'logs', 'build-ferretdb.log'),
    },
    progress,
  );
  return cached;
}

/** Mailpit: `mailpit` on PATH, then the cache, then a Go build into the cache; undefined when none is possible. */
export async function resolveMailpit(
  opts: { cacheDir: string },
  progress: Progress,
): Promise<string | undefined> {
  const onPath = findOnPath('mailpit');
  if (onPath) return onPath;
  const cached = path.join(opts.cacheDir, 'bin', `mailpit-${MAILPIT_VERSION}`);
  if (isExecutable(cached)) return cached;
  if (!hasGo()) return undefined;
  await goBuild(
    {
      what: `Mailpit ${MAILPIT_VERSION}`,
      expected: 'about 2 minutes on 2 cores',
      args: ['install', `github.com/axllent/mailpit@${MAILPIT_VERSION}`],
      producedName: 'mailpit',
      target: cached,
      cwd: opts.cacheDir,
      logFile: path.join(opts.cacheDir, 'logs', 'build-mailpit.log'),
    },
    progress,
  );
  return cached;
}

/** Builds with Go into a temporary folder, then moves the binary into place atomically; reports progress. */
async function goBuild(
  b: {
    what: string;
    expected: string;
    args: string[];
    producedName: string;
    target: string;
    cwd: string;
    logFile: string;
  },
  progress: Progress,
): Promise<void> {
  fs.mkdirSync(path.dirname(b.target), { recursive: true });
  fs.mkdirSync(path.dirname(b.logFile), { recursive: true });
  const tmpBin = fs.mkdtempSync(path.join(path.dirname(b.target), '.build-'));
  const out = path.join(tmpBin, b.producedName);
  const args = b.args.map((a) => (a === '__OUT__' ? out : a));
  progress(`building ${b.what} with Go (first run only, ${b.expected}); log: ${b.logFile}`);
  const started = Date.now();
  const log = fs.openSync(b.logFile, 'w');
  // Build output goes to a file: a pipe closed early (e.g. `| head`) kills the build with SIGPIPE.
  const child = spawn('go', args, {
    cwd: b.cwd,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      CGO_ENABLED: '0',
      GOTOOLCHAIN: 'local',
      GOBIN: tmpBin,
      GOFLAGS: '-buildvcs=false',
    },
  });
  fs.closeSync(log);
  const ticker = setInterval(() => {
    const downloaded = countLines(b.logFile, 'go: downloading');
    const secs = Math.round((Date.now() - started) / 1000);
    progress(
      `  still building ${b.what}: ${secs} s, ${downloaded} modules downloaded so far, then compiling`,
    );
  }, 15_000);
  const code: number | null = await new Promise((resolve) => {
    child.once('exit', (c) => resolve(c));
    child.once('error', () => resolve(-1));
  });
  clearInterval(ticker);
  if (code !== 0 || !isExecutable(out)) {
    fs.rmSync(tmpBin, { recursive: true, force: true });
    throw new MissingServerError(
      `building ${b.what} failed (exit ${code}); the Go module proxy must be reachable. End of ${b.logFile}:\n` +
        fs.readFileSync(b.logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n'),
    );
  }
  fs.renameSync(out, b.target);
  fs.rmSync(tmpBin, { recursive: true, force: true });
  progress(`built ${b.what} in ${Math.round((Date.now() - started) / 1000)} s: ${b.target}`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function sourceHash(dir: string, files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

function countLines(file: string, prefix: string): number {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(prefix)).length;
  } catch {
    return 0;
  }
}
