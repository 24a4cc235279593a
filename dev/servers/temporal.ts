/** Temporal for this process: an external server (TEMPORAL_ADDRESS) or a dev server started here on loopback. */
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../src/contracts/search-attributes';
import { registerSearchAttributes } from '../../src/worker/search-attributes';
import { MissingServerError, resolveTemporalCli } from './binaries';
import { spawnServer, stopStaleServer, waitUntilReady, type Progress } from './process';

/** A Temporal server this process can use. */
export interface TemporalServer {
  address: string;
  /** The web UI, when there is one. */
  uiUrl: string | undefined;
  /** How it was obtained, for the banner. */
  origin: string;
  stop(): Promise<void>;
}

/** Options of the Temporal launcher. */
export interface TemporalOptions {
  address: string | undefined;
  namespace: string;
  cliPath: string | undefined;
  cacheDir: string;
  dataDir: string;
  port: number;
  uiPort: number;
  /** No web UI (tests). */
  headless: boolean;
  /** Extra `--dynamic-config-value` entries. */
  dynamicConfig: string[];
  timeoutMs: number;
}

const CLI_TYPE: Record<string, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DATETIME: 'Datetime',
  BOOL: 'Bool',
  DOUBLE: 'Double',
  KEYWORD_LIST: 'KeywordList',
};

/** Uses TEMPORAL_ADDRESS, or starts the CLI dev server with a persistent SQLite file in the data folder. */
export async function startTemporal(opts: TemporalOptions, progress: Progress): Promise<TemporalServer> {
  if (opts.address) {
    await registerSearchAttributes(opts.address, opts.namespace, progress, false);
    return {
      address: opts.address,
      uiUrl: undefined,
      origin: 'TEMPORAL_ADDRESS',
      stop: () => Promise.resolve(),
    };
  }
  const address = `127.0.0.1:${opts.port}`;
  const uiUrl = opts.headless
    ? undefined
    : `http://127.0.0.1:${opts.uiPort}/namespaces/${opts.namespace}/workflows`;
  const dbFile = path.join(opts.dataDir, 'temporal', 'temporal.sqlite');
  const extraArgs = [
    // Eager activity execution cuts each activity's dispatch from ~46 ms to ~2 ms here (infrastructure.md).
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    ...opts.dynamicConfig.flatMap((kv) => ['--dynamic-config-value', kv]),
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--log-level',
    'warn',
  ];
  const cli = await resolveTemporalCli({ cliPath: opts.cliPath, cacheDir: opts.cacheDir }, progress);
  if (!cli) return downloadAndStart(opts, dbFile, uiUrl, progress);

  const pidFile = path.join(opts.dataDir, 'pids', 'temporal.pid');
  await stopStaleServer(pidFile, progress);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--db-filename',
    dbFile,
    ...(opts.namespace === 'default' ? [] : ['--namespace', opts.namespace]),
    ...(opts.headless ? ['--headless'] : ['--ui-ip', '127.0.0.1', '--ui-port', String(opts.uiPort)]),
    ...CUSTOM_SEARCH_ATTRIBUTES.flatMap((k) => [
      '--search-attribute',
      `${k.name}=${CLI_TYPE[k.type] ?? 'Keyword'}`,
    ]),
    ...extraArgs,
  ];
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  progress(`starting Temporal dev server on ${address} (data: ${dbFile})`);
  const server = spawnServer({
    name: 'Temporal dev server',
    command: cli,
    args,
    logFile: path.join(opts.dataDir, 'logs', 'temporal.log'),
    pidFile,
  });
  try {
    await waitUntilReady(server, () => namespaceReady(address, opts.namespace), opts.timeoutMs);
    // Flags register attributes only when the database file is new; an existing file needs the operator API.
    await registerSearchAttributes(address, opts.namespace, progress, true);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { address, uiUrl, origin: cli, stop: () => server.stop() };
}

/** Last resort on a machine with internet: the CLI download that @temporalio/testing performs. */
async function downloadAndStart(
  opts: TemporalOptions,
  dbFile: string,
  uiUrl: string | undefined,
  progress: Progress,
): Promise<TemporalServer> {
  progress('no Temporal CLI found and no Go toolchain: downloading the CLI through @temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: path.join(opts.cacheDir, 'temporal-download') },
        ip: '127.0.0.1',
        port: opts.port,
        ...(opts.headless ? {} : { ui: true, uiPort: opts.uiPort }),
        dbFilename: dbFile,
        namespace: opts.namespace,
        searchAttributes: [...CUSTOM_SEARCH_ATTRIBUTES],
        extraArgs: [
          '--dynamic-config-value',
          'system.enableActivityEagerExecution=true',
          ...opts.dynamicConfig.flatMap((kv) => ['--dynamic-config-value', kv]),
        ],
      },
    });
    await registerSearchAttributes(env.address, opts.namespace, progress, true);
    return { address: env.address, uiUrl, origin: 'downloaded Temporal CLI', stop: () => env.teardown() };
  } catch (err) {
    throw new MissingServerError(
      'no Temporal server: TEMPORAL_ADDRESS is not set, no `temporal` CLI on PATH or in the cache, Go is not ' +
        `installed to build it, and the download failed (${(err as Error).message}). Install the Temporal CLI ` +
        '(https://docs.temporal.io/cli) and put it on PATH or set TEMPORAL_CLI_PATH, install Go, or set ' +
        'TEMPORAL_ADDRESS to a running server.',
    );
  }
}

async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  const conn = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await conn.withDeadline(Date.now() + 2_000, () => conn.workflowService.describeNamespace({ namespace }));
    return true;
  } finally {
    await conn.close();
  }
}
