/**
 * MongoDB-protocol servers the benchmarks start besides the default one: FerretDB on a given backend, and a private
 * PostgreSQL 15 cluster (Debian's `postgresql` package) for FerretDB's PostgreSQL backend.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { connectMongo } from '../src/db/connection';
import { resolveFerretDb } from '../dev/servers/binaries';
import { freePort, spawnServer, waitUntilReady, type ServerProcess } from '../dev/servers/process';
import { say } from './support';

/** Where Debian's PostgreSQL 15 lives. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Starts FerretDB with a backend; returns its URI and how to stop it. */
export async function ferret(
  dir: string,
  args: string[],
  name: string,
): Promise<{ uri: string; server: ServerProcess }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const binary = await resolveFerretDb({ cacheDir: config.cacheDir }, say);
  const port = await freePort();
  const server = spawnServer({
    name,
    command: binary,
    args: ['-listen-addr', `127.0.0.1:${port}`, ...args],
    logFile: path.join(dir, 'logs', `${name}.log`),
    pidFile: path.join(dir, 'pids', `${name}.pid`),
  });
  const uri = `mongodb://127.0.0.1:${port}/`;
  await waitUntilReady(
    server,
    async () => {
      const c = await connectMongo(uri, 'admin');
      await c.close();
      return true;
    },
    60_000,
  );
  return { uri, server };
}

/** A private PostgreSQL 15 cluster under `dir`, run as the postgres user (it refuses to run as root). */
export async function postgres(
  dir: string,
): Promise<{ url: string; server: ServerProcess; socketDir: string; port: number }> {
  const data = path.join(dir, 'pg');
  fs.mkdirSync(data, { recursive: true });
  spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const asPg = (cmd: string, args: string[]) =>
    os.userInfo().uid === 0
      ? { command: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] }
      : { command: cmd, args };
  const init = asPg(`${PG_BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const r = spawnSync(init.command, init.args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`);
  const port = await freePort();
  const run = asPg(`${PG_BIN}/postgres`, [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    data,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const server = spawnServer({
    name: 'postgresql',
    command: run.command,
    args: run.args,
    logFile: path.join(dir, 'logs', 'postgresql.log'),
    pidFile: path.join(dir, 'pids', 'postgresql.pid'),
  });
  await waitUntilReady(
    server,
    () =>
      Promise.resolve(
        spawnSync(`${PG_BIN}/pg_isready`, ['-h', '127.0.0.1', '-p', String(port)]).status === 0,
      ),
    60_000,
  );
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, server, socketDir: data, port };
}

/**
 * FerretDB v1.24 on PostgreSQL filters an equality, `_id` included, with `_jsonb->'field' @> value`, which the btree
 * indexes it creates cannot serve: every lookup reads the whole table (and a stored document's PDF with it). A GIN
 * index on `(_jsonb->'_id')` can. This adds one to every collection's table that lacks it, every `everyMs` (FerretDB
 * creates a table at a collection's first insert), until the returned function is called.
 */
export function indexIdsEvery(pg: { socketDir: string; port: number }, everyMs: number): () => void {
  const psql = (sql: string) => {
    const args = ['-h', pg.socketDir, '-p', String(pg.port), '-U', 'postgres', '-d', 'postgres', '-Atc', sql];
    const cmd =
      os.userInfo().uid === 0
        ? ['runuser', '-u', 'postgres', '--', `${PG_BIN}/psql`, ...args]
        : [`${PG_BIN}/psql`, ...args];
    return spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' }).stdout;
  };
  const run = () => {
    const missing = psql(
      "select format('%I.%I', schemaname, relname) from pg_stat_user_tables t where relname not like '\\_ferretdb%' " +
        'and not exists (select 1 from pg_indexes i where i.schemaname = t.schemaname and i.tablename = t.relname ' +
        "and i.indexname = t.relname || '_id_gin')",
    )
      .split('\n')
      .filter(Boolean);
    for (const table of missing) {
      const name = table.split('.')[1]!.replace(/"/g, '');
      psql(
        `create index concurrently if not exists "${name}_id_gin" on ${table} using gin ((_jsonb->'_id'))`,
      );
    }
  };
  run();
  const timer = setInterval(run, everyMs);
  return () => clearInterval(timer);
}
