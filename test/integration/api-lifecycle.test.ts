/**
 * One initiative's whole life cycle through the API alone, each person signed in as themselves; meanwhile the
 * gateway's Temporal client sends no workflow Query (reads come from the read model: docs/durability.md).
 */
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { fastPack } from '../support/lifecycle';
import { api, eventually, login } from '../support/harness';
import { mailsOf } from '../support/mailpit';
import { useHarness } from '../support/use-harness';

const tokens: Record<string, string> = {};
/** What the gateway's Temporal client sent, by kind. */
const sent = { queries: [] as string[], updates: 0, starts: 0 };
const counting: WorkflowClientInterceptor = {
  query: (input, next) => {
    sent.queries.push(input.queryType);
    return next(input);
  },
  startUpdate: (input, next) => {
    sent.updates++;
    return next(input);
  },
  start: (input, next) => {
    sent.starts++;
    return next(input);
  },
};
const h = useHarness({ gatewayInterceptors: { workflow: [counting] } });
beforeAll(async () => {
  for (const u of [
    'quantri',
    'giaovien.thcs',
    'hieutruong.thcs',
    'thuky',
    'chutich',
    'phochutich',
    'uyvien1',
    'uyvien2',
    'giamsat',
    'truongtram.yte',
    'hieutruong.mamnon',
  ]) {
    tokens[u] = await login(h, u);
  }
  // A rule pack with durations in seconds, published as a new version through the admin API: new filings use it.
  // Checkpoints a little later than fastPack's, so both adoptions are confirmed before the last one on a loaded machine.
  const pack = {
    ...fastPack({ replicationCheckpoints: [{ seconds: 10 }, { seconds: 16 }] }),
    version: 'api-fast',
    effectiveFrom: new Date(Date.now() - 1000).toISOString(),
  };
  const published = await api(h, tokens['quantri']!, 'POST', '/api/v1/admin/rule-packs', pack);
  expect(published.status).toBe(201);
});

const as = (user: string) => ({
  get: (path: string) => api(h, tokens[user]!, 'GET', path),
  post: (path: string, body: unknown = {}) => api(h, tokens[user]!, 'POST', path, body),
});
const scores = { novelty: 27, applicability: 26, effect: 28, replicability: 9 };

