/** Runs the gateway alone against external servers (how production runs it): `npm run start:gateway`. */
import type { Server } from 'node:http';
import type { ClientInterceptors } from '@temporalio/client';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { loadConfig, type Config } from '../config';
import { createRepositories } from '../db';
import { connectMongo, pingMongo, watchMongo } from '../db/connection';
import { createLogger, type Logger } from '../logger';
import { connectInitiativeService } from '../temporal/client';
import { EncryptionCodec, resolveKeyRing } from '../temporal/codec';
import { DEFAULT_RULE_PACK } from '../domain/rule-pack';
import { seedDemoCommune } from '../seed/demo';
import { createApp } from './app';
import { AuthService, resolveAuthSecret } from './auth';
import { version as VERSION } from '../../package.json';

/** A listening gateway and how to stop it. */
export interface RunningGateway {
  url: string;
  app: Express;
  stop(): Promise<void>;
}

/** Connects to MongoDB and Temporal at the given addresses and listens on the configured host and port. */
export async function startGateway(
  config: Config,
  addresses: { temporalAddress: string; mongoUri: string; temporalUiUrl?: string | undefined },
  logger: Logger,
  /** Tests only: interceptors of the gateway's Temporal client (e.g. counting what it sends). */
  clientInterceptors?: ClientInterceptors,
): Promise<RunningGateway> {
  const mongo: Connection = await connectMongo(addresses.mongoUri, config.mongo.dbName);
  const watch = watchMongo(mongo, addresses.mongoUri, config.mongo.dbName, (m, d) => logger.warn(d, m));
  const codec = new EncryptionCodec(resolveKeyRing(config));
  const temporal = await connectInitiativeService(
    addresses.temporalAddress,
    config.temporal.namespace,
    config.temporal.taskQueue,
    {
      dataConverter: { payloadCodecs: [codec] },
      ...(clientInterceptors ? { interceptors: clientInterceptors } : {}),
    },
  );
  const repos = createRepositories(mongo);
  await repos.rulePacks.publish(DEFAULT_RULE_PACK);
  if (config.seedDemo) {
    const added = await seedDemoCommune(repos.directory, repos.offices, config.demoPassword);
    if (added > 0) logger.info({ added }, 'demo commune seeded');
  }
  const auth = new AuthService(resolveAuthSecret(config), repos.directory, repos.sessions, {
    accessSeconds: config.auth.accessTtlSeconds,
    refreshSeconds: config.auth.refreshTtlSeconds,
  });
  const app = createApp({
    logger,
    initiatives: temporal.service,
    repos,
    auth,
    mongoReachable: () => pingMongo(mongo),
    loginRateLimit: config.auth.loginRateLimit,
    version: VERSION,
    attachments: config.attachments,
    decisionWaitMs: config.decisionWaitMs,
    codec,
    webDir: config.webDir,
    temporalUiUrl: config.temporal.uiUrl ?? addresses.temporalUiUrl,
    metricsToken: config.metrics.token,
    commune: config.commune,
    notify: {
      webhook: config.notify.webhook !== undefined,
      publicUrl: config.notify.publicUrl,
      digestHour: config.notify.digestHour,
    },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.http.port, config.http.host, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.http.port;
  const url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
  return {
    url,
    app,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      watch.stop();
      await temporal.connection.close();
      await mongo.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.temporal.address || !config.mongo.uri) {
    logger.fatal(
      'start:gateway needs TEMPORAL_ADDRESS and MONGODB_URI; use `npm start` to run everything locally',
    );
    process.exit(2);
  }
  const gateway = await startGateway(
    config,
    { temporalAddress: config.temporal.address, mongoUri: config.mongo.uri },
    logger,
  );
  logger.info({ url: gateway.url }, 'gateway listening');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'gateway stopping');
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
