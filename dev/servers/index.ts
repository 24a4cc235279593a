/** The launcher: finds or starts every server the app needs; used by `npm start`, `npm run servers` and the tests. */
import fs from 'node:fs';
import type { Config } from '../../src/config';
import { startMongo, type MongoServer } from './mongo';
import type { Progress } from './process';
import { startTemporal, type TemporalServer } from './temporal';

/** The servers of one run and how to stop them. */
export interface Servers {
  temporal: TemporalServer;
  mongo: MongoServer;
  /** Stops what this launcher started (external servers are left alone), Temporal and MongoDB in parallel. */
  stop(): Promise<void>;
}

/** Starts (or finds) Temporal and MongoDB; on failure, stops whatever it had started. */
export async function startServers(
  config: Config,
  progress: Progress,
  options: { headless?: boolean } = {},
): Promise<Servers> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const timeoutMs = config.serverStartTimeoutMs;
  const [temporal, mongo] = await Promise.allSettled([
    startTemporal(
      {
        address: config.temporal.address,
        namespace: config.temporal.namespace,
        cliPath: config.temporal.cliPath,
        cacheDir: config.cacheDir,
        dataDir: config.dataDir,
        port: config.temporal.port,
        uiPort: config.temporal.uiPort,
        headless: options.headless ?? false,
        dynamicConfig: config.temporal.devDynamicConfig,
        timeoutMs,
      },
      progress,
    ),
    startMongo(
      {
        uri: config.mongo.uri,
        engine: config.mongo.engine,
        cacheDir: config.cacheDir,
        dataDir: config.dataDir,
        port: config.mongo.port,
        timeoutMs,
      },
      progress,
    ),
  ]);
  if (temporal.status === 'rejected' || mongo.status === 'rejected') {
    await Promise.all([
      temporal.status === 'fulfilled' ? temporal.value.stop() : undefined,
      mongo.status === 'fulfilled' ? mongo.value.stop() : undefined,
    ]);
    throw temporal.status === 'rejected' ? temporal.reason : (mongo as PromiseRejectedResult).reason;
  }
  return {
    temporal: temporal.value,
    mongo: mongo.value,
    async stop() {
      await Promise.all([temporal.value.stop(), mongo.value.stop()]);
    },
  };
}
