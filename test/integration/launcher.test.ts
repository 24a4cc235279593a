/** The launcher against real binaries: persistent data across restarts, clean shutdown, recovery from a crashed run. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { loadConfig, type Config } from '../../src/config';
import { startServers } from '../../dev/servers';
import { MissingServerError } from '../../dev/servers/binaries';
import { freePort } from '../../dev/servers/process';

const quiet = () => undefined;

async function isolatedConfig(dataDir: string, extra: Record<string, string> = {}): Promise<Config> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...extra };
  delete env['TEMPORAL_ADDRESS'];
  delete env['MONGODB_URI'];
  env['TEMPORAL_PORT'] ??= String(await freePort());
  env['TEMPORAL_UI_PORT'] ??= String(await freePort());
  env['MONGODB_PORT'] ??= String(await freePort());
  return loadConfig(env);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function recordedPids(dataDir: string): number[] {
  const dir = path.join(dataDir, 'pids');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => Number(fs.readFileSync(path.join(dir, f), 'utf8').split('\n')[0]));
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-launcher-'));

test('when the servers are stopped and started again on the same data folder, then the data is still there', async () => {
  const dataDir = tmp();
  const config = await isolatedConfig(dataDir);
  const first = await startServers(config, quiet, { headless: true });
  const pids = recordedPids(dataDir);
  expect(pids).toHaveLength(2);

  const mongo = new MongoClient(first.mongo.uri);
  await mongo
    .db('persist')
    .collection('things')
    .insertOne({ _id: 'kept' as never, v: 'Sáng kiến' });
  await mongo.close();
  const conn = await Connection.connect({ address: first.temporal.address });
  await new Client({ connection: conn }).workflow.start('noSuchWorkflowType', {
    workflowId: 'persisted-1',
    taskQueue: 'nobody-polls',
  });
  await conn.close();

  await first.stop();
  expect(pids.filter(alive)).toEqual([]);
  expect(recordedPids(dataDir)).toEqual([]);

  const second = await startServers(config, quiet, { headless: true });
  try {
    const again = new MongoClient(second.mongo.uri);
    expect(
      await again
        .db('persist')
        .collection('things')
        .findOne({ _id: 'kept' as never }),
    ).toMatchObject({ v: 'Sáng kiến' });
    await again.close();
    const conn2 = await Connection.connect({ address: second.temporal.address });
    const described = await new Client({ connection: conn2 }).workflow.getHandle('persisted-1').describe();
    expect(described.status.name).toBe('RUNNING');
    await conn2.close();
  } finally {
    await second.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Runs `npm run servers` as its own process and waits until it says it is running. */
async function runServersCli(dataDir: string, config: Config) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    TEMPORAL_PORT: String(config.temporal.port),
    TEMPORAL_UI_PORT: String(config.temporal.uiPort),
    MONGODB_PORT: String(config.mongo.port),
  };
  delete env['TEMPORAL_ADDRESS'];
  delete env['MONGODB_URI'];
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'dev/servers/cli.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('running; stop with Ctrl-C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`servers CLI exited ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

test('when the servers process gets SIGTERM, then it stops every server it started', async () => {
  const dataDir = tmp();
  const config = await isolatedConfig(dataDir);
  const { child, output } = await runServersCli(dataDir, config);
  expect(output()).toContain(`TEMPORAL_ADDRESS=127.0.0.1:${config.temporal.port}`);
  const pids = recordedPids(dataDir);
  expect(pids).toHaveLength(2);
  expect(pids.every(alive)).toBe(true);

  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  expect(pids.filter(alive)).toEqual([]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('when an earlier run was killed and left its servers running, then the next start replaces them', async () => {
  const dataDir = tmp();
  const config = await isolatedConfig(dataDir);
  const { child } = await runServersCli(dataDir, config);
  const orphans = recordedPids(dataDir);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL'); // no clean-up: the servers are orphaned, holding the ports and data files
  await exited;
  expect(orphans.every(alive)).toBe(true);

  const next = await startServers(config, quiet, { headless: true });
  try {
    expect(orphans.filter(alive)).toEqual([]);
    const mongo = new MongoClient(next.mongo.uri);
    await mongo.db('admin').command({ ping: 1 });
    await mongo.close();
  } finally {
    await next.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('when TEMPORAL_CLI_PATH points at nothing, then start-up fails naming the variable and starts nothing', async () => {
  const dataDir = tmp();
  const config = await isolatedConfig(dataDir, { TEMPORAL_CLI_PATH: '/nonexistent/temporal' });
  await expect(startServers(config, quiet, { headless: true })).rejects.toThrow(MissingServerError);
  await expect(startServers(config, quiet, { headless: true })).rejects.toThrow(
    /TEMPORAL_CLI_PATH=\/nonexistent\/temporal/,
  );
  expect(recordedPids(dataDir).filter(alive)).toEqual([]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
