/** The worker's composition root: config → database → activities(deps) → Worker.create → run; graceful shutdown. */
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import type { Connection as MongoConnection } from 'mongoose';
import { createActivities, type ActivityDeps } from './activities';
import { loadConfig, type Config } from './src/config';
import { createRepositories } from './src/db';
import { DEFAULT_RULE_PACK } from './src/domain/rule-pack';
import { connectMongo, watchMongo } from './src/db/connection';
import { createLogger, type Logger } from './src/logger';
import { ensureSummarySchedule } from './src/worker/schedules';
import { registerSearchAttributes } from './src/worker/search-attributes';
import { enableWorkerMetrics, metricsTelemetry } from './src/worker/telemetry';
import { dataConverterFor } from './src/temporal/codec';
import { startNotifications } from './src/notify';

/** A running worker and how to stop it. */
export interface RunningWorker {
  /** Resolves when the worker has stopped (after stop(), or on a fatal error, which it rejects with). */
  done: Promise<void>;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * Installs the Temporal runtime once per process: signals are handled by our own code, not the runtime's, and the
 * SDK's own logs (bundler output, state changes) go through our logger at warn level and above. With
 * WORKER_METRICS_ADDRESS the runtime serves the SDK's metrics and the project's own in Prometheus format there
 * (src/worker/telemetry.ts). The runtime is one per process: the first worker's configuration holds for the process.
 */
function installRuntime(config: Config, logger: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const logLevel = config.logLevel;
  const sdkLog = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(logLevel === 'debug' ? 'DEBUG' : 'WARN', (entry) => {
      const level = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : 'debug';
      sdkLog[level](entry.meta ?? {}, entry.message);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: logLevel === 'debug' ? 'INFO' : 'WARN' }) },
      ...metricsTelemetry(config.metrics.workerAddress),
    },
  });
  if (config.metrics.workerAddress) {
    enableWorkerMetrics(Runtime.instance().metricMeter);
    logger.info({ address: config.metrics.workerAddress }, 'worker metrics served (Prometheus, /metrics)');
  }
}

/** Connects to the servers, creates the worker (bundling the workflows) and starts polling. */
export async function startWorker(
  config: Config,
  addresses: { temporalAddress: string; mongoUri: string; smtpUrl?: string | undefined },
  logger: Logger,
  options: {
    afterRecord?: ActivityDeps['afterRecord'];
    /** Tests only: workflow interceptor modules bundled with the workflow code. */
    workflowInterceptorModules?: string[];
    /** Benchmarks only: a workflows module that adds their baseline workflow to the product's. */
    workflowsPath?: string;
  } = {},
): Promise<RunningWorker> {
  installRuntime(config, logger);
  const mongo: MongoConnection = await connectMongo(addresses.mongoUri, config.mongo.dbName);
  const watch = watchMongo(mongo, addresses.mongoUri, config.mongo.dbName, (m, d) => logger.warn(d, m));
  const repos = createRepositories(mongo);
  // The default pack ships in code; publishing it is idempotent and never edits a stored version.
  await repos.rulePacks.publish(DEFAULT_RULE_PACK);
  const connection = await NativeConnection.connect({ address: addresses.temporalAddress });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath ?? require.resolve('./workflows'),
    ...(options.workflowInterceptorModules
      ? { workflowInterceptorModules: options.workflowInterceptorModules }
      : {}),
    logger: new DefaultLogger('WARN', (entry) => logger.warn(entry.meta ?? {}, entry.message)),
  });
  const dataConverter = dataConverterFor(config);
  const notifications = startNotifications(config, repos, addresses.smtpUrl, logger);
  const worker = await Worker.create({
    connection,
    dataConverter,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle,
    // Activities write to MongoDB: a bounded number at once queues the rest in Temporal instead of piling writers onto
    // the database (FerretDB on SQLite has one writer; a pile-up turned into lock errors and time-outs under load).
    maxConcurrentActivityTaskExecutions: config.worker.maxConcurrentActivities,
    activities: createActivities({
      ...repos,
      commune: config.commune,
      notifier: notifications.notifier,
      onQueued: () => notifications.sender.wake(),
      ...(options.afterRecord ? { afterRecord: options.afterRecord } : {}),
    }),
  });
  await ensureSummarySchedule(
    addresses.temporalAddress,
    config.temporal.namespace,
    config.temporal.taskQueue,
    dataConverter,
  );
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker polling');
  const done = worker.run().finally(async () => {
    await notifications.reminders.stop();
    await notifications.sender.stop();
    watch.stop();
    await connection.close();
    await mongo.close();
  });
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch(() => undefined);
    },
  };
}

/** The worker process: external servers from the environment, stopped by SIGINT or SIGTERM. */
export async function runWorkerProcess(options: { workflowsPath?: string } = {}): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.temporal.address || !config.mongo.uri) {
    logger.fatal(
      'start:worker needs TEMPORAL_ADDRESS and MONGODB_URI; use `npm start` to run everything locally',
    );
    process.exit(2);
  }
  // A server run by someone else may lack the app's search attributes; add them if this identity may.
  await registerSearchAttributes(
    config.temporal.address,
    config.temporal.namespace,
    (m) => logger.info(m),
    false,
  );
  const worker = await startWorker(
    config,
    { temporalAddress: config.temporal.address, mongoUri: config.mongo.uri },
    logger,
    options,
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    void worker.stop();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await worker.done;
}

if (require.main === module) {
  runWorkerProcess().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
