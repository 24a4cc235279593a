/** Notifications are marked read by each person they reach, and only by them. */
import { api, eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['giaovien.thcs', 'hieutruong.thcs', 'truongtram.yte', 'giamsat'] });

const as = (u: string, method: string, path: string, body?: unknown) =>
  api(h, h.token(u), method, path, body);

test('when the unit head marks a reminder read, then it is read for them, and nobody else can mark it', async () => {
  const filed = await as('giaovien.thcs', 'POST', '/api/v1/initiatives', {
    title: 'Sổ tay sơ cứu cho lớp học',
    unitId: 'truong-thcs',
    field: 'Y tế học đường',
    firstAppliedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Mỗi lớp một sổ tay sơ cứu có hình minh họa.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  const id: string = filed.body.id;
  await eventually(async () => (await h.repos.cases.findById(id)) ?? undefined);
  expect(
    (await as('giamsat', 'POST', `/api/v1/initiatives/${id}/reminders`, { message: 'Đề nghị xem xét sớm' }))
      .status,
  ).toBe(202);
  const mine = await eventually(async () => {
    const r = await as('hieutruong.thcs', 'GET', '/api/v1/me/notifications');
    return r.body.items.find(
      (n: { initiativeId: string; kind: string }) => n.initiativeId === id && n.kind === 'REMINDER',
    );
  });
  expect(mine).toMatchObject({ kind: 'REMINDER', read: false });

  // Someone it was not addressed to marks nothing.
  expect(
    (await as('truongtram.yte', 'POST', '/api/v1/me/notifications/read', { ids: [mine.id] })).body,
  ).toEqual({ marked: 0 });
  expect(
    (await as('hieutruong.thcs', 'POST', '/api/v1/me/notifications/read', { ids: [mine.id] })).body,
  ).toEqual({ marked: 1 });
  const after = await as('hieutruong.thcs', 'GET', '/api/v1/me/notifications');
  expect(after.body.items.find((n: { id: string }) => n.id === mine.id).read).toBe(true);
  // Marking again changes nothing; "all" marks whatever else is unread for this person only.
  expect(
    (await as('hieutruong.thcs', 'POST', '/api/v1/me/notifications/read', { ids: [mine.id] })).body,
  ).toEqual({ marked: 0 });
  expect((await h.repos.tasks.notifications.findById(mine.id).lean().exec())!.readBy).toEqual(['p-ht-thcs']);
});
