/** The launcher: finds or starts every server the app needs; used by `npm start`, `npm run servers` and the tests. */
import fs from 'node:fs';
import type { Config } from '../../src/config';
import { startMail, type MailServer } from './mail';
import { startMongo, type MongoServer } from './mongo';
import type { Progress } from './process';
import { startTemporal, type TemporalServer } from './temporal';

/** The servers of one run and how to stop them. */
export interface Servers {
  temporal: TemporalServer;
  mongo: MongoServer;
  mail: MailServer;
  /** Stops what this launcher started (external servers are left alone), Temporal and MongoDB in parallel. */
  stop(): Promise<void>;
}

/** Starts (or finds) Temporal, MongoDB and the mail server; on failure, stops whatever it had started. */
export async function startServers(
  config: Config,
  progress: Progress,
  options: { headless?: boolean } = {},
): Promise<Servers> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const timeoutMs = config.serverStartTimeoutMs;
  const [temporal, mongo, mail] = await Promise.allSettled([
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
    startMail(
      {
        smtpUrl: config.notify.smtpUrl,
        cacheDir: config.cacheDir,
        dataDir: config.dataDir,
        smtpPort: config.notify.smtpPort,
        uiPort: config.notify.uiPort,
        timeoutMs,
      },
      progress,
    ),
  ]);
  if (temporal.status === 'rejected' || mongo.status === 'rejected' || mail.status === 'rejected') {
    const started: PromiseSettledResult<{ stop(): Promise<void> }>[] = [temporal, mongo, mail];
    const stops: Promise<void>[] = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : []));
    await Promise.all(stops);
    throw started.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []))[0];
  }
  const [t, m, mailServer] = [temporal.value, mongo.value, mail.value];
  return {
    temporal: t,
    mongo: m,
    mail: mailServer,
    async stop() {
      await Promise.all([t.stop(), m.stop(), mailServer.stop()]);
    },
  };
}
