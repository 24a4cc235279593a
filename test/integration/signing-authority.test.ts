/**
 * The signer's capacity comes from the directory (offices and delegations of the demo commune, src/seed/demo.ts):
 * a chairman cannot sign "KT.", a vice-chairman cannot sign as "CHỦ TỊCH", and the delegation a vice-chairman
 * signs under is printed on the document and kept in the record.
 */
import { execFileSync } from 'node:child_process';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();
const tokens: Record<string, string> = {};
let id: string;
const post = (user: string, p: string, body: unknown) =>
  api(h, tokens[user]!, 'POST', `/api/v1/initiatives/${id}/${p}`, body);

beforeAll(async () => {
  for (const u of ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'chutich', 'phochutich', 'quantri'])
    tokens[u] = await login(h, u);
  const filed = await api(h, tokens['giaovien.thcs']!, 'POST', '/api/v1/initiatives', {
    title: 'Bảng tin điện tử của trường',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Màn hình ở sảnh thay bảng tin giấy, cập nhật từ điện thoại.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  id = filed.body.id;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  expect(
    (await post('hieutruong.thcs', 'unit-review', { outcome: 'ENDORSE', confirmedApplication: true })).status,
  ).toBe(200);
  expect((await post('thuky', 'registration', {})).status).toBe(200);
  expect((await post('thuky', 'formal-check', { outcome: 'ACCEPT' })).status).toBe(200);
}, 60_000);

test('when a chairman signs as "KT." or a vice-chairman as "CHỦ TỊCH", then it is refused and nothing changes', async () => {
  const before = (await h.repos.cases.findById(id))!.revision;
  const chair = await post('chutich', 'decision', { outcome: 'RECOGNISE', signerTitle: 'PHO_CHU_TICH' });
  expect(chair.status).toBe(422);
  expect(chair.body).toMatchObject({
    code: 'SIGNER_CAPACITY_MISMATCH',
    detail: expect.stringMatching(/không ký thay/),
  });
  const vice = await post('phochutich', 'decision', { outcome: 'RECOGNISE', signerTitle: 'CHU_TICH' });
  expect(vice.status).toBe(422);
  expect(vice.body.detail).toMatch(/không ký với chức danh "CHỦ TỊCH"/);
  expect((await h.repos.cases.findById(id))!.revision).toBe(before);
});

test('when a vice-chairman forms the council, then the decision reads KT. CHỦ TỊCH / PHÓ CHỦ TỊCH with its delegation', async () => {
  const formed = await post('phochutich', 'council', { councilId: 'hdsk-2026' });
  expect(formed.status).toBe(200);
  const doc = await eventually(async () =>
    (await h.repos.documents.list(id)).find((d) => d.kind === 'COUNCIL_DECISION'),
  );
  const pdf = (await h.repos.documents.byKey(doc._id))!.pdf;
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString();
  expect(text).toContain('KT. CHỦ TỊCH');
  expect(text).toContain('PHÓ CHỦ TỊCH');
  expect(text).toContain('Nguyễn Thị Lệ');
  expect(text.replace(/\s+/g, ' ')).toContain('phân công ký thay Chủ tịch: khoa học, công nghệ và sáng kiến');
  const entry = (await h.repos.legalRecord.list(id)).find((e) => e.kind === 'COUNCIL_FORMED')!;
  expect(entry.details['signer']).toMatchObject({
    office: 'PHO_CHU_TICH',
    termId: 'term-phochutich-2025',
    delegation: { id: 'delegation-phochutich-khcn' },
  });
});

test('when the delegation has ended, or the person holds no office, then signing is refused with the reason', async () => {
  await h.repos.offices.delegations.updateOne(
    { _id: 'delegation-phochutich-khcn' },
    { $set: { to: '2025-12-31' } },
  );
  const ended = await post('phochutich', 'decision', { outcome: 'RECOGNISE' });
  expect(ended.body).toMatchObject({ status: 403, code: 'NO_DELEGATION' });
  await h.repos.offices.terms.updateOne({ _id: 'term-chutich-2025' }, { $set: { to: '2025-12-31' } });
  const noOffice = await post('chutich', 'decision', { outcome: 'RECOGNISE' });
  expect(noOffice.body).toMatchObject({ status: 403, code: 'NO_SIGNING_OFFICE' });
});

test('when the administrator records a new delegation, then the vice-chairman signs again under it', async () => {
  const admin = (method: string, path: string, body?: unknown) =>
    api(h, tokens['quantri']!, method, path, body);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const backwards = await admin('POST', '/api/v1/admin/delegations', {
    personId: 'p-phochutich',
    scope: 'khoa học, công nghệ và sáng kiến',
    from: today,
    to: '2025-01-01',
    basis: 'Quyết định phân công nhiệm vụ',
  });
  expect(backwards.body).toMatchObject({ status: 422, code: 'INVALID_PERIOD' });
  const recorded = await admin('POST', '/api/v1/admin/delegations', {
    personId: 'p-phochutich',
    scope: 'khoa học, công nghệ và sáng kiến',
    from: today,
    basis: 'Quyết định phân công nhiệm vụ mới',
  });
  expect(recorded.status).toBe(201);
  expect((await admin('GET', '/api/v1/admin/offices')).body.delegations).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: recorded.body.id, to: null })]),
  );
  // The capacity check passes; the case is not at its decision yet, so the workflow answers WRONG_STEP.
  const signed = await post('phochutich', 'decision', { outcome: 'RECOGNISE' });
  expect(signed.body).toMatchObject({ status: 409, code: 'WRONG_STEP' });
});

