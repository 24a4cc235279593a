/** One mongoose connection per process, created from the configured or launched URI. */
import mongoose from 'mongoose';

// While the database is down, an operation waits at most 3 s for it (instead of mongoose's 10 s) and then fails, so
// a request gets a clear 503 instead of hanging.
mongoose.set('bufferTimeoutMS', 3_000);

/** Opens a dedicated connection (not the global default, so tests and processes stay independent). */
export async function connectMongo(uri: string, dbName: string): Promise<mongoose.Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 5_000,
    // FerretDB v1 has no multi-document transactions or retryable writes; every write here is idempotent instead.
    retryWrites: false,
    autoIndex: true,
  });
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
