/**
 * Notifications by e-mail through the real SMTP server of the test run (Mailpit), read back through Mailpit's API:
 * who gets which mail as a case is filed, returned, amended, endorsed and registered; nothing confidential in any of
 * them; choices per person (off, daily digest); and one mail per recipient when the write behind it is retried.
 */
import { createLogger } from '../../src/logger';
import { emailChannel } from '../../src/notify/channels';
import { digestInstant, NotificationSender } from '../../src/notify/sender';
import { eventually } from '../support/harness';
import { fastPack } from '../support/lifecycle';
import { mailsOf, mailsTo, type Mail } from '../support/mailpit';
import { useHarness } from '../support/use-harness';

const PUBLIC = 'http://sangkien.test';
const SECRET = 'KHÓA-QUẢN-TRỊ-7731';
let crashed = false;
const h = useHarness({
  people: ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'quantri', 'giamsat'],
  env: { PUBLIC_URL: PUBLIC },
  // The first write of a case titled "…(thử sự cố)" fails after writing everything: its retry must add no mail.
  afterRecord: (input) => {
    if (!crashed && input.readModel?.dossier.title.includes('thử sự cố')) {
      crashed = true;
      throw new Error('worker dies after the write');
    }
  },
});
const addr = (username: string) => `${username}@thanhthuy.example`;

