/**
 * MongoDB for this process: an external server (MONGODB_URI), a real mongod through mongodb-memory-server when it can
 * be downloaded, or FerretDB (MongoDB wire protocol, SQLite backend) built from the Go module proxy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { DryMongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';
import { resolveFerretDb } from './binaries';
import { spawnServer, stopStaleServer, waitUntilReady, type Progress } from './process';

/** A MongoDB-protocol server this process can use. */
export interface MongoServer {
  uri: string;
  /** What serves it, for the banner: `external`, `mongod` or `ferretdb`. */
  engine: 'external' | 'mongod' | 'ferretdb';
  stop(): Promise<void>;
}

/** Options of the MongoDB launcher. */
export interface MongoOptions {
  uri: string | undefined;
  engine: 'auto' | 'mongod' | 'ferretdb';
  cacheDir: string;
  dataDir: string;
  port: number;
  timeoutMs: number;
}

/** Where mongodb-memory-server downloads mongod from; probed first so an offline machine falls through at once. */
const MONGOD_DOWNLOAD_HOST = 'https://fastdl.mongodb.org/';

/** Uses MONGODB_URI, or starts a server on loopback with its data in the data folder. */
export async function startMongo(opts: MongoOptions, progress: Progress): Promise<MongoServer> {
  if (opts.uri) return { uri: opts.uri, engine: 'external', stop: () => Promise.resolve() };
  if (opts.engine !== 'ferretdb') {
    const mongod = await tryMongod(opts, progress);
    if (mongod) return mongod;
    if (opts.engine === 'mongod') {
      throw new Error(
        'MONGODB_ENGINE=mongod but mongod could not be downloaded; set MONGODB_URI or MONGODB_ENGINE=auto',
      );
    }
  }
  return startFerretDb(opts, progress);
}

async function tryMongod(opts: MongoOptions, progress: Progress): Promise<MongoServer | undefined> {
  const downloadDir = path.join(opts.cacheDir, 'mongodb-binaries');
  const binaryOpts = await DryMongoBinary.generateOptions({ downloadDir });
  const cached = await DryMongoBinary.locateBinary(binaryOpts);
  if (!cached && !(await reachable(MONGOD_DOWNLOAD_HOST))) {
    progress('mongod cannot be downloaded here (no internet): using FerretDB instead');
    return undefined;
  }
  const dbPath = path.join(opts.dataDir, 'mongod');
  fs.mkdirSync(dbPath, { recursive: true });
  progress(
    cached ? `starting mongod (${cached})` : `downloading mongod ${binaryOpts.version} into ${downloadDir}`,
  );
  try {
    const server = await MongoMemoryServer.create({
      instance: { ip: '127.0.0.1', port: opts.port, dbPath, storageEngine: 'wiredTiger' },
      binary: { downloadDir },
    });
    return {
      uri: server.getUri(),
      engine: 'mongod',
      stop: async () => void (await server.stop({ doCleanup: false })),
    };
  } catch (err) {
    progress(`mongod could not start (${(err as Error).message}): using FerretDB instead`);
    return undefined;
  }
}

async function startFerretDb(opts: MongoOptions, progress: Progress): Promise<MongoServer> {
  const binary = await resolveFerretDb({ cacheDir: opts.cacheDir }, progress);
  const pidFile = path.join(opts.dataDir, 'pids', 'ferretdb.pid');
  await stopStaleServer(pidFile, progress);
  const sqliteDir = path.join(opts.dataDir, 'ferretdb');
  const uri = `mongodb://127.0.0.1:${opts.port}/`;
  progress(`starting FerretDB on 127.0.0.1:${opts.port} (data: ${sqliteDir})`);
  const server = spawnServer({
    name: 'FerretDB',
    command: binary,
    args: ['-listen-addr', `127.0.0.1:${opts.port}`, '-handler', 'sqlite', '-sqlite-dir', sqliteDir],
    logFile: path.join(opts.dataDir, 'logs', 'ferretdb.log'),
    pidFile,
  });
  try {
    await waitUntilReady(server, () => ping(uri), opts.timeoutMs);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { uri, engine: 'ferretdb', stop: () => server.stop() };
}

/** A real `ping` answer, not just an open port. */
async function ping(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}
