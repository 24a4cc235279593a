/**
 * The official calendar is its own versioned data, not frozen in each case's pinned rule pack: days off are announced
 * by the government year by year (Bộ luật Lao động 2019 Art. 112 and the yearly notice), and a publication reaches the
 * cases already running, whose due dates are counted again on it.
 */
import { addDuration, isWorkingDay, vnDate } from '../../src/domain/duration';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { api, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();
let admin: string;
let id: string;
beforeAll(async () => {
  admin = await login(h, 'quantri');
  const filed = await api(h, await login(h, 'giaovien.thcs'), 'POST', '/api/v1/initiatives', {
    title: 'Sổ theo dõi thiết bị dạy học bằng mã QR',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: vnDate(Date.now() - 20 * 86_400_000),
    summary: 'Mỗi thiết bị có mã QR; giáo viên quét để mượn, trả và báo hỏng.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  expect(filed.status).toBe(201);
  id = filed.body.id;
}, 60_000);

const entries = async (kind: string) => (await h.repos.legalRecord.list(id)).filter((e) => e.kind === kind);

test('when a new day off is published, then a running case counts its due date again on it, once', async () => {
  // Unit review: 10 working days from filing (the pack's unitReviewSla), on the calendar shipped with the pack.
  const filedAt = Date.parse((await h.repos.cases.findById(id))!.state.filedAt);
  const before = (await h.repos.cases.findById(id))!.dueAt!.getTime();
  const shipped = DEFAULT_RULE_PACK.holidays.value;
  expect(before).toBe(addDuration(filedAt, { workingDays: 10 }, shipped));

  // The first working day the period counts becomes a day off (an extra day announced during the year).
  let day = vnDate(filedAt);
  do day = vnDate(Date.parse(`${day}T12:00:00+07:00`) + 86_400_000);
  while (!isWorkingDay(day, shipped));
  const year = day.slice(0, 4);
  const days = [...(shipped[year] ?? []), day];
  const put = await api(h, admin, 'PUT', `/api/v1/admin/calendar/${year}`, {
    days,
    basis: 'Thông báo của Bộ Nội vụ về ngày nghỉ bù (thử nghiệm)',
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ version: 2, changed: true, casesFailed: [] });
  expect(put.body.casesSent).toBeGreaterThanOrEqual(1);

  const expected = addDuration(filedAt, { workingDays: 10 }, { ...shipped, [year]: days });
  expect(expected).toBeGreaterThan(before);
  await eventually(async () =>
    (await h.repos.cases.findById(id))!.dueAt!.getTime() === expected ? true : undefined,
  );
  const recounted = await eventually(async () =>
    (await entries('DEADLINE_RECOUNTED')).length ? entries('DEADLINE_RECOUNTED') : undefined,
  );
  expect(recounted[0]!.summary).toContain('phiên bản 2');

  // Everyone signed in reads the calendar in force; publishing the same days again changes nothing and resends.
  const read = await api(h, await login(h, 'thuky'), 'GET', '/api/v1/calendar');
  expect([read.status, read.body.version, read.body.holidays[year]]).toEqual([200, 2, [...days].sort()]);
  const again = await api(h, admin, 'PUT', `/api/v1/admin/calendar/${year}`, { days, basis: 'Gửi lại' });
  expect([again.status, again.body.version, again.body.changed]).toEqual([200, 2, false]);
  await new Promise((r) => setTimeout(r, 500));
  expect(await entries('DEADLINE_RECOUNTED')).toHaveLength(1);
  expect((await h.repos.cases.findById(id))!.dueAt!.getTime()).toBe(expected);
});

test("when a publication is not an administrator's or names a day of another year, then it is refused and nothing changes", async () => {
  const version = (await api(h, admin, 'GET', '/api/v1/calendar')).body.version;
  const body = { days: ['2027-01-04'], basis: 'Thông báo thử nghiệm' };
  const clerk = await api(h, await login(h, 'thuky'), 'PUT', '/api/v1/admin/calendar/2027', body);
  expect([clerk.status, clerk.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  const wrongYear = await api(h, admin, 'PUT', '/api/v1/admin/calendar/2028', body);
  expect([wrongYear.status, wrongYear.body.code]).toEqual([422, 'DAY_OUTSIDE_YEAR']);
  expect(wrongYear.body.detail).toContain('04/01/2027');
  expect((await api(h, admin, 'GET', '/api/v1/calendar')).body.version).toBe(version);
});
