/** Filing and reading over HTTP, against the real Temporal dev server and the real MongoDB-protocol server. */
import { WorkflowNotFoundError } from '@temporalio/client';
import { createRepositories } from '../../src/db';
import { connectMongo, pingMongo } from '../../src/db/connection';
import { createApp } from '../../src/gateway/app';
import { AuthService } from '../../src/gateway/auth';
import { createLogger } from '../../src/logger';
import { connectInitiativeService } from '../../src/temporal/client';
import { dataConverterFor, EncryptionCodec, resolveKeyRing } from '../../src/temporal/codec';
import { api, eventually, login, serverAddresses } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();
let submitter: string;
beforeAll(async () => {
  submitter = await login(h, 'giaovien.thcs');
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function dossier(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Số hoá sổ điểm của trường',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: daysAgo(30),
    summary: 'Quét, lưu và tra cứu sổ điểm trên máy tính.',
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 60 },
      { fullName: 'Trần Văn Nam', sharePercent: 40 },
    ],
    ...overrides,
  };
}

const file = (body: unknown, headers: Record<string, string> = {}) =>
  api(h, submitter, 'POST', '/api/v1/initiatives', body, headers);
const get = (path: string, token: string | null = submitter) => api(h, token, 'GET', path);

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
    const res = await get('/healthz', null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('when Temporal and MongoDB answer, then /readyz is 200 with both up', async () => {
    const res = await get('/readyz', null);
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ temporal: 'up', mongodb: 'up' });
  });

  test('when MongoDB is unreachable, then /readyz is 503 and names it', async () => {
    const { temporalAddress, mongoUri } = serverAddresses();
    const mongo = await connectMongo(mongoUri, h.config.mongo.dbName);
    const temporal = await connectInitiativeService(temporalAddress, 'default', h.config.temporal.taskQueue, {
      dataConverter: dataConverterFor(h.config),
    });
    const repos = createRepositories(mongo);
    await mongo.close(); // the database connection is gone, as when the server stops
    const app = createApp({
      logger: createLogger('silent'),
      initiatives: temporal.service,
      repos,
      codec: new EncryptionCodec(resolveKeyRing(h.config)),
      auth: new AuthService('x'.repeat(32), repos.directory, repos.sessions, {
        accessSeconds: 60,
        refreshSeconds: 60,
      }),
      mongoReachable: () => pingMongo(mongo),
      loginRateLimit: 10,
      version: 'test',
      attachments: { maxFileBytes: 1024, maxCaseBytes: 2048 },
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
  test('when a valid dossier is posted, then its workflow starts, the case page shows it at once and the list has it', async () => {
    const created = await file(dossier({ id: 'e2e-create-1' }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'e2e-create-1',
      code: expect.stringMatching(/^SK-\d{4}-\d{4}$/),
      status: 'OPEN',
      stage: 'UNIT_RECOMMENDATION',
    });
    expect(created.headers.get('location')).toBe('/api/v1/initiatives/e2e-create-1');
    expect(await workflowExists('e2e-create-1')).toBe(true);

    // The filing answers once the case is in the read model: the filer's next read finds it.
    const live = await get('/api/v1/initiatives/e2e-create-1');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      revision: expect.any(Number),
      initiativeId: 'e2e-create-1',
      status: 'OPEN',
      stage: 'UNIT_RECOMMENDATION',
      waitingOn: { role: 'UNIT_HEAD', unitId: 'truong-thcs' },
      dossier: { title: 'Số hoá sổ điểm của trường' },
      filedBy: { personId: 'p-gv-thcs' },
    });
    const listed = await eventually(async () => {
      const list = await get('/api/v1/initiatives?unitId=truong-thcs');
      return list.body.items.find((i: { id: string }) => i.id === 'e2e-create-1');
    });
    expect(listed).toMatchObject({
      title: 'Số hoá sổ điểm của trường',
      stage: 'UNIT_RECOMMENDATION',
      status: 'OPEN',
      overdue: false,
    });
  });

  test('when no id is given, then the gateway assigns one and the case can be read back', async () => {
    const created = await file(dossier());
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const live = await eventually(async () => {
      const r = await get(`/api/v1/initiatives/${created.body.id}`);
      return r.status === 200 ? r : undefined;
    });
    expect(live.body.initiativeId).toBe(created.body.id);
  });

  test('when the same id is filed twice, then the second is refused with 409 and one workflow exists', async () => {
    expect((await file(dossier({ id: 'e2e-dup-1' }))).status).toBe(201);
    const second = await file(dossier({ id: 'e2e-dup-1', title: 'Bản khác' }));
    expect(second.status).toBe(409);
    expect(second.type).toContain('application/problem+json');
    expect(second.body.code).toBe('INITIATIVE_ALREADY_EXISTS');
    const st = await h.client.workflow.getHandle('initiative:e2e-dup-1').describe();
    expect(st.status.name).toBe('RUNNING');
  });

  test('when a retried filing carries the same Idempotency-Key, then it gets the first answer and starts nothing new', async () => {
    const key = `key-${Date.now()}`;
    const first = await file(dossier(), { 'Idempotency-Key': key });
    const retry = await file(dossier(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await file(dossier({ title: 'Khác' }), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
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
      const res = await file(dossier({ id, ...change }));
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(typeof res.body.detail).toBe('string');
      expect(await workflowExists(id)).toBe(false);
    },
  );

  test('when the body is not JSON, then 400 MALFORMED_JSON', async () => {
    const res = await file('{"title": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  test('when a submitter files for another unit, then 403 OUT_OF_SCOPE and nothing starts', async () => {
    const res = await file(dossier({ id: 'e2e-other-unit', unitId: 'tram-y-te' }));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
    expect(await workflowExists('e2e-other-unit')).toBe(false);
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

  test('when the list is paged and searched without diacritics, then total counts every match', async () => {
    for (const id of ['e2e-page-1', 'e2e-page-2', 'e2e-page-3']) {
      expect((await file(dossier({ id, title: `Đổi mới quản lý thư viện ${id}` }))).status).toBe(201);
    }
    const page = await eventually(async () => {
      const r = await get('/api/v1/initiatives?q=doi%20moi%20QUAN%20LY&limit=2');
      return r.body.total === 3 ? r.body : undefined;
    });
    expect(page.items).toHaveLength(2);
    const rest = await get('/api/v1/initiatives?q=doi%20moi%20quan%20ly&limit=2&offset=2');
    expect(rest.body.items).toHaveLength(1);
  });

  test('when someone without a part in a case reads it, then 404 (its existence is not revealed)', async () => {
    const other = await login(h, 'truongtram.yte');
    const res = await get('/api/v1/initiatives/e2e-create-1', other);
    expect(res.status).toBe(404);
    const list = await get('/api/v1/initiatives', other);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain('e2e-create-1');
  });

  test('when no token is given, then 401 UNAUTHENTICATED', async () => {
    const res = await get('/api/v1/initiatives', null);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
