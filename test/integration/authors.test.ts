/** An author without an account is one stable person across dossiers, picked by record, never matched by name. */
import { AUTHOR_ID_PATTERN } from '../../src/db/authors';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();
let teacher: string;
beforeAll(async () => {
  teacher = await login(h, 'giaovien.thcs');
});

const file = (title: string, coAuthor: Record<string, unknown>) =>
  api(h, teacher, 'POST', '/api/v1/initiatives', {
    title,
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Bảng theo dõi đọc sách của học sinh.',
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 60 },
      { ...coAuthor, sharePercent: 40 },
    ],
  });
const coAuthorOf = async (id: string) =>
  (await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined)).authors[1]!;

test('when a co-author without an account is named, then a person record is made once and the next dossier picks it', async () => {
  const first = await file('Góc đọc sách lớp học', {
    fullName: 'Lưu Văn Khánh',
    workplace: 'Hội cha mẹ học sinh',
  });
  expect(first.status).toBe(201);
  const khanh = await coAuthorOf(first.body.id);
  expect(khanh.personId).toMatch(AUTHOR_ID_PATTERN);

  // The next filer finds him without diacritics, and picks him: same person, same id.
  const found = await api(h, teacher, 'GET', '/api/v1/authors?q=luu%20van%20kh');
  expect(found.body.items).toEqual([
    {
      personId: khanh.personId,
      fullName: 'Lưu Văn Khánh',
      workplace: 'Hội cha mẹ học sinh',
      hasAccount: false,
    },
  ]);
  const second = await file('Tủ sách dùng chung', { personId: khanh.personId, fullName: 'Lưu Văn Khánh' });
  expect(second.status).toBe(201);
  expect((await coAuthorOf(second.body.id)).personId).toBe(khanh.personId);
  expect(await h.repos.authors.model.countDocuments({ fullName: 'Lưu Văn Khánh' })).toBe(1);
});

test('when an author’s id is unknown or names someone else, then 422 names the field and nothing is filed', async () => {
  const before = await h.repos.cases.model.countDocuments({});
  const unknown = await file('Sổ đầu bài điện tử', { personId: 'tg-0000000000000000', fullName: 'Ai Đó' });
  expect(unknown.status).toBe(422);
  expect(unknown.body).toMatchObject({
    code: 'UNKNOWN_PERSON',
    errors: [{ path: 'body.authors.1.personId' }],
  });
  // A council member's id with another name: the filer cannot make a member recuse by typing their id.
  const other = await file('Sổ đầu bài điện tử', { personId: 'p-uyvien1', fullName: 'Trần Văn Nam' });
  expect(other.status).toBe(422);
  expect(other.body.errors).toEqual([
    { path: 'body.authors.1.fullName', message: expect.stringContaining('không khớp') },
  ]);
  expect(await h.repos.cases.model.countDocuments({})).toBe(before);
});
