/**
 * Rounds through the API: where the commune's pack does not allow filing all year, a filing outside an open round is
 * refused and nothing is stored; the administrator opens a round over one unit; its cases carry it in the lists and
 * the statistics; the council's secretary puts three of them on one sitting's agenda; the round's result lists print;
 * closing the round refuses filings again.
 */
import { execFileSync } from 'node:child_process';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { vnDate } from '../../src/domain/duration';
import { dieBeforeAnswer, eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({
  people: ['quantri', 'giaovien.thcs', 'yta', 'hieutruong.thcs', 'thuky', 'chutich', 'uyvien1', 'giamsat'],
});
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/\s+/g, ' ');
/** A PDF as one person downloads it. */
async function pdfAs(user: string, path: string): Promise<string> {
  const res = await fetch(h.url + path, { headers: { authorization: `Bearer ${h.token(user)}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/pdf');
  return pdfText(Buffer.from(await res.arrayBuffer()));
}
const today = vnDate(Date.now());
const year = today.slice(0, 4);

const dossier = (title: string, unitId = 'truong-thcs') => ({
  title,
  unitId,
  field: unitId === 'tram-y-te' ? 'Y tế' : 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  summary: `Tóm tắt: ${title}.`,
  authors: [
    unitId === 'tram-y-te'
      ? { personId: 'p-yta', fullName: 'Trần Văn Nam', sharePercent: 100 }
      : { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 },
  ],
});

beforeAll(async () => {
  // The commune decides that dossiers are taken only in rounds: a pack without year-round filing, in force now.
  const pack = {
    ...DEFAULT_RULE_PACK,
    version: 'rounds-only',
    effectiveFrom: new Date(Date.now() - 1000).toISOString(),
    yearRoundFiling: { value: false, basis: { kind: 'policy', note: 'chỉ nhận hồ sơ theo đợt' } },
  };
  expect((await h.as('quantri').post('/api/v1/admin/rule-packs', pack)).status).toBe(201);
});

let ids: string[] = [];

test('when no round is open, then a filing is refused with what to do, and nothing is stored', async () => {
  const before = await h.repos.cases.model.countDocuments().exec();
  const r = await h.as('giaovien.thcs').post('/api/v1/initiatives', dossier('Ngoài đợt xét'));
  expect(r.status).toBe(409);
  expect(r.body).toMatchObject({ code: 'NO_OPEN_ROUND' });
  expect(r.body.detail).toContain('Hiện không có đợt xét sáng kiến nào đang nhận hồ sơ');
  expect(await h.repos.cases.model.countDocuments().exec()).toBe(before);
  const rounds = await h.as('giaovien.thcs').get('/api/v1/rounds');
  expect(rounds.body.items).toEqual([]);
});

test('when the administrator opens a round over one unit, then that unit files into it and others are still refused', async () => {
  const body = {
    id: `dot-2-${year}`,
    name: `Đợt 2 năm ${year}`,
    opensOn: today,
    closesOn: `${year}-12-31`,
    unitIds: ['truong-thcs'],
  };
  expect((await h.as('thuky').post('/api/v1/admin/rounds', body)).status).toBe(403);
  const bad = await h.as('quantri').post('/api/v1/admin/rounds', { ...body, closesOn: `${year}-01-01` });
  expect(bad.status).toBe(422);
  expect(bad.body.code).toBe('INVALID_ROUND');
  const opened = await h.as('quantri').post('/api/v1/admin/rounds', body);
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({ status: 'OPEN', standing: false });
  expect((await h.as('quantri').post('/api/v1/admin/rounds', body)).status).toBe(409);

  const placement = await h.as('yta').get('/api/v1/rounds/placement?unitId=tram-y-te&field=Y%20t%E1%BA%BF');
  expect(placement.body).toMatchObject({ round: null, refused: { code: 'NO_OPEN_ROUND' } });
  expect((await h.as('yta').post('/api/v1/initiatives', dossier('Trạm y tế', 'tram-y-te'))).status).toBe(409);

  ids = [];
  for (const title of ['Sổ điểm danh QR', 'Thư viện số', 'Lịch trực bán trú']) {
    const r = await h.as('giaovien.thcs').post('/api/v1/initiatives', dossier(title));
    expect(r.status).toBe(201);
    ids.push(r.body.id);
  }
  const listed = await eventually(async () => {
    const r = await h.as('giamsat').get(`/api/v1/initiatives?roundId=dot-2-${year}`);
    return r.body.total === 3 ? r.body : undefined;
  });
  expect(listed.items.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
  const stats = await eventually(async () => {
    const r = await h.as('giamsat').get(`/api/v1/supervision/stats?roundId=dot-2-${year}`);
    return r.body.byStatus.OPEN === 3 ? r.body : undefined;
  });
  expect(stats.byUnit).toEqual({ 'truong-thcs': 3 });
  const other = await h.as('giamsat').get('/api/v1/supervision/stats?roundId=dot-9-2000');
  expect(other.body.byStatus).toEqual({});
});

test('when the secretary puts three of the round’s cases on one sitting, then the agenda lists them in order, for the council’s members only', async () => {
  for (const id of ids) {
    const path = (p: string) => `/api/v1/initiatives/${id}/${p}`;
    expect(
      (
        await h
          .as('hieutruong.thcs')
          .post(path('unit-review'), { outcome: 'ENDORSE', confirmedApplication: true })
      ).status,
    ).toBe(200);
    expect((await h.as('thuky').post(path('registration'))).status).toBe(200);
    expect((await h.as('thuky').post(path('formal-check'), { outcome: 'ACCEPT' })).status).toBe(200);
    expect((await h.as('chutich').post(path('council'), { councilId: 'hdsk-2026' })).body.state.step).toBe(
      'SCORING',
    );
  }
  const round = `dot-2-${year}`;
  const body = {
    councilId: 'hdsk-2026',
    meetingAt: `${year}-12-20T08:30:00+07:00`,
    place: 'Hội trường UBND xã',
    caseIds: ids,
  };
  expect((await h.as('uyvien1').post(`/api/v1/rounds/${round}/sittings`, body)).status).toBe(403);
  const wrong = await h
    .as('thuky')
    .post(`/api/v1/rounds/${round}/sittings`, { ...body, caseIds: ['no-such-case'] });
  expect(wrong.status).toBe(422);
  const made = await h.as('thuky').post(`/api/v1/rounds/${round}/sittings`, body);
  expect(made.status).toBe(201);
  expect(made.body.cases.map((c: { id: string }) => c.id)).toEqual(ids);
  expect(made.body.cases.every((c: { step: string }) => c.step === 'SCORING')).toBe(true);

  const listed = await h.as('uyvien1').get(`/api/v1/rounds/${round}/sittings`);
  expect(listed.body.items).toHaveLength(1);
  const text = await pdfAs('uyvien1', `/api/v1/sittings/${made.body.id}/agenda.pdf`);
  expect(text).toContain('CHƯƠNG TRÌNH HỌP');
  expect(text).toContain('08 giờ 30 phút, ngày 20/12');
  const codes = made.body.cases.map((c: { code: string }) => c.code);
  const at = codes.map((c: string) => text.indexOf(c));
  expect(at.every((i: number) => i > 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(text).toContain('Hoàng Văn Bình');
  expect((await h.as('giaovien.thcs').get(`/api/v1/sittings/${made.body.id}`)).status).toBe(403);
});

test('when a filing’s answer was lost and the round closes before its retry, then the retry finds the case filed', async () => {
  const round = `dot-3-${year}`;
  const opened = await h.as('quantri').post('/api/v1/admin/rounds', {
    id: round,
    name: `Đợt 3 năm ${year}`,
    opensOn: today,
    closesOn: `${year}-12-31`,
    unitIds: ['tram-y-te'],
  });
  expect(opened.status).toBe(201);
  const key = `file-${Date.now()}`;
  const filed = await h.as('yta').post('/api/v1/initiatives', dossier('Sổ tiêm chủng', 'tram-y-te'), {
    'Idempotency-Key': key,
  });
  expect(filed.status).toBe(201);
  // The gateway died before storing the answer (a lease ago), and the round closed meanwhile.
  await dieBeforeAnswer(h, key);
  expect((await h.as('quantri').call('PATCH', `/api/v1/admin/rounds/${round}`, { close: true })).status).toBe(
    200,
  );
  const retried = await h.as('yta').post('/api/v1/initiatives', dossier('Sổ tiêm chủng', 'tram-y-te'), {
    'Idempotency-Key': key,
  });
  expect(retried).toMatchObject({ status: 201, body: { id: filed.body.id, code: filed.body.code } });
  // A new request is refused: the round is closed.
  const fresh = await h.as('yta').post('/api/v1/initiatives', dossier('Sổ tiêm chủng', 'tram-y-te'));
  expect(fresh.body.code).toBe('NO_OPEN_ROUND');
});

test('when the round is printed and then closed, then its lists count every case and filings are refused again', async () => {
  const round = `dot-2-${year}`;
  const text = await pdfAs('thuky', `/api/v1/rounds/${round}/summary.pdf`);
  expect(text).toContain(`Kết quả xét công nhận sáng kiến – Đợt 2 năm ${year}`);
  expect(text).toContain(
    '3 hồ sơ; 0 sáng kiến được công nhận, 0 không được công nhận, 0 đề nghị xét công nhận cấp tỉnh, 3 đang xét',
  );
  expect(text).toContain('I. SÁNG KIẾN ĐƯỢC CÔNG NHẬN');
  expect((await h.as('giaovien.thcs').get(`/api/v1/rounds/${round}/summary.pdf`)).status).toBe(403);

  const closed = await h.as('quantri').call('PATCH', `/api/v1/admin/rounds/${round}`, { close: true });
  expect(closed.status).toBe(200);
  expect(closed.body.status).toBe('CLOSED');
  // Closing it again changes nothing: the day it stopped taking dossiers stays the first one.
  const again = await h.as('quantri').call('PATCH', `/api/v1/admin/rounds/${round}`, { close: true });
  expect(again.body.closedEarlyOn).toBe(closed.body.closedEarlyOn);
  const refused = await h.as('giaovien.thcs').post('/api/v1/initiatives', dossier('Sau khi đóng đợt'));
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('NO_OPEN_ROUND');
  const audit = await h.repos.audit.model.find({ target: round }).lean().exec();
  expect(audit.map((a) => a.action).sort()).toEqual(['ROUND_CHANGED', 'ROUND_CLOSED', 'ROUND_OPENED']);
});