async function file(title: string): Promise<string> {
  const r = await h.as('giaovien.thcs').post('/api/v1/initiatives', {
    title,
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
    summary: 'Theo dõi chuyên cần của học sinh bằng mã QR tại cổng trường.',
    authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
    confidentialInfo: `Mật khẩu hệ thống: ${SECRET}`,
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** Waits until the case's mails satisfy `done`, then returns them all. */
const mailsUntil = (id: string, done: (m: Mail[]) => boolean) =>
  eventually(async () => {
    const m = await mailsOf(id);
    return done(m) ? m : undefined;
  }, 20_000);
const to = (m: Mail[], username: string) => m.filter((x) => x.to.includes(addr(username)));
const step = (id: string, want: string) =>
  eventually(async () => {
    const r = await h.as('thuky').get(`/api/v1/initiatives/${id}`);
    return r.body.step === want ? r.body : undefined;
  }, 20_000);

test('when a case is filed, returned, amended, endorsed and registered, then each person gets the right mail', async () => {
  const id = await file('Điểm danh học sinh bằng mã QR');
  const link = `${PUBLIC}/ho-so/${id}`;
  const dueDate = /Hạn xử lý: \d{2}\/\d{2}\/\d{4}/;

  // The unit head is told there is work, by when, and where.
  let mails = await mailsUntil(id, (m) => to(m, 'hieutruong.thcs').length === 1);
  const task = to(mails, 'hieutruong.thcs')[0]!;
  expect(task.subject).toContain('[Sáng kiến] Việc cần làm: ');
  expect(task.subject).toContain('Điểm danh học sinh bằng mã QR');
  expect(task.text).toContain('Kính gửi Lê Văn Hùng');
  expect(task.text).toContain('Thủ trưởng đơn vị xem xét hồ sơ');
  expect(task.text).toMatch(dueDate);
  expect(task.text).toContain(`Xem hồ sơ: ${link}`);

  // Returned for amendment: the filer hears what to fix and by when, once (not also as a bare task).
  let r = await h.as('hieutruong.thcs').post(`/api/v1/initiatives/${id}/unit-review`, {
    outcome: 'RETURN',
    items: ['Bổ sung biên bản áp dụng thử tại lớp 8A'],
  });
  expect(r.status).toBe(200);
  mails = await mailsUntil(id, (m) => to(m, 'giaovien.thcs').length >= 1);
  const returned = to(mails, 'giaovien.thcs');
  expect(returned).toHaveLength(1);
  expect(returned[0]!.subject).toContain('Hồ sơ cần bổ sung');
  expect(returned[0]!.text).toContain('- Bổ sung biên bản áp dụng thử tại lớp 8A');
  expect(returned[0]!.text).toMatch(/Hạn bổ sung: \d{2}\/\d{2}\/\d{4}/);

  // Amended, then endorsed: the unit head and then the secretary are told.
  const current = (await h.as('giaovien.thcs').get(`/api/v1/initiatives/${id}`)).body;
  r = await h.as('giaovien.thcs').post(`/api/v1/initiatives/${id}/amendment`, {
    dossier: {
      title: current.dossier.title,
      unitId: 'truong-thcs',
      field: 'Giáo dục',
      firstAppliedOn: current.dossier.firstAppliedOn,
      summary: `${current.dossier.summary} Có biên bản áp dụng thử tại lớp 8A.`,
      authors: current.dossier.authors,
      confidentialInfo: `Mật khẩu hệ thống: ${SECRET}`,
    },
  });
  expect(r.status).toBe(200);
  await mailsUntil(id, (m) => to(m, 'hieutruong.thcs').length === 2);
  r = await h.as('hieutruong.thcs').post(`/api/v1/initiatives/${id}/unit-review`, {
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  expect(r.status).toBe(200);
  await mailsUntil(id, (m) => to(m, 'thuky').length === 1);

  // Registered: the filer gets the register number and the date to expect an answer by.
  r = await h.as('thuky').post(`/api/v1/initiatives/${id}/registration`);
  expect(r.status).toBe(200);
  const registerNo: string = r.body.state.registration.registerNo;
  mails = await mailsUntil(id, (m) => to(m, 'giaovien.thcs').length === 2);
  const registered = to(mails, 'giaovien.thcs')[1]!;
  expect(registered.subject).toContain('Hồ sơ đã được tiếp nhận và vào sổ');
  expect(registered.text).toContain(`Số vào sổ tiếp nhận: ${registerNo}`);
  expect(registered.text).toMatch(/Hẹn trả kết quả trước ngày: \d{2}\/\d{2}\/\d{4}/);
  await step(id, 'FORMAL_CHECK');

  // Nothing confidential in any mail, one mail per Message-ID, and the same news in the app.
  mails = await mailsOf(id);
  for (const m of mails) expect(`${m.subject}\n${m.text}`).not.toContain(SECRET);
  expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
  const inApp = await h.as('giaovien.thcs').get('/api/v1/me/notifications');
  const mine = inApp.body.items.filter((n: { initiativeId: string }) => n.initiativeId === id);
  expect(mine.map((n: { kind: string }) => n.kind)).toEqual(['DECISION', 'DECISION']);
  for (const n of mine) expect(n.message).not.toContain(SECRET);
});

test('when the write that files a case is retried after a crash, then nobody gets a mail twice', async () => {
  const id = await file('Sổ theo dõi chuyên cần (thử sự cố)');
  await mailsUntil(id, (m) => to(m, 'hieutruong.thcs').length >= 1);
  expect(crashed).toBe(true);
  // Long enough for a second delivery to have arrived, had the retry queued one.
  await new Promise((r) => setTimeout(r, 2_000));
  const mails = await mailsOf(id);
  expect(to(mails, 'hieutruong.thcs')).toHaveLength(1);
  expect(await h.repos.outbox.sent.countDocuments({ initiativeId: id })).toBe(mails.length);
});

test('when people choose no mail or a daily digest, then they get that, and only they may change it', async () => {
  const since = Date.now();
  let r = await h.as('giaovien.thcs').call('PUT', '/api/v1/me/contact', { notify: { email: 'OFF' } });
  expect(r.status).toBe(200);
  expect(r.body.notify).toEqual({ email: 'OFF', webhook: 'IMMEDIATE' });
  r = await h.as('hieutruong.thcs').call('PUT', '/api/v1/me/contact', { notify: { email: 'DIGEST' } });
  expect(r.body).toMatchObject({ email: addr('hieutruong.thcs'), notify: { email: 'DIGEST' } });

  // Bad input is refused and changes nothing; only an administrator sets someone else's.
  r = await h.as('giaovien.thcs').call('PUT', '/api/v1/me/contact', { email: 'không-phải-địa-chỉ' });
  expect(r.status).toBe(400);
  expect(r.body.errors[0].message).toBe('Địa chỉ thư điện tử không hợp lệ');
  r = await h.as('giaovien.thcs').call('PUT', '/api/v1/admin/people/p-ht-thcs/contact', { email: null });
  expect(r.status).toBe(403);
  expect((await h.as('hieutruong.thcs').get('/api/v1/me/contact')).body.email).toBe(addr('hieutruong.thcs'));

  const id = await file('Thư viện số cho học sinh');
  r = await h.as('hieutruong.thcs').post(`/api/v1/initiatives/${id}/unit-review`, {
    outcome: 'RETURN',
    items: ['Nêu rõ số học sinh đã dùng'],
  });
  expect(r.status).toBe(200);
  // The decision and the task are written (queued for the digest), but no mail goes out now.
  await eventually(async () =>
    (await h.repos.outbox.outbox.countDocuments({ initiativeId: id, status: 'WAITING_DIGEST' })) >= 1
      ? true
      : undefined,
  );
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await mailsOf(id)).toEqual([]);

  // At the digest hour the next day, one mail lists the day's news (a second sender shares the outbox safely).
  const sender = new NotificationSender(
    h.repos.outbox,
    { email: emailChannel(process.env['SMTP_URL']!, h.config.notify.from) },
    { pollMs: 60_000, retryBaseMs: 200, digestHour: 7, site: { baseUrl: PUBLIC, commune: 'Thanh Thủy' } },
    createLogger('silent'),
  );
  await sender.runOnce(new Date(digestInstant(new Date(Date.now() + 86_400_000), 7).getTime() + 60_000));
  await sender.stop();
  const digests = await eventually(async () => {
    const m = (await mailsTo(addr('hieutruong.thcs'), since)).filter((x) => x.subject.includes('Tổng hợp'));
    return m.length ? m : undefined;
  });
  expect(digests).toHaveLength(1);
  expect(digests[0]!.text).toContain('- Việc cần làm: ');
  expect(digests[0]!.text).toContain('Thư viện số cho học sinh');
  expect(digests[0]!.text).toContain(`${PUBLIC}/ho-so/${id}`);
  expect(await mailsTo(addr('giaovien.thcs'), since)).toEqual([]);
  expect(await h.repos.outbox.outbox.countDocuments({ initiativeId: id })).toBe(0);
  for (const u of ['giaovien.thcs', 'hieutruong.thcs'])
    await h.as(u).call('PUT', '/api/v1/me/contact', { notify: { email: 'IMMEDIATE' } });
});

test('when the administrator sends a test message, then it arrives; others may not send one', async () => {
  const since = Date.now();
  let r = await h.as('giamsat').post('/api/v1/admin/notifications/test', { personId: 'p-thuky' });
  expect(r.status).toBe(403);
  r = await h.as('quantri').post('/api/v1/admin/notifications/test', { personId: 'p-khong-co' });
  expect(r).toMatchObject({ status: 404, body: { code: 'PERSON_NOT_FOUND' } });
  r = await h.as('quantri').post('/api/v1/admin/notifications/test', { personId: 'p-thuky' });
  expect(r.status).toBe(202);
  const got = await eventually(async () => {
    const m = await mailsTo(addr('thuky'), since);
    return m.find((x) => x.subject.includes('Thư thử')) ?? undefined;
  });
  expect(got.text).toContain('Đây là thư thử');
});

test('when a step runs late, then whoever must act is reminded by mail and the supervisor hears of the delay', async () => {
  // Last in this file: from now on new filings use a rule pack whose unit review lasts three seconds.
  const pack = {
    ...fastPack({ unitReviewSla: { seconds: 3 } }),
    version: 'notify-fast',
    effectiveFrom: new Date(Date.now() - 1000).toISOString(),
  };
  expect((await h.as('quantri').post('/api/v1/admin/rule-packs', pack)).status).toBe(201);
  const id = await file('Bản đồ số các lớp học');
  const mails = await mailsUntil(
    id,
    (m) => to(m, 'giamsat').length >= 1 && to(m, 'hieutruong.thcs').length >= 2,
  );
  const reminder = to(mails, 'hieutruong.thcs').find((m) => m.subject.includes('Nhắc việc'))!;
  expect(reminder.text).toContain('Bản đồ số các lớp học');
  expect(reminder.text).toMatch(/Hạn xử lý: \d{2}\/\d{2}\/\d{4}/);
  const late = to(mails, 'giamsat')[0]!;
  expect(late.subject).toContain('Hồ sơ quá hạn xử lý');
  expect(late.text).toContain('Quá hạn');
});
