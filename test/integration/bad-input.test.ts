/**
 * A corpus of malformed requests against every endpoint: broken JSON, wrong types, unknown fields, oversize bodies,
 * operator injection, unknown ids, wrong-stage decisions. Every answer is a 4xx problem: no 5xx, no write, no start.
 */
import type { Route } from '../../src/gateway/registry';
import { api, eventually, login, startHarness } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { concretePath, declaredRoutes, DEMO_BY_ROLE } from '../support/routes';

const h = useHarness();
const tokens: Record<string, string> = {};
let caseId: string;
beforeAll(async () => {
  for (const p of Object.values(DEMO_BY_ROLE)) tokens[p.username] = await login(h, p.username);
  const filed = await api(h, tokens['giaovien.thcs']!, 'POST', '/api/v1/initiatives', {
    title: 'Hòm thư góp ý điện tử',
    unitId: 'truong-thcs',
    field: 'Cải cách hành chính',
    firstAppliedOn: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Nhận góp ý của phụ huynh qua mã QR.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  caseId = filed.body.id;
  await eventually(async () => (await h.repos.cases.findById(caseId)) ?? undefined);
});

/** A caller who passes the route's role gate. */
function callerOf(r: Route): string | null {
  if (r.access === 'public') return null;
  if (r.access === 'authenticated') return tokens['giamsat']!;
  const p = Object.values(DEMO_BY_ROLE).find((x) =>
    (r.access as readonly string[]).some((a) => (x.roles as readonly string[]).includes(a)),
  )!;
  return tokens[p.username]!;
}

async function snapshot() {
  let workflows = 0;
  // Only this file's workflows: other test files run at the same time on the same server.
  for await (const _ of h.client.workflow.list({ query: `TaskQueue = '${h.config.temporal.taskQueue}'` }))
    workflows++;
  return {
    cases: await h.repos.cases.model.countDocuments(),
    legal: await h.repos.legalRecord.model.countDocuments(),
    people: await h.repos.directory.people.countDocuments(),
    units: await h.repos.directory.units.countDocuments(),
    packs: await h.repos.rulePacks.model.countDocuments(),
    workflows,
  };
}

const big = JSON.stringify({ title: 'x'.repeat(300 * 1024) });

test('when every endpoint gets malformed requests, then each answer is a 4xx problem and nothing is written', async () => {
  const before = await snapshot();
  const failures: string[] = [];
  const routes = declaredRoutes();
  for (const r of routes) {
    const token = callerOf(r);
    const path = concretePath(r.path, { id: caseId });
    const attempts: { what: string; path: string; body?: unknown; expect?: number[] }[] = [];
    if (r.method !== 'get') {
      attempts.push(
        { what: 'broken JSON', path, body: '{"a": ', expect: [400] },
        { what: 'array body', path, body: '[1,2]', expect: [400] },
        { what: 'number body', path, body: '42', expect: [400] },
        { what: 'unknown field', path, body: { unexpectedField: 'x' }, expect: [400] },
        { what: 'operator object', path, body: { $gt: '' }, expect: [400] },
        {
          what: 'operator in fields',
          path,
          body: { outcome: { $ne: null }, reason: { $gt: '' }, username: { $gt: '' }, password: { $gt: '' } },
          expect: [400],
        },
        { what: 'oversize body', path, body: big, expect: [413] },
      );
    }
    if (r.path.includes(':id')) {
      attempts.push(
        {
          what: 'operator in id',
          path: concretePath(r.path, { id: encodeURIComponent('{"$gt":""}') }),
          body: r.method === 'get' ? undefined : {},
          expect: [400],
        },
        {
          what: 'unknown id',
          path: concretePath(r.path, { id: 'khong-ton-tai-123' }),
          body: r.method === 'get' ? undefined : {},
        },
      );
    }
    if (r.method === 'get' && r.query) {
      attempts.push({ what: 'operator in query', path: `${path}?unitId[$gt]=&limit=abc`, expect: [400] });
    }
    if (r.multipart) for (const a of attempts) if (a.expect?.includes(400)) a.expect.push(415); // not multipart at all
    for (const a of attempts) {
      const res = await api(h, token, r.method.toUpperCase(), a.path, a.body);
      const ok =
        res.status >= 400 &&
        res.status < 500 &&
        res.type.includes('application/problem+json') &&
        typeof res.body?.code === 'string' &&
        (!a.expect || a.expect.includes(res.status));
      if (!ok)
        failures.push(
          `${r.method.toUpperCase()} ${r.path} [${a.what}] → ${res.status} ${res.body?.code ?? res.type}`,
        );
    }
  }
  expect(failures).toEqual([]);
  expect(await snapshot()).toEqual(before);
});

test('when decisions come for an unknown case or at the wrong stage, then 404 and 409 with stable codes', async () => {
  const unknown = await api(
    h,
    tokens['thuky']!,
    'POST',
    '/api/v1/initiatives/khong-ton-tai-456/registration',
    {},
  );
  expect(unknown).toMatchObject({ status: 404, body: { code: 'INITIATIVE_NOT_FOUND' } });
  const wrongStage = await api(h, tokens['thuky']!, 'POST', `/api/v1/initiatives/${caseId}/registration`, {});
  expect(wrongStage).toMatchObject({ status: 409, body: { code: 'WRONG_STEP' } });
  expect(wrongStage.body.detail).toContain('UNIT_REVIEW');
});

test('when sign-in is attempted too often from one address, then 429 TOO_MANY_ATTEMPTS', async () => {
  process.env['TEST_LOGIN_RATE_LIMIT'] = '3';
  const limited = await startHarness();
  delete process.env['TEST_LOGIN_RATE_LIMIT'];
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await api(limited, null, 'POST', '/api/v1/auth/login', {
            username: 'giamsat',
            password: 'sai-mat-khau',
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const blocked = await api(limited, null, 'POST', '/api/v1/auth/login', {
      username: 'giamsat',
      password: limited.config.demoPassword,
    });
    expect(blocked).toMatchObject({ status: 429, body: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(blocked.type).toContain('application/problem+json');
  } finally {
    await limited.stop();
  }
});

// Regressions found by fuzzing the OpenAPI document (Schemathesis).
test('when a report is asked for a date that does not exist, then 400 and no report workflow starts', async () => {
  const supervisor = tokens['giamsat']!;
  for (const q of [
    'from=0000-00-00&to=0000-00-00',
    'from=2026-02-30&to=2026-03-01',
    'from=2026-05-01&to=2026-04-01',
  ]) {
    const res = await api(h, supervisor, 'GET', `/api/v1/reports/summary?${q}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  }
  let reports = 0;
  const before = await (async () => {
    for await (const _ of h.client.workflow.list({
      query: `WorkflowType = 'summaryReportWorkflow' AND TaskQueue = '${h.config.temporal.taskQueue}'`,
    }))
      reports++;
    return reports;
  })();
  const posted = await api(h, supervisor, 'POST', '/api/v1/reports/summary', {
    from: '0000-00-00',
    to: '0000-00-00',
  });
  expect(posted.status).toBe(400);
  let after = 0;
  for await (const _ of h.client.workflow.list({
    query: `WorkflowType = 'summaryReportWorkflow' AND TaskQueue = '${h.config.temporal.taskQueue}'`,
  }))
    after++;
  expect(after).toBe(before);
});

test('when a refused POST is retried with the same Idempotency-Key, then the replayed answer is still a problem document', async () => {
  const first = await api(
    h,
    null,
    'POST',
    '/api/v1/auth/refresh',
    { refreshToken: 'x'.repeat(40) },
    { 'Idempotency-Key': 'retry-refresh-1' },
  );
  const again = await api(
    h,
    null,
    'POST',
    '/api/v1/auth/refresh',
    { refreshToken: 'x'.repeat(40) },
    { 'Idempotency-Key': 'retry-refresh-1' },
  );
  expect([first.status, again.status]).toEqual([401, 401]);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.type).toContain('application/problem+json');
  const { requestId: _r, ...firstAnswer } = first.body;
  expect(again.body).toEqual(firstAnswer);
});

test('when first application is longer ago than the rule pack’s time bar, then 400 on that field and no case starts', async () => {
  const before = await h.repos.cases.model.countDocuments();
  const r = await api(h, tokens['giaovien.thcs']!, 'POST', '/api/v1/initiatives', {
    title: 'Sáng kiến đã áp dụng quá lâu',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: '2024-01-15',
    summary: 'Áp dụng từ đầu năm 2024.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  expect(r.status).toBe(400);
  expect(r.body.errors).toEqual([
    {
      path: 'body.firstAppliedOn',
      message:
        'Đã quá 12 tháng kể từ ngày áp dụng lần đầu (hạn cuối 15/01/2025): quyền yêu cầu công nhận đã hết (Điều 5.2 Nghị định 13/2012/NĐ-CP)',
    },
  ]);
  expect(await h.repos.cases.model.countDocuments()).toBe(before);
});
