/** The supervisor's console and the API's self-description. */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { fastPack } from '../support/lifecycle';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { declaredRoutes } from '../support/routes';

const h = useHarness();
let supervisor: string;
let submitter: string;
beforeAll(async () => {
  supervisor = await login(h, 'giamsat');
  submitter = await login(h, 'giaovien.thcs');
});

const dossier = (title: string) => ({
  title,
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Mô tả ngắn.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});

test('when a case waits past its due date, then the stuck-case list names it, who it waits on and since when', async () => {
  const admin = await login(h, 'quantri');
  const pack = {
    ...fastPack({ unitReviewSla: { seconds: 1 } }),
    version: 'stuck-fast',
    effectiveFrom: new Date(Date.now() - 1000).toISOString(),
  };
  expect((await api(h, admin, 'POST', '/api/v1/admin/rule-packs', pack)).status).toBe(201);
  // A pack version is never edited.
  expect((await api(h, admin, 'POST', '/api/v1/admin/rule-packs', pack)).body.code).toBe('RULE_PACK_EXISTS');
  const filed = await api(
    h,
    submitter,
    'POST',
    '/api/v1/initiatives',
    dossier('Bảng tin điện tử của trường'),
  );
  const id = filed.body.id as string;

  const row = await eventually(async () => {
    const r = await api(
      h,
      supervisor,
      'GET',
      '/api/v1/supervision/stuck?overdue=true&waitingOn=UNIT_HEAD&unitId=truong-thcs',
    );
    // Wait for the escalation too (it fires at expiry), so the bulk extension below does not pre-empt it.
    return r.body.items?.find(
      (x: { id: string; reasons: string[] }) =>
        x.id === id && x.reasons.some((y) => y.includes('Đã báo cáo lãnh đạo')),
    );
  }, 15_000);
  expect(row).toMatchObject({
    stage: 'UNIT_RECOMMENDATION',
    step: 'UNIT_REVIEW',
    waitingOn: {
      role: 'UNIT_HEAD',
      who: 'Thủ trưởng đơn vị',
      description: 'Thủ trưởng đơn vị xem xét hồ sơ',
    },
  });
  expect(row.overdueDays).toBeGreaterThanOrEqual(1);
  expect(Date.parse(row.since)).toBeLessThan(Date.now());
  expect(row.reasons.join(' ')).toMatch(/Quá hạn .*Đang chờ: Thủ trưởng đơn vị/);

  // Not in the list when filtered to another stage or unit.
  expect(
    (await api(h, supervisor, 'GET', '/api/v1/supervision/stuck?stage=COUNCIL_EVALUATION')).body.items.map(
      (x: { id: string }) => x.id,
    ),
  ).not.toContain(id);
  expect(
    (await api(h, supervisor, 'GET', '/api/v1/supervision/stuck?unitId=tram-y-te')).body.items.map(
      (x: { id: string }) => x.id,
    ),
  ).not.toContain(id);

  // Bulk remind and bulk extend, audited.
  const reminded = await api(h, supervisor, 'POST', '/api/v1/supervision/reminders', {
    ids: [id, 'khong-ton-tai'],
    message: 'Đề nghị xử lý ngay',
  });
  expect(reminded.body.results).toEqual([
    { id, ok: true },
    { id: 'khong-ton-tai', ok: false, code: 'INITIATIVE_NOT_FOUND' },
  ]);
  const extended = await api(h, supervisor, 'POST', '/api/v1/supervision/extensions', {
    ids: [id],
    by: { days: 3 },
    reason: 'Thủ trưởng đi công tác',
  });
  expect(extended.body.results[0]).toMatchObject({ id, ok: true });
  expect(Date.parse(extended.body.results[0].dueAt)).toBeGreaterThan(Date.now() + 2 * 86_400_000);
  expect(await h.repos.audit.model.countDocuments({ action: { $in: ['BULK_REMIND', 'BULK_EXTEND'] } })).toBe(
    2,
  );

  // Counts by stage and unit, and time in stage.
  const stats = await api(h, supervisor, 'GET', '/api/v1/supervision/stats');
  expect(stats.body.byStage.UNIT_RECOMMENDATION).toBeGreaterThanOrEqual(1);
  expect(stats.body.byUnit['truong-thcs']).toBeGreaterThanOrEqual(1);
  expect(stats.body.daysInStage.UNIT_RECOMMENDATION.cases).toBeGreaterThanOrEqual(1);

  // The supervisor's notifications include the escalation.
  const notes = await api(h, supervisor, 'GET', '/api/v1/me/notifications');
  expect(
    notes.body.items.some(
      (n: { initiativeId: string; kind: string }) => n.initiativeId === id && n.kind === 'ESCALATED',
    ),
  ).toBe(true);
});

test('when /openapi.json is fetched, then it validates as OpenAPI 3 and lists exactly the routes the app serves', async () => {
  const res = await api(h, null, 'GET', '/openapi.json');
  expect(res.status).toBe(200);
  const doc = res.body as OpenAPIV3.Document;
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  // A body over the parser's limit is a documented 413 (Schemathesis sent 480 KB of meeting minutes).
  expect(Object.keys(doc.paths['/api/v1/initiatives/{id}/meeting']?.post?.responses ?? {})).toContain('413');
  // Every operation documents 503: the database or Temporal not answering, or a decision still pending.
  for (const [p, item] of Object.entries(doc.paths))
    for (const m of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item?.[m];
      if (op)
        expect({ op: `${m} ${p}`, statuses: Object.keys(op.responses) }).toMatchObject({
          statuses: expect.arrayContaining(['503']),
        });
    }

  // What the app serves comes from Express's own routing table: a route added outside the registry shows up here.
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item ?? {})
        .filter((m) => ['get', 'post', 'patch', 'delete', 'put'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    ),
  );
  // The web app's fallback (a pattern, mounted only when web/dist is built) is not part of the API.
  const apiRoutes = h.servedRoutes().filter((r) => typeof r.path === 'string');
  const served = new Set(apiRoutes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
  expect([...served].sort()).toEqual([...documented].sort());
  expect(documented.size).toBe(declaredRoutes().length);

  const docs = await fetch(`${h.url}/docs/`);
  expect(docs.status).toBe(200);
  expect(await docs.text()).toContain('swagger-ui');
});
