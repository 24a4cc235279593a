/**
 * The achievement record: each author's recognised initiatives, seen by themselves, their unit's head and the
 * commune's officers; the year's review counts every author once per recognised initiative; a revocation shows.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { confirmAdoptions, toDecision, toReplication } from '../support/drive';
import { decide, fileCase, fastPack, people } from '../support/lifecycle';
import {
  appealUpdate,
  decideRecognitionUpdate,
  designateReplicationUpdate,
} from '../../src/contracts/initiative';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['giaovien.thcs', 'hieutruong.thcs', 'giamsat', 'chutich', 'yta'] });
// The test commune's filer sits on the council as an author (recused), as in the other life-cycle tests.
const authors = [
  { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
  { personId: 'author-1', fullName: 'Lưu Văn Khánh', sharePercent: 30 },
];
const recognised = async (title: string) => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title, unitId: 'truong-thcs', authors },
    pack: fastPack({ replicationCheckpoints: [{ days: 1 }] }),
  });
  await toReplication(handle);
  return id;
};
const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
let first: string;
let second: string;

beforeAll(async () => {
  first = await recognised('Ngân hàng câu hỏi trắc nghiệm dùng chung');
  second = await recognised('Lịch trực bán trú trên điện thoại');
  await eventually(
    async () =>
      (await h.repos.achievements.model.countDocuments({ initiativeId: { $in: [first, second] } })) === 4
        ? true
        : undefined,
    20_000,
  );
}, 120_000);

test('when a teacher opens her record, then she sees her recognised initiatives, and nobody else’s', async () => {
  const mine = await h.as('giaovien.thcs').get('/api/v1/achievements');
  expect(mine.status).toBe(200);
  const row = mine.body.items.find((i: { initiativeId: string }) => i.initiativeId === first);
  expect(row).toMatchObject({
    fullName: 'Nguyễn Thị Hương Trà',
    sharePercent: 70,
    revoked: false,
    year,
    effect: 'EFFECTIVE',
    scope: 'COMMUNE',
  });
  expect(row.decisionNumber).toMatch(/^\d+\/QĐ-UBND$/);
  expect(row.level).toEqual(expect.any(String));
  expect(mine.body.items.every((i: { personId: string }) => i.personId === 'p-gv-thcs')).toBe(true);
  expect((await h.as('giaovien.thcs').get('/api/v1/achievements?personId=p-yta')).status).toBe(403);
  expect((await h.as('giaovien.thcs').get('/api/v1/achievements?unitId=truong-thcs')).status).toBe(403);
  expect((await h.as('yta').get('/api/v1/achievements')).body.items).toEqual([]);
});

test('when the unit head opens the unit’s record, then every author of the unit is there; another unit’s is not his', async () => {
  const unit = await h.as('hieutruong.thcs').get('/api/v1/achievements?unitId=truong-thcs');
  const names = unit.body.items
    .filter((i: { initiativeId: string }) => i.initiativeId === first)
    .map((i: { fullName: string }) => i.fullName);
  expect(names.sort()).toEqual(['Lưu Văn Khánh', 'Nguyễn Thị Hương Trà']);
  expect((await h.as('hieutruong.thcs').get('/api/v1/achievements?unitId=tram-y-te')).status).toBe(403);
});

test('when the year is reviewed, then each author counts once per recognised initiative, and a revocation drops out', async () => {
  // A recognition written again (a retried write, an appeal decided the same way) adds nothing.
  await h.repos.achievements.recordRecognition(first, year, null, authors);
  const review = async () => (await h.as('giamsat').get(`/api/v1/achievements/review?year=${year}`)).body;
  let r = await review();
  const tra = r.people.find((p: { fullName: string }) => p.fullName === 'Nguyễn Thị Hương Trà');
  expect(tra.initiatives).toBe(2);
  expect(r.units.find((u: { unitId: string }) => u.unitId === 'truong-thcs')).toMatchObject({ authors: 2 });
  expect((await h.as('giaovien.thcs').get(`/api/v1/achievements/review?year=${year}`)).status).toBe(403);

  const revoked = await h.as('chutich').post(`/api/v1/initiatives/${second}/revocation`, {
    reasons: 'Số liệu hiệu quả không trung thực',
  });
  expect(revoked.status).toBe(200);
  await eventually(async () => {
    const mine = await h.as('giaovien.thcs').get('/api/v1/achievements');
    return mine.body.items.find(
      (i: { initiativeId: string; revoked: boolean }) => i.initiativeId === second && i.revoked,
    );
  }, 20_000);
  r = await review();
  expect(r.people.find((p: { fullName: string }) => p.fullName === 'Nguyễn Thị Hương Trà').initiatives).toBe(
    1,
  );

  const res = await fetch(`${h.url}/api/v1/achievements/review.xlsx?year=${year}`, {
    headers: { authorization: `Bearer ${h.token('giamsat')}` },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const people = book.getWorksheet(`Cá nhân ${year}`)!;
  const traRow = people
    .getRows(2, people.rowCount - 1)!
    .find((x) => x.getCell(1).value === 'Nguyễn Thị Hương Trà')!;
  expect(traRow.getCell(2).value).toBe(1);

  // The same review as a document for the emulation council: the teacher once, with the initiative that stands.
  const pdf = await fetch(`${h.url}/api/v1/achievements/review.pdf?year=${year}`, {
    headers: { authorization: `Bearer ${h.token('giamsat')}` },
  });
  expect(pdf.status).toBe(200);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    input: Buffer.from(await pdf.arrayBuffer()),
  })
    .toString('utf8')
    .replace(/\s+/g, ' ');
  expect(text).toContain('BẢNG TỔNG HỢP');
  expect(text).toContain(`Thành tích sáng kiến năm ${year}`);
  expect(text).toContain('Ngân hàng câu hỏi trắc nghiệm dùng chung');
  expect(text).not.toContain('Lịch trực bán trú trên điện thoại');
  expect(text).toContain('II. THEO ĐƠN VỊ');
  expect(text).toContain('Trường THCS Thanh Thủy');
  expect(
    (
      await fetch(`${h.url}/api/v1/achievements/review.pdf?year=${year}`, {
        headers: { authorization: `Bearer ${h.token('giaovien.thcs')}` },
      })
    ).status,
  ).toBe(403);
});

test('when a year holds a recognition won on appeal and replicated in two units, then each author still counts once per initiative', async () => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { title: 'Sổ theo dõi sức khỏe học sinh điện tử', unitId: 'truong-thcs', authors },
    pack: fastPack({ replicationCheckpoints: [{ days: 1 }] }),
  });
  await toDecision(handle);
  await decide(handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'REFUSE',
    reasons: 'Chưa đủ minh chứng',
    signerTitle: 'CHU_TICH',
  });
  await decide(handle, appealUpdate, { actor: people.author, grounds: 'Đã có biên bản áp dụng kèm theo' });
  await decide(handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'RECOGNISE',
    signerTitle: 'CHU_TICH',
  });
  // Two units adopt it and confirm its effect: replication is not a recognition of their own.
  await decide(handle, designateReplicationUpdate, {
    actor: people.chairman,
    unitIds: ['tram-y-te', 'truong-mam-non'],
    similarUnitsTotal: 4,
  });
  await confirmAdoptions(h.client, id);
  await eventually(
    async () =>
      (await h.repos.achievements.model.countDocuments({ initiativeId: id })) === 2 ? true : undefined,
    20_000,
  );
  const r = (await h.as('giamsat').get(`/api/v1/achievements/review?year=${year}`)).body;
  // The first initiative, this one; the second was revoked above.
  for (const fullName of ['Nguyễn Thị Hương Trà', 'Lưu Văn Khánh'])
    expect(r.people.find((p: { fullName: string }) => p.fullName === fullName).initiatives).toBe(2);
  expect(r.units.find((u: { unitId: string }) => u.unitId === 'truong-thcs')).toMatchObject({ authors: 2 });
  // One record per author of this initiative: none for the adopting units, none for the appeal.
  const records = await h.repos.achievements.model.find({ initiativeId: id }).lean();
  expect(records.map((a) => a.fullName).sort()).toEqual(['Lưu Văn Khánh', 'Nguyễn Thị Hương Trà']);
  const rows = (await h.as('giaovien.thcs').get('/api/v1/achievements')).body.items.filter(
    (i: { initiativeId: string }) => i.initiativeId === id,
  );
  expect(rows).toHaveLength(1);
}, 180_000);
