/**
 * Replacing an attached file by a newer version while the dossier is returned for amendment: the old version stays
 * stored and downloadable, marked as replaced (by whom, when, why), the record has the replacement, and a refused or
 * bad request changes nothing.
 */
import { renderPdf } from '../../src/documents/pdf';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({
  people: ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'yta', 'hieutruong.mamnon'],
});

/** A small PDF whose text makes its bytes differ. */
const pdfOf = (text: string) =>
  renderPdf({
    issuer: { name: 'Trường THCS Thanh Thủy' },
    number: null,
    place: 'Thanh Thủy',
    date: new Date('2026-03-01T00:00:00Z'),
    type: 'Bản mô tả sáng kiến',
    body: [{ kind: 'paragraph', text }],
  });

async function send(
  user: string,
  url: string,
  file: { bytes: Buffer; name: string; type: string } | null,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(h.url + url, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token(user)}`, ...headers },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

let id: string;
let v1: Buffer;
let v1Id: string;
const base = () => `/api/v1/initiatives/${id}/attachments`;
const state = async (user = 'giaovien.thcs') => (await h.as(user).get(`/api/v1/initiatives/${id}`)).body;

beforeAll(async () => {
  const filed = await h.as('giaovien.thcs').post('/api/v1/initiatives', {
    title: 'Phần mềm xếp thời khóa biểu',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Xếp thời khóa biểu tự động theo ràng buộc của giáo viên.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  id = filed.body.id;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  v1 = await pdfOf('Bản mô tả, phiên bản thứ nhất.');
  const added = await send('giaovien.thcs', base(), {
    bytes: v1,
    name: 'ban-mo-ta.pdf',
    type: 'application/pdf',
  });
  expect(added.status).toBe(201);
  v1Id = added.body.id;
});

test('while the case is at the unit head, the filer may not replace a file (WRONG_STEP); nothing is stored', async () => {
  const before = await h.repos.attachments.model.countDocuments({ initiativeId: id });
  const r = await send('giaovien.thcs', `${base()}/${encodeURIComponent(v1Id)}/replacement`, {
    bytes: await pdfOf('Quá sớm.'),
    name: 'ban-mo-ta-2.pdf',
    type: 'application/pdf',
  });
  expect([r.status, r.body.code]).toEqual([409, 'WRONG_STEP']);
  expect(await h.repos.attachments.model.countDocuments({ initiativeId: id })).toBe(before);
});

test('when the case is returned for amendment, then the filer replaces the file; the old one stays, marked, downloadable', async () => {
  const returned = await h.as('hieutruong.thcs').post(`/api/v1/initiatives/${id}/unit-review`, {
    outcome: 'RETURN',
    items: ['Bản mô tả thiếu số liệu trước và sau khi áp dụng'],
  });
  expect(returned.status).toBe(200);
  expect(returned.body.state.step).toBe('AMENDMENT');
  // The filer is offered the replacement now (a page shows it by each file).
  expect((await state()).available.actions).toContain('attachment-replacement');

  const v2 = await pdfOf('Bản mô tả, phiên bản thứ hai, có số liệu.');
  const r = await send(
    'giaovien.thcs',
    `${base()}/${encodeURIComponent(v1Id)}/replacement`,
    { bytes: v2, name: 'ban-mo-ta-bo-sung.pdf', type: 'application/pdf' },
    { reason: 'Bổ sung số liệu theo yêu cầu của đơn vị' },
  );
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({
    filename: 'ban-mo-ta-bo-sung.pdf',
    contentType: 'application/pdf',
    size: v2.length,
    replaces: v1Id,
    confidential: false,
  });
  const v2Id = r.body.id as string;

  // The case lists both: the new one current, the old one replaced by it, by whom, when and why.
  const s = await state('thuky');
  const old = s.attachments.find((a: { id: string }) => a.id === v1Id);
  const now = s.attachments.find((a: { id: string }) => a.id === v2Id);
  expect(old.replacedBy).toMatchObject({
    id: v2Id,
    by: 'p-gv-thcs',
    byName: 'Nguyễn Thị Hương Trà',
    reason: 'Bổ sung số liệu theo yêu cầu của đơn vị',
  });
  expect(Date.parse(old.replacedBy.at)).toBeGreaterThan(Date.now() - 60_000);
  expect(now).toMatchObject({ replaces: v1Id, uploadedBy: 'p-gv-thcs' });
  expect(now.replacedBy).toBeUndefined();

  // Both versions download for whoever may read the case, the old one marked as replaced.
  for (const user of ['giaovien.thcs', 'hieutruong.thcs', 'thuky']) {
    const oldFile = await fetch(`${h.url}${base()}/${encodeURIComponent(v1Id)}`, {
      headers: { authorization: `Bearer ${h.token(user)}` },
    });
    expect(oldFile.status).toBe(200);
    expect(oldFile.headers.get('x-attachment-replaced-by')).toBe(v2Id);
    expect(Buffer.from(await oldFile.arrayBuffer()).equals(v1)).toBe(true);
    const newFile = await fetch(`${h.url}${base()}/${encodeURIComponent(v2Id)}`, {
      headers: { authorization: `Bearer ${h.token(user)}` },
    });
    expect(newFile.headers.get('x-attachment-replaced-by')).toBeNull();
    expect(Buffer.from(await newFile.arrayBuffer()).equals(v2)).toBe(true);
  }
  // Outsiders learn nothing of either version.
  for (const user of ['yta', 'hieutruong.mamnon'])
    expect((await h.as(user).get(`${base()}/${encodeURIComponent(v1Id)}`)).status).toBe(404);

  // The replacement is in the legal record: the old file's fingerprint, the new one's, who and why.
  const entries = await h.repos.legalRecord.list(id);
  const replaced = entries.filter((e) => e.kind === 'ATTACHMENT_REPLACED');
  expect(replaced).toHaveLength(1);
  expect(replaced[0]).toMatchObject({
    actorId: 'p-gv-thcs',
    details: {
      replaced: { id: v1Id, filename: 'ban-mo-ta.pdf' },
      attachment: { id: v2Id, sha256: r.body.sha256 },
      reason: 'Bổ sung số liệu theo yêu cầu của đơn vị',
    },
  });
  expect(replaced[0]!.summary).toContain('Thay tệp "ban-mo-ta.pdf" bằng "ban-mo-ta-bo-sung.pdf"');
  const record = await h.as('thuky').get(`/api/v1/initiatives/${id}/record`);
  expect(record.body.verified).toBe(true);
  // And in the audit log, as administrative actions are.
  const audit = await h.repos.audit.model.find({ action: 'ATTACHMENT_REPLACED', target: id }).lean().exec();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    actorId: 'p-gv-thcs',
    details: {
      replaced: { id: v1Id, filename: 'ban-mo-ta.pdf' },
      attachment: { id: v2Id, filename: 'ban-mo-ta-bo-sung.pdf' },
      reason: 'Bổ sung số liệu theo yêu cầu của đơn vị',
    },
  });
});

test('when a replacement is refused or its input is bad, then it has a clear code and changes nothing', async () => {
  const s0 = await state();
  const current = s0.attachments.find((a: { replacedBy?: unknown }) => !a.replacedBy);
  const url = (aid: string) => `${base()}/${encodeURIComponent(aid)}/replacement`;
  const pdf = { bytes: await pdfOf('Phiên bản khác.'), name: 'khac.pdf', type: 'application/pdf' };
  const stored = () => h.repos.attachments.model.countDocuments({ initiativeId: id });
  const before = await stored();
  const entriesBefore = (await h.repos.legalRecord.list(id)).length;
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636000000000050001a5f645400000000049454e44ae426082',
    'hex',
  );

  const answers = [
    // Who may not: the unit head and the secretary lack the role; another unit's submitter does not see the case.
    await send('hieutruong.thcs', url(current.id), pdf),
    await send('thuky', url(current.id), pdf),
    await send('yta', url(current.id), pdf),
    // What may not be replaced: a version already replaced, a file the case does not have.
    await send('giaovien.thcs', url(v1Id), pdf),
    await send('giaovien.thcs', url(`${id}:${'0'.repeat(32)}`), pdf),
    // Bad input: no file, a type not allowed, a declared type that lies, the same content again, a reason too long,
    // an unknown field.
    await send('giaovien.thcs', url(current.id), null),
    await send('giaovien.thcs', url(current.id), {
      bytes: Buffer.from('ghi chú'),
      name: 'a.txt',
      type: 'text/plain',
    }),
    await send('giaovien.thcs', url(current.id), { bytes: png, name: 'anh.pdf', type: 'application/pdf' }),
    await send('giaovien.thcs', url(current.id), {
      bytes: v1,
      name: 'ban-mo-ta-cu.pdf',
      type: 'application/pdf',
    }),
    await send('giaovien.thcs', url(current.id), pdf, { reason: 'x'.repeat(501) }),
    await send('giaovien.thcs', url(current.id), pdf, { note: 'không có trường này' }),
  ];
  expect(answers.map((a) => [a.status, a.body.code])).toEqual([
    [403, 'FORBIDDEN_ROLE'],
    [403, 'FORBIDDEN_ROLE'],
    [404, 'INITIATIVE_NOT_FOUND'],
    [409, 'ATTACHMENT_ALREADY_REPLACED'],
    [404, 'ATTACHMENT_NOT_FOUND'],
    [400, 'ATTACHMENT_MISSING'],
    [415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    [415, 'ATTACHMENT_TYPE_MISMATCH'],
    [409, 'ATTACHMENT_DUPLICATE'],
    [400, 'VALIDATION_FAILED'],
    [400, 'VALIDATION_FAILED'],
  ]);
  for (const a of answers) expect(typeof a.body.detail).toBe('string');

  expect(await stored()).toBe(before);
  expect(await h.repos.audit.model.countDocuments({ action: 'ATTACHMENT_REPLACED', target: id })).toBe(1);
  const s1 = await state();
  expect(s1.attachments).toEqual(s0.attachments);
  expect((await h.repos.legalRecord.list(id)).length).toBe(entriesBefore);
});

test('when the same replacement is sent again with its Idempotency-Key, then it is applied once', async () => {
  const s0 = await state();
  const current = s0.attachments.find((a: { replacedBy?: unknown }) => !a.replacedBy);
  const v3 = { bytes: await pdfOf('Phiên bản thứ ba.'), name: 'ban-mo-ta-3.pdf', type: 'application/pdf' };
  const key = { 'Idempotency-Key': `replace-${id}-v3` };
  const url = `${base()}/${encodeURIComponent(current.id)}/replacement`;
  const [a, b] = [
    await send('giaovien.thcs', url, v3, {}, key),
    await send('giaovien.thcs', url, v3, {}, key),
  ];
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(b.body).toEqual(a.body);
  const s1 = await state();
  expect(s1.attachments).toHaveLength(s0.attachments.length + 1);
  // Three versions in one chain: v3 replaces v2, which replaced v1; only v3 is current.
  expect(s1.attachments.filter((x: { replacedBy?: unknown }) => !x.replacedBy).map((x: any) => x.id)).toEqual(
    [a.body.id],
  );
  expect((await h.repos.legalRecord.list(id)).filter((e) => e.kind === 'ATTACHMENT_REPLACED')).toHaveLength(
    2,
  );
  expect(await h.repos.audit.model.countDocuments({ action: 'ATTACHMENT_REPLACED', target: id })).toBe(2);
});

test('once the amended dossier is sent back, the files can no longer be replaced (WRONG_STEP)', async () => {
  const s0 = await state();
  const amended = await h.as('giaovien.thcs').post(`/api/v1/initiatives/${id}/amendment`, {
    dossier: { ...s0.dossier },
    note: 'Đã thay bản mô tả',
  });
  expect(amended.status).toBe(200);
  expect(amended.body.state.step).toBe('UNIT_REVIEW');
  const current = amended.body.state.attachments.find((a: { replacedBy?: unknown }) => !a.replacedBy);
  const r = await send('giaovien.thcs', `${base()}/${encodeURIComponent(current.id)}/replacement`, {
    bytes: await pdfOf('Muộn.'),
    name: 'muon.pdf',
    type: 'application/pdf',
  });
  expect([r.status, r.body.code]).toEqual([409, 'WRONG_STEP']);
  expect((await state()).available.actions).not.toContain('attachment-replacement');
});
