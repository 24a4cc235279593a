/** Per-file test harness: a real worker and a real gateway (port 0) on the shared servers, isolated by name. */
import { randomBytes } from 'node:crypto';
import { Client, Connection, type ClientInterceptors } from '@temporalio/client';
import type { DataConverter, Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { ActivityDeps } from '../../activities';
import { loadConfig, type Config } from '../../src/config';
import { createRepositories, type Repositories } from '../../src/db';
import { connectMongo } from '../../src/db/connection';
import { IN_PROGRESS_LEASE_MS } from '../../src/db/idempotency';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import { createLogger } from '../../src/logger';
import { dataConverterFor } from '../../src/temporal/codec';
import { startWorker, type RunningWorker } from '../../worker';

/** A running worker and gateway, plus a raw Temporal client for assertions. */
export interface Harness {
  config: Config;
  url: string;
  client: Client;
  /** Method and path of every route Express serves (from its routing table). */
  servedRoutes(): { method: string; path: string }[];
  /** The same database the worker writes, for assertions on records. */
  repos: Repositories;
  stop(): Promise<void>;
}

/** The shared servers' addresses, set by the global set-up or given by the environment. */
export function serverAddresses(): { temporalAddress: string; mongoUri: string } {
  const temporalAddress = process.env['TEMPORAL_ADDRESS'];
  const mongoUri = process.env['MONGODB_URI'];
  if (!temporalAddress || !mongoUri)
    throw new Error('integration tests need the global set-up (TEMPORAL_ADDRESS, MONGODB_URI)');
  return { temporalAddress, mongoUri };
}

/** The data converter of the product's workers and clients, with the key the test processes share (.data). */
export function testDataConverter(): DataConverter {
  return dataConverterFor(loadConfig({ ...process.env, NODE_ENV: 'test' }));
}

/** Replaces every payload in a fetched history (a protobuf message) by its decoded form, in place. */
export async function decryptPayloads(node: unknown, converter: DataConverter): Promise<void> {
  if (typeof node !== 'object' || node === null || node instanceof Uint8Array) return;
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value) && key === 'payloads') {
      let decoded = value as Payload[];
      for (const codec of [...(converter.payloadCodecs ?? [])].reverse())
        decoded = await codec.decode(decoded);
      (node as Record<string, unknown>)[key] = decoded.map((p) => temporal.api.common.v1.Payload.create(p));
    } else if (Array.isArray(value)) {
      for (const item of value) await decryptPayloads(item, converter);
    } else if (value && typeof value === 'object' && 'metadata' in value && 'data' in value) {
      let decoded = [value as Payload];
      for (const codec of [...(converter.payloadCodecs ?? [])].reverse())
        decoded = await codec.decode(decoded);
      (node as Record<string, unknown>)[key] = temporal.api.common.v1.Payload.create(decoded[0]);
    } else {
      await decryptPayloads(value, converter);
    }
  }
}

/** Starts a worker on its own task queue and a gateway on its own database, so test files never see each other. */
export async function startHarness(
  options: { afterRecord?: ActivityDeps['afterRecord']; gatewayInterceptors?: ClientInterceptors } = {},
): Promise<Harness> {
  const suffix = randomBytes(4).toString('hex');
  process.env['LOG_FORMAT'] = 'json';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    PORT: '0',
    TEMPORAL_TASK_QUEUE: `test-${suffix}`,
    // Many sign-ins per test file come from one address.
    LOGIN_RATE_LIMIT: process.env['TEST_LOGIN_RATE_LIMIT'] ?? '1000',
    MONGODB_DB: `test_${suffix}`,
    // Deliveries go out at once after a write; a failed one is tried again after 0.2 s, 0.4 s…
    NOTIFY_POLL_MS: process.env['NOTIFY_POLL_MS'] ?? '1000',
    NOTIFY_RETRY_BASE_MS: process.env['NOTIFY_RETRY_BASE_MS'] ?? '200',
  });
  const addresses = serverAddresses();
  const logger = createLogger(config.logLevel);
  const worker: RunningWorker = await startWorker(config, addresses, logger, options);
  const mongo = await connectMongo(addresses.mongoUri, config.mongo.dbName);
  const gateway: RunningGateway = await startGateway(config, addresses, logger, options.gatewayInterceptors);
  const connection = await Connection.connect({ address: addresses.temporalAddress });
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverterFor(config),
  });
  return {
    config,
    url: gateway.url,
    client,
    repos: createRepositories(mongo),
    servedRoutes: () => {
      const stack = (
        gateway.app as unknown as {
          router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
        }
      ).router.stack;
      return stack.flatMap((layer) =>
        layer.route
          ? Object.keys(layer.route.methods).map((m) => ({
              method: m.toUpperCase(),
              path: layer.route!.path,
            }))
          : [],
      );
    },
    async stop() {
      await gateway.stop();
      await worker.stop();
      await connection.close();
      await mongo.close();
    },
  };
}

/** A signed-in demo person's token (the demo commune is seeded in test mode; see src/seed/demo.ts). */
export async function login(h: Harness, username: string): Promise<string> {
  const res = await fetch(`${h.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: h.config.demoPassword }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Calls the API as a signed-in person: returns status, content type and parsed body. */
export async function api(
  h: Harness,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: any; headers: Headers }> {
  const res = await fetch(h.url + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: parsed,
    headers: res.headers,
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after the time-out. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Makes a request's stored answer look as if its gateway died after the effect but before storing the answer, a lease
 * ago: a retry with the same Idempotency-Key takes the key over.
 */
export async function dieBeforeAnswer(h: Pick<Harness, 'repos'>, key: string): Promise<void> {
  const res = await h.repos.idempotency.model
    .updateOne(
      { _id: { $regex: `\\|${key}$` } },
      {
        $set: {
          state: 'IN_PROGRESS',
          status: null,
          body: null,
          createdAt: new Date(Date.now() - IN_PROGRESS_LEASE_MS - 1000),
        },
      },
    )
    .exec();
  if (res.matchedCount !== 1) throw new Error(`no stored answer for key ${key}`);
}