test('when each person does their part through the API, then the initiative goes from filing to COMPLETED', async () => {
  const filed = await as('giaovien.thcs').post('/api/v1/initiatives', {
    title: 'Sổ liên lạc điện tử giữa nhà trường và phụ huynh',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Gửi thông báo, điểm và lịch học qua ứng dụng thay cho sổ giấy.',
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 80 },
      { fullName: 'Lưu Văn Khánh', sharePercent: 20 },
    ],
    confidentialInfo: 'Tài khoản quản trị của ứng dụng',
  });
  expect(filed.status).toBe(201);
  const id: string = filed.body.id;
  const path = (p: string) => `/api/v1/initiatives/${id}/${p}`;
  const step = async (user: string, want: string) =>
    eventually(async () => {
      const r = await as(user).get(`/api/v1/initiatives/${id}`);
      return r.body.step === want ? r.body : undefined;
    }, 20_000);

  // The unit head finds it in their inbox, and endorses it.
  const inbox = await eventually(async () => {
    const r = await as('hieutruong.thcs').get('/api/v1/me/tasks');
    return r.body.items.find((t: { initiativeId: string }) => t.initiativeId === id);
  });
  expect(inbox).toMatchObject({
    role: 'UNIT_HEAD',
    description: 'Thủ trưởng đơn vị xem xét hồ sơ',
    overdue: false,
  });
  let r = await as('hieutruong.thcs').post(path('unit-review'), {
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ accepted: true, state: { step: 'REGISTRATION' } });

  r = await as('thuky').post(path('registration'));
  expect(r.body.state.registration.registerNo).toMatch(/\/SK$/);
  r = await as('thuky').post(path('formal-check'), { outcome: 'ACCEPT' });
  expect(r.body.state.step).toBe('COUNCIL_FORMATION');
  r = await as('chutich').post(path('council'), { councilId: 'hdsk-2026' });
  expect(r.body.state).toMatchObject({ step: 'SCORING', council: { councilId: 'hdsk-2026' } });

  // Blind scoring: a member sees only their own sheet until all are in.
  r = await as('uyvien1').post(path('scores'), { scores });
  expect(Object.keys(r.body.state.scores)).toEqual(['p-uyvien1']);
  expect(Object.keys((await as('uyvien2').get(`/api/v1/initiatives/${id}`)).body.scores)).toEqual([]);
  for (const u of ['uyvien2', 'thuky', 'chutich'])
    expect((await as(u).post(path('scores'), { scores })).status).toBe(200);

  r = await as('thuky').post(path('meeting'), {
    present: ['p-chutich', 'p-thuky', 'p-uyvien1', 'p-uyvien2'],
    votes: { 'p-chutich': 'AGREE', 'p-thuky': 'AGREE', 'p-uyvien1': 'AGREE', 'p-uyvien2': 'AGREE' },
    proposedScope: 'UNIT',
    minutes: 'Hội đồng nhất trí đề nghị công nhận.',
  });
  expect(r.body.state).toMatchObject({ stage: 'EFFECT_TRACKING', councilRecommended: true, meanScore: 90 });

  r = await as('hieutruong.thcs').post(path('effect-reports'), {
    periodEnd: new Date().toISOString().slice(0, 10),
    metrics: [{ name: 'Thời gian gửi thông báo', unit: 'giờ/tuần', baseline: 6, value: 1 }],
    monetaryBenefitVnd: 4_800_000,
    evidenceRefs: ['anh-chup-ung-dung.png'],
  });
  expect(r.status).toBe(200);
  await step('hieutruong.thcs', 'EFFECT_CONFIRMATION');
  r = await as('hieutruong.thcs').post(path('effect-confirmation'), {
    verdict: 'EFFECTIVE',
    summary: 'Phụ huynh nhận thông tin kịp thời.',
  });
  expect(r.body.state.step).toBe('DECISION');

  // Before recognition there is nothing public to volunteer for: an outsider learns nothing of the case.
  expect(
    (await as('hieutruong.mamnon').post(path('replication'), { unitIds: ['truong-mam-non'] })).status,
  ).toBe(404);
  r = await as('phochutich').post(path('decision'), { outcome: 'RECOGNISE', signerTitle: 'PHO_CHU_TICH' });
  expect(r.body.state).toMatchObject({
    stage: 'REPLICATION_FOLLOW_UP',
    decision: { outcome: 'RECOGNISED', signerTitle: 'PHO_CHU_TICH' },
  });

  r = await as('chutich').post(path('replication'), { unitIds: ['tram-y-te'], similarUnitsTotal: 3 });
  expect(r.body.state.replication.targets).toHaveLength(1);
  // The kindergarten's head, outside the case, saw it on the public list and volunteers her own school; she may not
  // volunteer a unit she does not head, and the case stays hidden from her until she has volunteered.
  expect((await as('hieutruong.mamnon').get(`/api/v1/initiatives/${id}`)).status).toBe(404);
  expect(
    (await as('hieutruong.mamnon').post(path('replication'), { unitIds: ['truong-tieu-hoc'] })).status,
  ).toBe(404);
  r = await as('hieutruong.mamnon').post(path('replication'), { unitIds: ['truong-mam-non'] });
  expect(r.status).toBe(200);
  expect(r.body.state.replication.targets.map((t: { unitId: string }) => t.unitId)).toEqual([
    'tram-y-te',
    'truong-mam-non',
  ]);
  expect((await as('hieutruong.mamnon').get(`/api/v1/initiatives/${id}`)).status).toBe(200);
  for (const [user, unit] of [
    ['truongtram.yte', 'tram-y-te'],
    ['hieutruong.mamnon', 'truong-mam-non'],
  ] as const) {
    const base = `replications/${unit}`;
    expect(
      (
        await as(user).post(path(`${base}/plan`), {
          startDate: '2026-11-01',
          plan: 'Áp dụng cho toàn đơn vị',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await as(user).post(path(`${base}/reports`), {
          periodEnd: '2026-11-25',
          metrics: [{ name: 'Thời gian', unit: 'giờ', baseline: 5, value: 2 }],
        })
      ).status,
    ).toBe(200);
    const done = await as(user).post(path(`${base}/confirmation`), {
      verdict: 'EFFECTIVE',
      summary: 'Hiệu quả',
    });
    expect(done.body).toMatchObject({ step: 'CONFIRMED', verdict: 'EFFECTIVE' });
    expect((await as(user).get(path(base))).body.step).toBe('CONFIRMED');
  }

  const final = await eventually(async () => {
    const x = await as('giamsat').get(`/api/v1/initiatives/${id}`);
    return x.body.status === 'COMPLETED' ? x.body : undefined;
  }, 40_000);
  expect(final.replication.checkpoints.at(-1)).toMatchObject({ adopted: 2, eligibleForProvince: true });

  // The legal record verifies and names the people who acted.
  const record = await eventually(async () => {
    const x = await as('giamsat').get(path('record'));
    return x.body.entries?.at(-1)?.kind === 'COMPLETED' ? x.body : undefined;
  });
  expect(record.verified).toBe(true);
  const actors = new Set(record.entries.map((e: { actorName: string }) => e.actorName));
  for (const name of ['Nguyễn Thị Hương Trà', 'Lê Văn Hùng', 'Vũ Thị Thu', 'Hoàng Văn Bình', 'Nguyễn Thị Lệ'])
    expect(actors).toContain(name);

  // The author's list shows it completed; a person of another unit still cannot see it.
  const mine = await as('giaovien.thcs').get('/api/v1/initiatives?status=COMPLETED');
  expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
  expect((await as('truongtram.yte').get(`/api/v1/initiatives/${id}/record`)).status).toBe(200); // a replication unit takes part
  expect((await api(h, await login(h, 'yta'), 'GET', `/api/v1/initiatives/${id}`)).status).toBe(404);

  // A completed recognition can still be revoked for a false dossier: recorded durably, chain intact, once only.
  const revoked = await as('chutich').post(path('revocation'), {
    reasons: 'Hồ sơ khai không trung thực về số liệu',
  });
  expect(revoked.status).toBe(200);
  expect(revoked.body.state.status).toBe('REVOKED');
  const after = await as('giamsat').get(path('record'));
  expect(after.body.entries.at(-1)).toMatchObject({ kind: 'REVOKED', actorName: 'Hoàng Văn Bình' });
  expect(after.body.verified).toBe(true);
  expect((await as('chutich').post(path('revocation'), { reasons: 'Lần hai' })).body.code).toBe(
    'CASE_CLOSED',
  );
  expect(
    (await api(h, null, 'GET', '/api/v1/public/initiatives')).body.items.map((x: { id: string }) => x.id),
  ).not.toContain(id);

  // Everyone heard of their part by e-mail: the scorers, the adopting units' heads, and the author of each decision.
  const mails = await eventually(async () => {
    const m = await mailsOf(id);
    return m.some((x) => x.subject.includes('đã bị hủy bỏ')) ? m : undefined;
  }, 20_000);
  const subjects = (u: string) =>
    mails.filter((m) => m.to.includes(`${u}@thanhthuy.example`)).map((m) => m.subject.split(':')[0]);
  expect(subjects('giaovien.thcs')).toEqual([
    '[Sáng kiến] Hồ sơ đã được tiếp nhận và vào sổ',
    '[Sáng kiến] Sáng kiến đã được công nhận',
    '[Sáng kiến] Quyết định công nhận sáng kiến đã bị hủy bỏ',
  ]);
  const recognised = mails.find((m) => m.subject.includes('đã được công nhận'))!;
  expect(recognised.text).toMatch(/Văn bản đã ban hành: số \d+\/QĐ-UBND/);
  for (const u of ['uyvien1', 'uyvien2', 'truongtram.yte', 'hieutruong.mamnon'])
    expect(subjects(u)).toContain('[Sáng kiến] Việc cần làm');
  for (const m of mails) expect(m.text).not.toContain('Tài khoản quản trị của ứng dụng');
  expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);

  // Every read above came from the read model: the gateway started workflows and sent decisions, and not one Query.
  expect(sent.starts).toBeGreaterThanOrEqual(2);
  expect(sent.updates).toBeGreaterThan(15);
  expect(sent.queries).toEqual([]);
});

