/** A person changes their own password; an administrator's one-time reset link is mailed, works once, then expires. */
import { api, eventually, login } from '../support/harness';
import { mailsTo } from '../support/mailpit';
import { useHarness } from '../support/use-harness';

const h = useHarness({
  people: ['giaovien.thcs', 'quantri', 'giamsat'],
  env: { PUBLIC_URL: 'http://sangkien.test' },
});
const signIn = (username: string, password: string) =>
  api(h, null, 'POST', '/api/v1/auth/login', { username, password });

test('when a person changes their password, then only the new one works and their other sessions end', async () => {
  const other = await login(h, 'giaovien.thcs'); // signed in on another device
  const me = h.as('giaovien.thcs');
  let r = await me.post('/api/v1/me/password', {
    currentPassword: 'sai-mat-khau',
    newPassword: 'mật-khẩu-mới-2026',
  });
  expect(r).toMatchObject({ status: 400, body: { code: 'WRONG_PASSWORD' } });
  expect(r.body.errors[0]).toMatchObject({
    path: 'body.currentPassword',
    message: 'Mật khẩu hiện tại không đúng.',
  });
  r = await me.post('/api/v1/me/password', { currentPassword: h.config.demoPassword, newPassword: 'ngắn' });
  expect(r.body.errors[0].message).toBe('Mật khẩu mới tối thiểu 12 ký tự');
  r = await me.post('/api/v1/me/password', {
    currentPassword: h.config.demoPassword,
    newPassword: 'mật-khẩu-mới-2026',
  });
  expect(r.status).toBe(204);
  expect((await me.get('/api/v1/me')).status).toBe(200); // this session goes on
  expect((await api(h, other, 'GET', '/api/v1/me')).status).toBe(401); // the other one ended
  expect((await signIn('giaovien.thcs', h.config.demoPassword)).status).toBe(401);
  expect((await signIn('giaovien.thcs', 'mật-khẩu-mới-2026')).status).toBe(200);
});

test('when the administrator creates a reset link, then it is mailed, sets a password once, and an old one expires', async () => {
  const since = Date.now();
  expect((await h.as('giamsat').post('/api/v1/admin/people/p-yta/password-reset')).status).toBe(403);
  const r = await h.as('quantri').post('/api/v1/admin/people/p-yta/password-reset');
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ mailedTo: 'yta@thanhthuy.example' });
  expect(r.body.link).toMatch(/^http:\/\/sangkien\.test\/dat-lai-mat-khau#[\w-]{43}$/);
  const token = (r.body.link as string).split('#')[1]!;

  const mail = await eventually(async () => (await mailsTo('yta@thanhthuy.example', since))[0]);
  expect(mail.subject).toBe('[Sáng kiến] Đặt mật khẩu');
  expect(mail.text).toContain(r.body.link);
  expect(mail.text).toContain('tên đăng nhập: yta');

  const reset = (t: string, newPassword = 'trạm-y-tế-an-toàn') =>
    api(h, null, 'POST', '/api/v1/auth/password-reset', { token: t, newPassword });
  expect((await reset(token, 'ngắn')).status).toBe(400);
  expect((await reset(token)).status).toBe(204);
  expect((await signIn('yta', 'trạm-y-tế-an-toàn')).status).toBe(200);
  expect((await reset(token, 'lần-thứ-hai-không-được')).body.code).toBe('RESET_LINK_INVALID');
  expect((await signIn('yta', 'lần-thứ-hai-không-được')).status).toBe(401);

  // A link not used within its 30 minutes no longer works.
  const late = await h.as('quantri').post('/api/v1/admin/people/p-yta/password-reset');
  const lateToken = (late.body.link as string).split('#')[1]!;
  await h.repos.passwordResets.model.updateMany(
    { usedAt: null },
    { $set: { expiresAt: new Date(Date.now() - 1) } },
  );
  expect((await reset(lateToken, 'quá-hạn-rồi-nhé')).body.code).toBe('RESET_LINK_INVALID');
  // Only the token's hash is stored.
  expect(await h.repos.passwordResets.model.countDocuments({ _id: lateToken })).toBe(0);
});
