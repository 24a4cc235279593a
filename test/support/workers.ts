/** Workers split by kind, for tests that kill or withhold one kind: a workflow-only process, an in-process worker. */
import { spawn, type ChildProcess } from 'node:child_process';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { serverAddresses, testDataConverter } from './harness';

/** A worker process that runs the workflows only: their activities wait in the queue while it lives. */
export function workflowWorkerProcess(taskQueue: string): ChildProcess {
  const script = [
    "const { NativeConnection, Worker } = require('@temporalio/worker');",
    `const { dataConverterFor } = require(${JSON.stringify(require.resolve('../../src/temporal/codec'))});`,
    `const { loadConfig } = require(${JSON.stringify(require.resolve('../../src/config'))});`,
    '(async () => {',
    '  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });',
    `  const worker = await Worker.create({ connection, taskQueue: '${taskQueue}', workflowsPath: ${JSON.stringify(require.resolve('../../workflows'))}, dataConverter: dataConverterFor(loadConfig({ ...process.env, NODE_ENV: 'test' })) });`,
    '  await worker.run();',
    '})();',
  ].join('\n');
  return spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
}

/** A worker in this process on the queue: the real activities only (on `deps`' database), or the workflows only. */
export async function inProcessWorker(
  taskQueue: string,
  kind: { activities: Omit<ActivityDeps, 'afterRecord'> } | 'workflows',
): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: serverAddresses().temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    dataConverter: testDataConverter(),
    ...(kind === 'workflows'
      ? { workflowsPath: require.resolve('../../workflows') }
      : { activities: createActivities(kind.activities) }),
  });
  const done = worker.run();
  return async () => {
    worker.shutdown();
    await done;
    await connection.close();
  };
}
