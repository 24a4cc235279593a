/** While MongoDB is down the gateway says so (readyz 503, reads 503 in Vietnamese, no hang); when it returns, it recovers. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Schema } from 'mongoose';
import { loadConfig } from '../../src/config';
import { connectMongo, pingMongo, watchMongo } from '../../src/db/connection';
import { startGateway } from '../../src/gateway/server';
import { createLogger } from '../../src/logger';
import { startMongo } from '../../dev/servers/mongo';
import { freePort } from '../../dev/servers/process';
import { eventually, serverAddresses } from '../support/harness';

test('when the MongoDB-protocol server stops and comes back, then answers are 503 problems meanwhile and normal after', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-outage-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    MONGODB_PORT: String(port),
    PORT: '0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    MONGODB_DB: 'outage',
    MONGODB_ENGINE: 'ferretdb',
  };
  delete env['MONGODB_URI'];
  const config = loadConfig(env);
  const mongoOpts = {
    uri: undefined,
    engine: 'ferretdb' as const,
    cacheDir: config.cacheDir,
    dataDir,
    port,
    timeoutMs: 30_000,
  };
  let mongo = await startMongo(mongoOpts, () => undefined);
  const gateway = await startGateway(
    config,
    { temporalAddress: serverAddresses().temporalAddress, mongoUri: mongo.uri },
    createLogger('silent'),
  );
  const login = () =>
    fetch(`${gateway.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'giamsat', password: config.demoPassword }),
    });
  try {
    const token = ((await (await login()).json()) as { accessToken: string }).accessToken;
    const list = () =>
      fetch(`${gateway.url}/api/v1/initiatives`, { headers: { authorization: `Bearer ${token}` } });
    expect((await list()).status).toBe(200);

    await mongo.stop();
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { mongodb: 'down' } });
    const t0 = Date.now();
    const down = await list();
    expect(Date.now() - t0).toBeLessThan(15_000); // no hang
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(await down.json()).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      detail: expect.stringContaining('Cơ sở dữ liệu'),
    });

    mongo = await startMongo(mongoOpts, () => undefined); // same port, same data folder
    const back = await (async () => {
      for (let i = 0; i < 60; i++) {
        const r = await list();
        if (r.status === 200) return r;
        await new Promise((res) => setTimeout(res, 500));
      }
      return list();
    })();
    expect(back.status).toBe(200);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  } finally {
    await gateway.stop();
    await mongo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('when a connection cannot reach a server that a fresh client reaches, then the watch reopens it and the models work again', async () => {
  const { mongoUri } = serverAddresses();
  const dbName = `watch_${Date.now()}`;
  const conn = await connectMongo(mongoUri, dbName);
  const logged: string[] = [];
  const watch = watchMongo(conn, mongoUri, dbName, (m) => logged.push(m), { everyMs: 200, stuckMs: 600 });
  try {
    const Item = conn.model('WatchItem', new Schema({ _id: String, n: Number }, { versionKey: false }));
    await Item.create({ _id: 'a', n: 1 });
    // The driver underneath gives up (as a stuck monitor would leave it) while the server stays up.
    await conn.getClient().close();
    await expect(Item.findById('a').exec()).rejects.toThrow();
    const found = await eventually(async () => {
      try {
        return (await Item.findById('a').lean().exec()) ?? undefined;
      } catch {
        return undefined;
      }
    }, 20_000);
    expect(found).toEqual({ _id: 'a', n: 1 });
    expect(watch.reopened).toBe(1);
    expect(logged).toContain('database reachable but this connection is not: reopening it');
    expect(await pingMongo(conn)).toBe(true);
  } finally {
    watch.stop();
    await conn.close();
  }
});