test('when a person signs out, then their token stops working; a refresh token works once', async () => {
  const res = await api(h, null, 'POST', '/api/v1/auth/login', {
    username: 'giamsat',
    password: h.config.demoPassword,
  });
  expect(res.body.person).toMatchObject({ username: 'giamsat', roles: ['SUPERVISOR'] });
  expect(res.body).not.toHaveProperty('person.passwordHash');
  const refreshed = await api(h, null, 'POST', '/api/v1/auth/refresh', {
    refreshToken: res.body.refreshToken,
  });
  expect(refreshed.status).toBe(200);
  expect(
    (await api(h, null, 'POST', '/api/v1/auth/refresh', { refreshToken: res.body.refreshToken })).body.code,
  ).toBe('INVALID_REFRESH_TOKEN');
  expect((await api(h, refreshed.body.accessToken, 'GET', '/api/v1/me')).body.username).toBe('giamsat');
  expect((await api(h, refreshed.body.accessToken, 'POST', '/api/v1/auth/logout')).status).toBe(204);
  expect((await api(h, refreshed.body.accessToken, 'GET', '/api/v1/me')).status).toBe(401);
  const wrong = await api(h, null, 'POST', '/api/v1/auth/login', {
    username: 'giamsat',
    password: 'sai-mat-khau',
  });
  expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
});

test('when a council names someone the directory does not know, then 422 names them and no council is created', async () => {
  const admin = tokens['quantri']!;
  const res = await api(h, admin, 'POST', '/api/v1/admin/councils', {
    id: 'hdsk-thu',
    name: 'Hội đồng thử',
    year: 2026,
    members: [
      { personId: 'p-chutich', position: 'CHAIR' },
      { personId: 'p-thuky', position: 'SECRETARY' },
      { personId: 'nguoi-la', position: 'MEMBER' },
    ],
  });
  expect(res).toMatchObject({ status: 422, body: { code: 'UNKNOWN_PERSON' } });
  expect(res.body.detail).toContain('nguoi-la');
  expect(await h.repos.directory.councils.countDocuments({ _id: 'hdsk-thu' })).toBe(0);
  const ok = await api(h, admin, 'POST', '/api/v1/admin/councils', {
    id: 'hdsk-thu',
    name: 'Hội đồng thử',
    year: 2026,
    members: [
      { personId: 'p-chutich', position: 'CHAIR' },
      { personId: 'p-thuky', position: 'SECRETARY' },
      { personId: 'p-uyvien1', position: 'MEMBER' },
    ],
  });
  expect(ok.status).toBe(201);
  expect(ok.body.members.map((m: { fullName: string }) => m.fullName)).toEqual([
    'Hoàng Văn Bình',
    'Vũ Thị Thu',
    'Trần Quốc Toản',
  ]);
});
