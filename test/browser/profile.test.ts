/** A person chooses how they hear of their work: their address and, per channel, at once, a daily digest, or off. */
import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, newPage, signIn } from './support/browser';
import { tokens } from './support/data';
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

test('when a teacher asks for one mail a day and fixes her address, then the page keeps it and says so', async () => {
  await signIn(page, 'giaovien.thcs');
  await page.getByRole('link', { name: 'Cá nhân' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cá nhân' }).waitFor();
  const email = page.getByLabel('Thư điện tử', { exact: true });
  expect(await email.inputValue()).toBe('giaovien.thcs@thanhthuy.example');
  await checkScreen(page, 'profile');

  // A wrong address is refused next to the field, in Vietnamese; nothing is saved.
  await email.fill('huong-tra@');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Địa chỉ thư điện tử không hợp lệ').first().waitFor();

  await email.fill('huongtra.thcs@thanhthuy.example');
  await page.getByRole('radio', { name: 'Tổng hợp một thư mỗi ngày (7 giờ)' }).check();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu cách nhận thông báo.').waitFor();

  const t = await tokens(stack, ['giaovien.thcs']);
  const res = await fetch(`${stack.baseUrl}/api/v1/me/contact`, {
    headers: { authorization: `Bearer ${t['giaovien.thcs']}` },
  });
  expect(await res.json()).toMatchObject({
    email: 'huongtra.thcs@thanhthuy.example',
    notify: { email: 'DIGEST' },
  });
});