test('when a unit head acts, then the record names their term; after it ends they are refused until a new one', async () => {
  const endorsed = await eventually(async () =>
    (await h.repos.legalRecord.list(id)).find((e) => e.actorName === 'Lê Văn Hùng'),
  );
  expect(endorsed.details['actingOffice']).toEqual({
    office: 'THU_TRUONG_DON_VI',
    termId: 'term-head-truong-thcs-2025',
    unitId: 'truong-thcs',
    basis: expect.stringContaining('bổ nhiệm Hiệu trưởng Trường THCS'),
  });

  const filed = await api(h, tokens['giaovien.thcs']!, 'POST', '/api/v1/initiatives', {
    title: 'Sổ trực ban điện tử',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Giáo viên trực ban ghi sổ trên điện thoại.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  const other = filed.body.id as string;
  const review = () =>
    api(h, tokens['hieutruong.thcs']!, 'POST', `/api/v1/initiatives/${other}/unit-review`, {
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
  await eventually(async () => (await h.repos.cases.findById(other)) ?? undefined);
  await h.repos.offices.terms.updateOne(
    { _id: 'term-head-truong-thcs-2025' },
    { $set: { to: '2025-12-31' } },
  );
  const refused = await review();
  expect(refused.body).toMatchObject({ status: 403, code: 'NO_UNIT_HEAD_TERM' });
  expect((await h.repos.cases.findById(other))!.step).toBe('UNIT_REVIEW');

  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const admin = (body: unknown) => api(h, tokens['quantri']!, 'POST', '/api/v1/admin/offices', body);
  expect(
    (
      await admin({
        office: 'THU_TRUONG_DON_VI',
        personId: 'p-ht-thcs',
        from: today,
        basis: 'Quyết định bổ nhiệm lại',
      })
    ).body,
  ).toMatchObject({ status: 422, code: 'INVALID_INPUT' });
  const term = await admin({
    office: 'THU_TRUONG_DON_VI',
    personId: 'p-ht-thcs',
    unitId: 'truong-thcs',
    from: today,
    basis: 'Quyết định bổ nhiệm lại Hiệu trưởng',
  });
  expect(term.status).toBe(201);
  expect((await review()).status).toBe(200);
  const entry = await eventually(async () =>
    (await h.repos.legalRecord.list(other)).find((e) => e.actorName === 'Lê Văn Hùng'),
  );
  expect(entry.details['actingOffice']).toMatchObject({ termId: term.body.id });
});
