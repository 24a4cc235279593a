/**
 * Sealed scoring (TT18 Art. 8; process.md stage 2.2): a value planted in one member's score sheet is looked for as
 * every other person of the demo commune, through every endpoint that can reach it (every GET route, every document
 * the person can list, in PDF and DOCX, the planted sheet's own download, a refused decision's error), before and
 * after the seal opens. Before, only its author finds it; after, the council and the commune's officers do.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { concretePath, declaredRoutes } from '../support/routes';

/** Figures no other part of the case holds: a fractional score, the total it makes, and a comment. */
const planted = { scores: { novelty: 23.17, applicability: 21, effect: 24, replicability: 8 } };
const MARKS = ['23.17', '76.17', 'ghi-chu-niem-phong-7c1e'];
const COUNCIL = ['chutich', 'thuky', 'uyvien1', 'uyvien2'];
const OFFICERS = ['phochutich', 'giamsat'];
const OUTSIDERS = ['giaovien.thcs', 'hieutruong.thcs', 'truongtram.yte', 'quantri'];

const h = useHarness();
let tmp: string;
const tokens: Record<string, string> = {};
let id: string;
let plantedSheetId: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sealed-'));
  for (const u of [...COUNCIL, ...OFFICERS, ...OUTSIDERS]) tokens[u] = await login(h, u);
  const filed = await post('giaovien.thcs', '/api/v1/initiatives', {
    title: 'Thư viện góc lớp tự quản',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Mỗi lớp một góc sách do học sinh tự quản lý, mượn trả bằng sổ.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  expect(filed.status).toBe(201);
  id = filed.body.id;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  for (const [user, p, body] of [
    ['hieutruong.thcs', 'unit-review', { outcome: 'ENDORSE', confirmedApplication: true }],
    ['thuky', 'registration', {}],
    ['thuky', 'formal-check', { outcome: 'ACCEPT' }],
    ['chutich', 'council', { councilId: 'hdsk-2026' }],
    ['uyvien1', 'scores', { ...planted, comment: MARKS[2] }],
  ] as const) {
    const r = await post(user, `/api/v1/initiatives/${id}/${p}`, body);
    expect([p, r.status]).toEqual([p, 200]);
  }
  plantedSheetId = (await h.repos.documents.list(id)).find((d) => d.kind === 'SCORE_SHEET')!._id;
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function post(user: string, path: string, body: unknown) {
  return api(h, tokens[user]!, 'POST', path, body);
}

/** A document's text as a person reading it would see it: the PDF's text layer, the DOCX's body. */
function documentText(bytes: Buffer, format: 'pdf' | 'docx'): string {
  if (format === 'pdf')
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString();
  const file = join(tmp, 'doc.docx');
  writeFileSync(file, bytes);
  return execFileSync('unzip', ['-p', file, 'word/document.xml']).toString();
}

async function download(user: string, docId: string, format: 'pdf' | 'docx'): Promise<string> {
  const res = await fetch(
    `${h.url}/api/v1/initiatives/${id}/documents/${encodeURIComponent(docId)}/${format}`,
    {
      headers: { authorization: `Bearer ${tokens[user]}` },
    },
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  return res.status === 200 ? documentText(bytes, format) : bytes.toString();
}

/** Everything the person can read about the case, as text, each part named by where it came from. */
async function everythingReadableBy(user: string): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const r of declaredRoutes().filter((x) => x.method === 'get')) {
    const path = concretePath(r.path, { id, unitId: 'truong-thcs' });
    seen[`GET ${r.path}`] = JSON.stringify((await api(h, tokens[user]!, 'GET', path)).body) ?? '';
  }
  const listed = await api(h, tokens[user]!, 'GET', `/api/v1/initiatives/${id}/documents`);
  const docIds: string[] = listed.status === 200 ? listed.body.items.map((d: { id: string }) => d.id) : [];
  for (const docId of new Set([...docIds, plantedSheetId]))
    for (const format of ['pdf', 'docx'] as const)
      seen[`document ${docId}.${format}`] = await download(user, docId, format);
  // A refused sheet (a score above the maximum): its error message must not quote anyone else's figures.
  const refused = await post(user, `/api/v1/initiatives/${id}/scores`, {
    scores: { ...planted.scores, novelty: 99 },
  });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  seen['refused scores'] = JSON.stringify(refused.body);
  return seen;
}

/** Where the planted values were found. */
async function leaksTo(user: string): Promise<string[]> {
  const seen = await everythingReadableBy(user);
  // Time stamps are not figures: "…:23.170Z" holds "23.17" once in six thousand writes, and made this test flaky.
  const noTimes = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '');
  return Object.entries(seen)
    .filter(([, text]) => MARKS.some((m) => noTimes(text).includes(m)))
    .map(([where]) => where);
}

test('while other members have not scored, nobody but the member who scored finds their figures anywhere', async () => {
  for (const user of [...COUNCIL, ...OFFICERS, ...OUTSIDERS].filter((u) => u !== 'uyvien1'))
    expect([user, await leaksTo(user)]).toEqual([user, []]);
  // The probe finds what is there: the member's own sheet, in the case, the record and the sheet's document.
  expect(await leaksTo('uyvien1')).toEqual(
    expect.arrayContaining([
      'GET /api/v1/initiatives/:id',
      'GET /api/v1/initiatives/:id/record',
      `document ${plantedSheetId}.pdf`,
      `document ${plantedSheetId}.docx`,
    ]),
  );
}, 120_000);

test('once every member has scored, the council and the officers find the sheet, and nobody else does', async () => {
  for (const user of ['uyvien2', 'thuky', 'chutich']) {
    const r = await post(user, `/api/v1/initiatives/${id}/scores`, {
      scores: { novelty: 25, applicability: 25, effect: 25, replicability: 5 },
    });
    expect([user, r.status]).toEqual([user, 200]);
  }
  expect((await api(h, tokens['thuky']!, 'GET', `/api/v1/initiatives/${id}`)).body.step).toBe('MEETING');
  for (const user of [...COUNCIL, ...OFFICERS])
    expect([user, await leaksTo(user)]).toEqual([
      user,
      expect.arrayContaining(['GET /api/v1/initiatives/:id/record', `document ${plantedSheetId}.pdf`]),
    ]);
  for (const user of OUTSIDERS) expect([user, await leaksTo(user)]).toEqual([user, []]);
}, 120_000);
