/** Signing in and out in the browser: Vietnamese errors, nothing sent for a bad field, each role's home page. */
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  launchBrowser,
  newPage,
  requestsDuring,
  signIn,
  signOut,
  waitForInbox,
} from './support/browser';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
beforeEach(async () => {
  page = await newPage(browser, stack.baseUrl);
});
afterEach(async () => {
  await page?.context().close();
});

const loginPosts = (requests: { method(): string; url(): string }[]) =>
  requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/auth/login');

test('when the password is wrong, then the Vietnamese error is shown and the person stays on the sign-in page', async () => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('giaovien.thcs');
  await page.getByLabel('Mật khẩu').fill('mat-khau-sai-hoan-toan');
  const sent = await requestsDuring(page, async () => {
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
  });
  expect(loginPosts(sent)).toHaveLength(1);
  expect(new URL(page.url()).pathname).toBe('/dang-nhap');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Đăng nhập');
  await expect(page.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);
  // The button is usable again for a corrected attempt.
  await expect(page.getByRole('button', { name: 'Đăng nhập' }).isEnabled()).resolves.toBe(true);
});

test('when a field is missing, then its Vietnamese error is shown next to it and no sign-in request is sent', async () => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('giaovien.thcs');
  const sent = await requestsDuring(page, async () => {
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Nhập mật khẩu').first().waitFor();
    // Give a wrongly sent request time to show up.
    await page.waitForTimeout(500);
  });
  expect(loginPosts(sent)).toHaveLength(0);

  // Next to the field: inside the field's own block, and announced with it (aria-describedby, aria-invalid).
  const password = page.getByLabel('Mật khẩu');
  await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
  const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
  expect(describedBy).not.toBe('');
  for (const id of describedBy.split(' ')) {
    await expect(page.locator(`[id="${id}"]`).count()).resolves.toBe(1);
  }
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'))!;
  await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toContain('Nhập mật khẩu');
  const field = password.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]');
  await expect(field.locator(`[id="${errorId}"]`).count()).resolves.toBe(1);
  // The other field is fine.
  await expect(page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid')).resolves.toBeNull();

  // Both empty: both errors, still nothing sent.
  await page.getByLabel('Tên đăng nhập').fill('');
  const again = await requestsDuring(page, async () => {
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Nhập tên đăng nhập').first().waitFor();
    await page.waitForTimeout(300);
  });
  expect(loginPosts(again)).toHaveLength(0);
  await expect(page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(new URL(page.url()).pathname).toBe('/dang-nhap');
});

// One demo person per role (src/seed/demo.ts).
const ROLES: [role: string, username: string, fullName: string][] = [
  ['SUBMITTER', 'giaovien.thcs', 'Nguyễn Thị Hương Trà'],
  ['UNIT_HEAD', 'hieutruong.thcs', 'Lê Văn Hùng'],
  ['SECRETARY', 'thuky', 'Vũ Thị Thu'],
  ['COUNCIL_MEMBER', 'uyvien1', 'Trần Quốc Toản'],
  ['CHAIRMAN', 'chutich', 'Hoàng Văn Bình'],
  ['SUPERVISOR', 'giamsat', 'Bùi Minh Châu'],
  ['ADMIN', 'quantri', 'Đinh Quang Huy'],
];

test.each(ROLES)(
  'when a %s (%s) signs in, then the home page is their inbox, a reload keeps the session and signing out ends it',
  async (_role, username, fullName) => {
    await page.goto('/');
    // Not signed in: the home page asks to sign in first, then comes back.
    await page.waitForURL('**/dang-nhap');
    await signIn(page, username, DEMO_PASSWORD);
    await waitForInbox(page);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText(fullName).first().waitFor();

    // The access token lives in memory only; the HttpOnly refresh cookie restores the session after a reload.
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.httpOnly).length).toBeGreaterThan(0);
    await expect(page.evaluate('document.cookie')).resolves.toBe('');
    await page.reload();
    await waitForInbox(page);
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();

    await signOut(page);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    // Ended on the server too: a reload does not bring the session back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await expect(page.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);
  },
);
