/** A visitor reads the public list of recognised initiatives without signing in, and finds one by a plain search. */
import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, newPage, requestsDuring, signIn, until } from './support/browser';
import { fileDossier, recognisedInitiative, tokens } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let page: Page;

const RECOGNISED = 'Sổ liên lạc điện tử giữa nhà trường và phụ huynh';
const OTHER = 'Phần mềm quản lý tủ thuốc của trạm y tế';
const PENDING = 'Sổ liên lạc điện tử cho học sinh bán trú';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  await recognisedInitiative(
    stack,
    { title: RECOGNISED, summary: 'Gửi thông báo, điểm và lịch học qua ứng dụng thay cho sổ giấy.' },
    { replicationOpen: true },
  );
  await recognisedInitiative(stack, { title: OTHER, summary: 'Theo dõi hạn dùng thuốc trên máy tính.' });
  // Filed but not recognised: never public.
  const t = await tokens(stack, ['giaovien.thcs']);
  await fileDossier(stack, t['giaovien.thcs']!, { title: PENDING });
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

const titles = (p: Page) => p.getByRole('heading', { level: 3 }).allTextContents();

test('when a visitor searches the public list without diacritics, then the recognised initiative is found, no sign-in', async () => {
  await page.goto('/cong-khai');
  await page.getByRole('heading', { level: 1, name: 'Sáng kiến được công nhận' }).waitFor();
  await page.getByRole('heading', { level: 3, name: RECOGNISED }).waitFor();
  expect((await titles(page)).sort()).toEqual([OTHER, RECOGNISED].sort());
  expect(await titles(page)).not.toContain(PENDING);
  // Nobody is signed in, and the page did not send anyone to the sign-in page.
  expect(new URL(page.url()).pathname).toBe('/cong-khai');
  await expect(page.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);

  // Typed the way people often type on a phone: no diacritics, mixed case.
  const sent = await requestsDuring(page, async () => {
    await page
      .getByRole('searchbox', { name: 'Tìm theo tên hoặc nội dung' })
      .pressSequentially('so lien LAC dien tu', {
        delay: 20,
      });
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'so lien LAC dien tu');
    expect(
      await until(
        () => titles(page),
        (t) => t.length === 1,
      ),
    ).toEqual([RECOGNISED]);
  });
  expect(sent.some((r) => r.url().includes('/api/v1/public/initiatives?'))).toBe(true);
  expect(sent.some((r) => new URL(r.url()).pathname.startsWith('/api/v1/initiatives'))).toBe(false);

  // The entry says who, where and by which decision.
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: RECOGNISED }) });
  const text = (await entry.textContent()) ?? '';
  expect(text).toContain('Trường THCS Thanh Thủy');
  expect(text).toContain('Nguyễn Thị Hương Trà (70%)');
  expect(text).toMatch(/Số \d{2}\/QĐ-UBND, ngày \d{2}\/\d{2}\/\d{4}/);
  await page.getByText(/Tìm thấy 1 sáng kiến/).waitFor();

  // The search survives a reload (it is in the address).
  await page.reload();
  expect(
    await until(
      () => titles(page),
      (t) => t.length === 1,
    ),
  ).toEqual([RECOGNISED]);
});

test('when nothing matches, then the visitor is told so in Vietnamese', async () => {
  await page.goto('/cong-khai?q=khong%20co%20sang%20kien%20nay');
  await page.getByText('Không có sáng kiến nào khớp với điều kiện tìm.').waitFor();
  expect(await titles(page)).toEqual([]);
});

test('when a unit head outside the case volunteers from the public list, then her school adopts it and the case opens for her', async () => {
  await signIn(page, 'hieutruong.mamnon');
  await page.goto('/cong-khai?q=so%20lien%20lac');
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: RECOGNISED }) });
  await entry.getByRole('button', { name: 'Đăng ký nhân rộng tại đơn vị mình' }).click();
  await entry.getByText('Đã đăng ký nhân rộng tại đơn vị của bạn.').waitFor();
  await entry.getByRole('link', { name: 'Mở hồ sơ' }).click();
  await page.getByRole('heading', { level: 1, name: RECOGNISED }).waitFor();
  expect(await page.getByText('Trường Mầm non Thanh Thủy').count()).toBeGreaterThan(0);
});

test('the public list after a search: accessible at phone and desktop sizes, screenshots', async () => {
  await page.goto('/cong-khai?q=so%20lien%20lac');
  await page.getByRole('heading', { level: 3, name: RECOGNISED }).waitFor();
  await checkScreen(page, 'public-list-search');
});
