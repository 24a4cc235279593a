/**
 * Accounts that run themselves: a person chooses how they hear of their work and changes their password; the
 * administrator makes a reset link and imports people from a spreadsheet.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { IMPORT_HEADINGS } from '../../src/domain/people-import';
import { checkScreen, DEMO_PASSWORD, launchBrowser, newPage, signIn, signOut } from './support/browser';
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

test('when a teacher changes her password on her page, then she signs in with the new one', async () => {
  await signIn(page, 'yta');
  await page.goto('/ca-nhan');
  await page.getByLabel('Mật khẩu hiện tại').fill('không-đúng-mật-khẩu');
  await page.getByLabel(/^Mật khẩu mới/).fill('y-tá-đổi-mật-khẩu');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('y-tá-đổi-mật-khẩu');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Mật khẩu hiện tại không đúng.').first().waitFor();
  await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Đã đổi mật khẩu').waitFor();
  await signOut(page);
  await signIn(page, 'yta', 'y-tá-đổi-mật-khẩu');
});

test('when the administrator makes a reset link, then the person sets a new password through it, once', async () => {
  await signIn(page, 'quantri');
  await page.goto('/quan-tri');
  const row = page.getByRole('row', { name: /Nguyễn Thị Hương Trà/ });
  await row.getByRole('button', { name: /Sửa/ }).click();
  await page.getByRole('button', { name: 'Tạo liên kết đặt lại mật khẩu' }).click();
  const link = (await page.locator('code.reset-link').textContent())!;
  await page.getByText(/Đã gửi liên kết tới .+@thanhthuy\.example\./).waitFor();
  await checkScreen(page, 'admin-reset-link');
  await signOut(page);

  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await page.getByRole('heading', { level: 1, name: 'Đặt lại mật khẩu' }).waitFor();
  await page.getByLabel(/^Mật khẩu mới/).fill('giáo-viên-mật-khẩu-mới');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('giáo-viên-mật-khẩu-mới');
  await checkScreen(page, 'reset-password');
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await page.getByText('Đã đặt mật khẩu mới.').waitFor();
  await signIn(page, 'giaovien.thcs', 'giáo-viên-mật-khẩu-mới');
});

test('when the administrator imports people with one bad row, then the page lists that row’s problems and nobody is added', async () => {
  await signIn(page, 'quantri');
  await page.goto('/quan-tri');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Người dùng');
  ws.addRow([...IMPORT_HEADINGS]);
  ws.addRow(['p-ke-toan', 'ketoan', 'Đào Thị Mến', 'Tác giả sáng kiến', 'Phòng Kinh tế', '', '', '']);
  ws.addRow(['p-sai', 'hieutruong.thcs', 'Trùng Tên', 'Thủ kho', 'phong-kinh-te', '', '', '']);
  await page.getByLabel('Bảng tính (.xlsx)').setInputFiles({
    name: 'nguoi-dung.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await book.xlsx.writeBuffer()),
  });
  await page.getByRole('button', { name: 'Nhập người dùng' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Chưa nhập được' });
  await alert.getByText('1 trong 2 dòng có lỗi; chưa nhập gì.', { exact: false }).waitFor();
  await alert
    .getByRole('cell', { name: 'Tên đăng nhập "hieutruong.thcs" đã được dùng; Không có vai trò "Thủ kho"' })
    .waitFor();
  await checkScreen(page, 'admin-import-errors');
  await expect(page.getByText('ketoan', { exact: true }).count()).resolves.toBe(0);
});
