/** The walking skeleton over HTTP, against the real Temporal dev server and the real MongoDB-protocol server. */
import { WorkflowNotFoundError } from '@temporalio/client';
import { connectMongo, pingMongo } from '../../src/db/connection';
import { createApp } from '../../src/gateway/app';
import { createLogger } from '../../src/logger';
import { createRepositories } from '../../src/db';
import { connectInitiativeService } from '../../src/temporal/client';
import { eventually, serverAddresses, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const today = new Date();
const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);

function dossier(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Số hoá hồ sơ một cửa',
    unitId: 'van-phong-ubnd',
    field: 'Cải cách hành chính',
    firstAppliedOn: daysAgo(30),
    summary: 'Quét, lưu và tra cứu hồ sơ một cửa trên máy tính.',
    authors: [
      { fullName: 'Nguyễn Thị Hương Trà', sharePercent: 60 },
      { fullName: 'Trần Văn Nam', sharePercent: 40 },
    ],
    ...overrides,
  };
}

async function post(body: unknown, path = '/api/v1/initiatives') {
  const res = await fetch(h.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    body: (await res.json()) as any,
  };
}

async function get(path: string) {
  const res = await fetch(h.url + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
}

async function workflowExists(id: string): Promise<boolean> {
  try {
    await h.client.workflow.getHandle(`initiative:${id}`).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

describe('health', () => {
  test('when the gateway runs, then /healthz answers ok', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('when Temporal and MongoDB answer, then /readyz is 200 with both up', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ temporal: 'up', mongodb: 'up' });
  });

  test('when MongoDB is unreachable, then /readyz is 503 and names it', async () => {
    const { temporalAddress, mongoUri } = serverAddresses();
    const mongo = await connectMongo(mongoUri, h.config.mongo.dbName);
    const temporal = await connectInitiativeService(temporalAddress, 'default', h.config.temporal.taskQueue);
    await mongo.close(); // the database connection is gone, as when the server stops
    const app = createApp({
      logger: createLogger('silent'),
      initiatives: temporal.service,
      ...createRepositories(mongo),
      mongoReachable: () => pingMongo(mongo),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        checks: { temporal: 'up', mongodb: 'down' },
      });
    } finally {
      server.close();
      await temporal.connection.close();
    }
  });
});

describe('filing an initiative', () => {
  test('when a valid dossier is posted, then its workflow starts, the query shows it and the list has it', async () => {
    const created = await post(dossier({ id: 'e2e-create-1' }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'e2e-create-1', status: 'OPEN', stage: 'UNIT_RECOMMENDATION' });
    expect(created.headers.get('location')).toBe('/api/v1/initiatives/e2e-create-1');
    expect(await workflowExists('e2e-create-1')).toBe(true);

    const live = await get('/api/v1/initiatives/e2e-create-1');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      source: 'workflow',
      initiativeId: 'e2e-create-1',
      status: 'OPEN',
      stage: 'UNIT_RECOMMENDATION',
      waitingOn: { role: 'UNIT_HEAD', unitId: 'van-phong-ubnd' },
      dossier: { title: 'Số hoá hồ sơ một cửa' },
    });

    const listed = await eventually(async () => {
      const list = await get('/api/v1/initiatives?unitId=van-phong-ubnd');
      return list.body.items.find((i: { id: string }) => i.id === 'e2e-create-1');
    });
    expect(listed).toMatchObject({
      title: 'Số hoá hồ sơ một cửa',
      stage: 'UNIT_RECOMMENDATION',
      status: 'OPEN',
    });
  });

  test('when no id is given, then the gateway assigns one and the case can be read back', async () => {
    const created = await post(dossier());
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const live = await get(`/api/v1/initiatives/${created.body.id}`);
    expect(live.body.initiativeId).toBe(created.body.id);
  });

  test('when the same id is filed twice, then the second is refused with 409 and one workflow exists', async () => {
    expect((await post(dossier({ id: 'e2e-dup-1' }))).status).toBe(201);
    const second = await post(dossier({ id: 'e2e-dup-1', title: 'Bản khác' }));
    expect(second.status).toBe(409);
    expect(second.type).toContain('application/problem+json');
    expect(second.body.code).toBe('INITIATIVE_ALREADY_EXISTS');
    const live = await get('/api/v1/initiatives/e2e-dup-1');
    expect(live.body.dossier.title).toBe('Số hoá hồ sơ một cửa');
  });

  test.each([
    ['shares that do not sum to 100', { authors: [{ fullName: 'A', sharePercent: 70 }] }, 'body.authors'],
    ['a first application more than a year ago', { firstAppliedOn: daysAgo(400) }, 'body.firstAppliedOn'],
    ['a first application in the future', { firstAppliedOn: daysAgo(-3) }, 'body.firstAppliedOn'],
    ['a missing title', { title: '   ' }, 'body.title'],
    ['an unknown field', { secret: 1 }, 'body'],
    ['an operator instead of a unit id', { unitId: { $gt: '' } }, 'body.unitId'],
  ])(
    'when the dossier has %s, then 400 problem+json names the field and nothing starts',
    async (_what, change, path) => {
      const id = `e2e-bad-${Math.random().toString(36).slice(2, 10)}`;
      const res = await post(dossier({ id, ...change }));
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(typeof res.body.detail).toBe('string');
      expect(await workflowExists(id)).toBe(false);
    },
  );

  test('when the body is not JSON, then 400 MALFORMED_JSON', async () => {
    const res = await post('{"title": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });
});

describe('reading', () => {
  test('when an unknown id is read, then 404 problem+json', async () => {
    const res = await get('/api/v1/initiatives/khong-ton-tai');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('INITIATIVE_NOT_FOUND');
  });

  test('when the list query is invalid, then 400 and the bad parameter is named', async () => {
    const res = await get('/api/v1/initiatives?limit=1000&stage=NOPE');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.limit',
      'query.stage',
    ]);
  });

  test('when the list is paged, then total counts every case and the page holds at most limit', async () => {
    for (const id of ['e2e-page-1', 'e2e-page-2', 'e2e-page-3']) {
      expect((await post(dossier({ id, unitId: 'truong-thcs' }))).status).toBe(201);
    }
    const page = await eventually(async () => {
      const r = await get('/api/v1/initiatives?unitId=truong-thcs&limit=2');
      return r.body.total === 3 ? r.body : undefined;
    });
    expect(page.items).toHaveLength(2);
    const rest = await get('/api/v1/initiatives?unitId=truong-thcs&limit=2&offset=2');
    expect(rest.body.items).toHaveLength(1);
  });
});
