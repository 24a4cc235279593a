/**
 * The crash a case must survive, through the gateway: a decision's write pending, the worker that ran the case killed,
 * people reading the case and their inbox, a reminder, a fresh worker, and the next decision. The decision is taken
 * once, the legal record holds each entry once, and the history replays with the current code.
 */
import { createNotifier } from '../../src/notify';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../../src/config';
import { createRepositories, type Repositories } from '../../src/db';
import { connectMongo } from '../../src/db/connection';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import { createLogger } from '../../src/logger';
import { startWorker } from '../../worker';
import { api, eventually, serverAddresses, testDataConverter, type Harness } from '../support/harness';
import { inProcessWorker, workflowWorkerProcess } from '../support/workers';

const suffix = randomBytes(4).toString('hex');
const taskQueue = `crash-read-${suffix}`;
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  PORT: '0',
  TEMPORAL_TASK_QUEUE: taskQueue,
  MONGODB_DB: `test_${suffix}`,
  LOGIN_RATE_LIMIT: '1000',
});
const addresses = serverAddresses();
let gateway: RunningGateway;
let repos: Repositories;
let mongo: Awaited<ReturnType<typeof connectMongo>>;
let client: Client;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  mongo = await connectMongo(addresses.mongoUri, config.mongo.dbName);
  repos = createRepositories(mongo);
  await repos.rulePacks.publish(DEFAULT_RULE_PACK);
  gateway = await startGateway(config, addresses, createLogger('silent'));
  client = new Client({
    connection: await Connection.connect({ address: addresses.temporalAddress }),
    dataConverter: testDataConverter(),
  });
  for (const u of ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'giamsat']) {
    const res = await fetch(`${gateway.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: config.demoPassword }),
    });
    tokens[u] = ((await res.json()) as { accessToken: string }).accessToken;
  }
});
afterAll(async () => {
  await gateway?.stop();
  await client?.connection.close();
  await mongo?.close();
});

const as = (user: string) => {
  const h = { url: gateway.url } as Harness;
  return {
    get: (path: string) => api(h, tokens[user]!, 'GET', path),
    post: (path: string, body: unknown = {}) =>
      api(h, tokens[user]!, 'POST', path, body, { 'Idempotency-Key': randomBytes(8).toString('hex') }),
  };
};

const eventTypes = async (id: string) =>
  ((await client.workflow.getHandle(`initiative:${id}`).fetchHistory()).events ?? []).map((e) =>
    Object.keys(e).find((k) => k.endsWith('EventAttributes')),
  );

const completedActivities = async (id: string) =>
  (await eventTypes(id)).filter((t) => t === 'activityTaskCompletedEventAttributes').length;

test('when the worker dies mid-registration and people read the case, then the next decision is taken once and replays', async () => {
  const a = workflowWorkerProcess(taskQueue);
  const stopActivities = await inProcessWorker(taskQueue, {
    activities: { ...repos, commune: config.commune, notifier: createNotifier(config, repos) },
  });
  let fresh: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    const filed = await as('giaovien.thcs').post('/api/v1/initiatives', {
      title: 'Bảng theo dõi sĩ số điện tử',
      unitId: 'truong-thcs',
      field: 'Giáo dục',
      firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      summary: 'Giáo viên chủ nhiệm cập nhật sĩ số hằng ngày trên điện thoại.',
      authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
    });
    expect(filed.status).toBe(201);
    const id: string = filed.body.id;
    const path = (p: string) => `/api/v1/initiatives/${id}/${p}`;
    await eventually(async () => ((await repos.cases.findById(id)) ? true : undefined), 30_000);
    const endorsed = await as('hieutruong.thcs').post(path('unit-review'), {
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    expect(endorsed.status).toBe(200);
    await eventually(async () =>
      (await repos.cases.findById(id))?.step === 'REGISTRATION' ? true : undefined,
    );

    // The activities stop: the secretary's registration is accepted, and its register number waits in the queue.
    await stopActivities();
    const done = await completedActivities(id);
    const registered = as('thuky').post(path('registration'), {});
    await eventually(async () => {
      const events = (await client.workflow.getHandle(`initiative:${id}`).fetchHistory()).events ?? [];
      return events.some(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'registerDossier',
      )
        ? true
        : undefined;
    }, 30_000);
    // The worker that holds the case dies (its sticky queue stays, and the next task waits there until it times out).
    a.kill('SIGKILL');

    // People open the case and their inbox meanwhile; a fresh worker comes up and runs the pending activity, and the
    // task with its result waits on the dead worker's queue until it times out.
    const reads = Promise.all([
      as('thuky').get(`/api/v1/initiatives/${id}`),
      as('thuky').get('/api/v1/me/tasks'),
      as('hieutruong.thcs').get(`/api/v1/initiatives/${id}`),
    ]);
    fresh = await startWorker(config, addresses, createLogger('silent'));
    await eventually(async () => ((await completedActivities(id)) > done ? true : undefined), 30_000);
    expect((await reads).map((r) => r.status)).toEqual([200, 200, 200]);
    // The supervisor sends a reminder.
    expect((await as('giamsat').post(path('reminders'), { message: 'Đề nghị kiểm tra sớm' })).status).toBe(
      202,
    );

    // The secretary accepts the dossier as soon as it is registered.
    const accepted = await eventually(async () => {
      const r = await as('thuky').post(path('formal-check'), { outcome: 'ACCEPT' });
      return r.body?.code === 'WRONG_STEP' ? undefined : r;
    }, 60_000);
    expect(accepted.status).toBe(200);
    expect(accepted.body.state.step).toBe('COUNCIL_FORMATION');
    expect((await registered).status).toBe(200);

    // Each decision and the reminder are in the legal record once.
    const kinds = await eventually(async () => {
      const entries = await repos.legalRecord.list(id);
      return entries.some((e) => e.kind === 'ACCEPTED') ? entries.map((e) => e.kind) : undefined;
    }, 30_000);
    expect(kinds.slice(0, 2)).toEqual(['FILED', 'UNIT_ENDORSED']);
    expect([...kinds].sort()).toEqual(['ACCEPTED', 'FILED', 'REGISTERED', 'REMINDER', 'UNIT_ENDORSED']);
    expect(kinds.at(-1)).toBe('ACCEPTED');

    // The history replays with the current code.
    const history = await client.workflow.getHandle(`initiative:${id}`).fetchHistory();
    await expect(
      Worker.runReplayHistory(
        {
          workflowsPath: require.resolve('../../workflows'),
          replayName: 'crash-read',
          dataConverter: testDataConverter(),
        },
        history,
      ),
    ).resolves.toBeUndefined();
  } finally {
    a.kill('SIGKILL');
    await fresh?.stop();
  }
}, 180_000);
