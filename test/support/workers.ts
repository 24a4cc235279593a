/** Workers split by kind, for tests that kill or withhold one kind: a workflow-only process, an in-process worker. */
import { spawn, type ChildProcess } from 'node:child_process';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { serverAddresses, testDataConverter } from './harness';

/**
 * A worker process that runs the workflows and, as every workflow worker must, the case's write (recordCase, a local
 * activity there) on the database `dbName`: the other activities (registerDossier…) wait in the queue while it lives.
 */
export function workflowWorkerProcess(taskQueue: string, dbName: string): ChildProcess {
  const req = (m: string) => JSON.stringify(require.resolve(m));
  const script = [
    "const { NativeConnection, Worker } = require('@temporalio/worker');",
    `const { dataConverterFor } = require(${req('../../src/temporal/codec')});`,
    `const { loadConfig } = require(${req('../../src/config')});`,
    `const { connectMongo } = require(${req('../../src/db/connection')});`,
    `const { createRepositories } = require(${req('../../src/db')});`,
    `const { createActivities } = require(${req('../../activities')});`,
    '(async () => {',
    "  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });",
    `  const repos = createRepositories(await connectMongo(process.env.MONGODB_URI, ${JSON.stringify(dbName)}));`,
    '  const { recordCase } = createActivities({ ...repos, commune: config.commune });',
    '  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });',
    `  const worker = await Worker.create({ connection, taskQueue: '${taskQueue}', workflowsPath: ${req('../../workflows')}, activities: { recordCase }, dataConverter: dataConverterFor(config) });`,
    '  await worker.run();',
    '})();',
  ].join('\n');
  return spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
}

/**
 * A worker in this process on the queue: the real activities only (on `deps`' database), or the workflows with the
 * case's write (recordCase, their local activity), whose other activities wait for an activity worker.
 */
export async function inProcessWorker(
  taskQueue: string,
  kind: { activities: Omit<ActivityDeps, 'afterRecord'> } | { workflows: Omit<ActivityDeps, 'afterRecord'> },
): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: serverAddresses().temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    dataConverter: testDataConverter(),
    ...('workflows' in kind
      ? {
          workflowsPath: require.resolve('../../workflows'),
          activities: { recordCase: createActivities(kind.workflows).recordCase },
        }
      : { activities: createActivities(kind.activities) }),
  });
  const done = worker.run();
  return async () => {
    worker.shutdown();
    await done;
    await connection.close();
  };
}
