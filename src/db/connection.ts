/** One mongoose connection per process, created from the configured or launched URI, and kept able to reconnect. */
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';

// While the database is down, an operation waits at most 3 s for it (instead of mongoose's 10 s) and then fails, so
// a request gets a clear 503 instead of hanging.
mongoose.set('bufferTimeoutMS', 3_000);

function connectOptions(dbName: string): mongoose.ConnectOptions {
  return {
    dbName,
    serverSelectionTimeoutMS: 5_000,
    // FerretDB v1 has no multi-document transactions or retryable writes; every write here is idempotent instead.
    retryWrites: false,
    autoIndex: true,
  };
}

/** Opens a dedicated connection (not the global default, so tests and processes stay independent). */
export async function connectMongo(uri: string, dbName: string): Promise<mongoose.Connection> {
  const conn = mongoose.createConnection(uri, connectOptions(dbName));
  await conn.asPromise();
  return conn;
}

/** Answers whether the database responds to a ping within the time-out. */
export async function pingMongo(conn: mongoose.Connection, timeoutMs = 2_000): Promise<boolean> {
  const db = conn.db;
  if (!db || conn.readyState !== mongoose.ConnectionStates.connected) return false;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** Answers whether a fresh client (its own monitor and pool) reaches the server at this URI. */
export async function probeMongo(uri: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** A running watch; `stop` ends it (call it before closing the connection). */
export interface MongoWatch {
  stop(): void;
  /** How many times the connection was reopened. */
  readonly reopened: number;
}

/**
 * Keeps a connection able to reach a server that is up. The driver's monitor normally sees a restarted server within
 * a heartbeat, and the connection recovers by itself. In the fault suite, though, a process now and then went on seeing
 * FerretDB as unreachable for minutes after it came back (every operation a server-selection time-out), while a fresh
 * client reached it at once. So: when this connection fails its ping but a fresh client gets an answer, for longer
 * than `stuckMs`, the connection is closed and reopened on the same URI. The models stay bound to it; operations in
 * between wait in mongoose's buffer or fail as "unavailable" (a 503, an activity retry), and are retried.
 */
export function watchMongo(
  conn: mongoose.Connection,
  uri: string,
  dbName: string,
  log: (message: string, details: Record<string, unknown>) => void,
  opts: { everyMs?: number; stuckMs?: number } = {},
): MongoWatch {
  const everyMs = opts.everyMs ?? 5_000;
  const stuckMs = opts.stuckMs ?? 15_000;
  let stopped = false;
  let stuckSince: number | null = null;
  let reopened = 0;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    if (await pingMongo(conn)) {
      stuckSince = null;
      return;
    }
    // The server itself may be down: nothing to reopen then, the driver reconnects when it is back.
    if (stopped || !(await probeMongo(uri))) {
      stuckSince = null;
      return;
    }
    stuckSince ??= Date.now();
    if (stopped || Date.now() - stuckSince < stuckMs) return;
    log('database reachable but this connection is not: reopening it', {
      stuckForMs: Date.now() - stuckSince,
      readyState: conn.readyState,
      monitor: monitorState(conn),
    });
    await conn.close().catch(() => undefined);
    if (stopped) return;
    await conn.openUri(uri, connectOptions(dbName));
    reopened++;
    stuckSince = null;
    log('database connection reopened', { reopened });
  };
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      check()
        .catch((err: unknown) => log('database watch failed', { err: String(err) }))
        .finally(loop);
    }, everyMs);
    timer.unref();
  };
  loop();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    get reopened() {
      return reopened;
    },
  };
}

/** What the log shows of a server as the driver sees it (internal fields of the driver, read defensively). */
interface ServerInternals {
  description?: { type?: string; error?: { message?: string } | null };
  monitor?: {
    s?: { state?: string };
    monitorId?: { toJSON?: () => unknown };
    connection?: { closed?: boolean } | null;
  };
}

/** The driver's view of the server and its monitor, for the log. */
function monitorState(conn: mongoose.Connection): unknown {
  try {
    const client = conn.getClient() as unknown as {
      topology?: { s?: { servers?: Map<string, ServerInternals> } };
    };
    return [...(client.topology?.s?.servers?.values() ?? [])].map((server) => ({
      type: server.description?.type,
      error: server.description?.error?.message ?? null,
      monitorState: server.monitor?.s?.state,
      interval: server.monitor?.monitorId?.toJSON?.(),
      monitorConnection: server.monitor?.connection ? { closed: server.monitor.connection.closed } : null,
    }));
  } catch (err) {
    return String(err);
  }
}
