/**
 * The achievement record in the browser: a teacher's page after her initiative is recognised and after the recognition
 * is revoked; the emulation officer's review of the year downloaded as a spreadsheet and read back.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';
import { decideViaApi, recognisedInitiative, tokens } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let id: string;
const TITLE = 'Sổ theo dõi tiêm chủng học sinh điện tử';
const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  id = await recognisedInitiative(stack, {
    title: TITLE,
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 60 },
      // The test commune's council has this co-author on it (recused), as in the other life-cycle tests.
      { personId: 'author-1', fullName: 'Lưu Văn Khánh', sharePercent: 40 },
    ],
  });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The teacher's row for the initiative on her "Thành tích" page. */
async function myRow(): Promise<{ page: Page; row: ReturnType<Page['getByRole']> }> {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'giaovien.thcs');
  await page.goto('/thanh-tich');
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await row.waitFor();
  return { page, row };
}

test('when the officer downloads the year’s review, then the spreadsheet counts the teacher’s recognised initiative', async () => {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'giamsat');
  await page.goto('/thanh-tich');
  const review = page.locator('section', { has: page.locator('#review-h') });
  await review.getByRole('row', { name: /Nguyễn Thị Hương Trà/ }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    review.getByRole('link', { name: 'Tải bảng tính (XLSX)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`tong-hop-thanh-tich-${year}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const people = book.getWorksheet(`Cá nhân ${year}`)!;
  const tra = people
    .getRows(2, people.rowCount - 1)!
    .find((r) => r.getCell(1).value === 'Nguyễn Thị Hương Trà');
  expect(tra?.getCell(2).value).toBeGreaterThanOrEqual(1);
  await page.context().close();
});

test('when the teacher opens her record after recognition and again after a revocation, then the row says which', async () => {
  let { page, row } = await myRow();
  await row.getByText('60%').waitFor();
  await row.getByText('Được công nhận').waitFor();
  await page.context().close();

  const t = await tokens(stack, ['chutich']);
  await decideViaApi(stack, t['chutich']!, id, 'revocation', {
    reasons: 'Số liệu hiệu quả không trung thực',
  });
  // The revocation reaches the record in the background: the page shows it once it has.
  for (let attempt = 0; ; attempt++) {
    ({ page, row } = await myRow());
    if ((await row.getByText('Đã hủy bỏ công nhận').count()) > 0) break;
    await page.context().close();
    if (attempt > 20) throw new Error('the revocation never showed on the record');
    await new Promise((r) => setTimeout(r, 1000));
  }
  expect(await row.getByText('Được công nhận').count()).toBe(0);
  await page.context().close();
}, 120_000);
