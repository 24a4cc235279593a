/** Lists downloaded as spreadsheets from the pages people use, then opened again with exceljs. */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';
import { fileDossier, tokens } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let page: Page;
const TITLE = 'Sổ điểm danh bán trú bằng mã QR';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  const t = await tokens(stack, ['giaovien.thcs']);
  await fileDossier(stack, t['giaovien.thcs']!, { title: TITLE });
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

/** Clicks the download button in `scope` and opens the file it saved. */
async function downloaded(
  scope: Page | ReturnType<Page['locator']>,
): Promise<{ name: string; book: ExcelJS.Workbook }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('link', { name: 'Tải bảng tính (XLSX)' }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  return { name: download.suggestedFilename(), book };
}

test('when the supervisor downloads the case list, the stuck board and the statistics, then each opens with its rows', async () => {
  await signIn(page, 'giamsat');
  await page.goto('/ho-so');
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ sáng kiến' }).waitFor();
  await page.getByRole('link', { name: TITLE }).waitFor();
  const cases = await downloaded(page);
  expect(cases.name).toBe('danh-sach-ho-so.xlsx');
  const ws = cases.book.getWorksheet('Hồ sơ')!;
  const titles = ws.getColumn(2).values.slice(2);
  expect(titles).toContain(TITLE);

  await page.goto('/giam-sat');
  const board = await downloaded(page.locator('section', { has: page.locator('#ach-tac') }));
  expect(board.name).toBe('ho-so-ach-tac.xlsx');
  expect(board.book.getWorksheet('Hồ sơ ách tắc')!.getRow(1).getCell(1).value).toBe('Mã hồ sơ');
  const stats = await downloaded(page.locator('section', { has: page.locator('#so-lieu') }));
  const byStage = stats.book.getWorksheet('Theo giai đoạn')!;
  expect(byStage.getRow(1).values).toEqual([undefined, 'Giai đoạn', 'Số hồ sơ']);
});

test('when a visitor downloads the public list, then it opens as a spreadsheet without signing in', async () => {
  await page.goto('/cong-khai');
  const open = await downloaded(page);
  expect(open.name).toBe('sang-kien-duoc-cong-nhan.xlsx');
  expect(open.book.getWorksheet('Sáng kiến được công nhận')!.getRow(1).getCell(2).value).toBe(
    'Tên sáng kiến',
  );
});
