/**
 * Remuneration paid, not only computed (NĐ13 Art. 10), in the browser: on a recognised initiative whose dossier says
 * remuneration applies, the school head sets year 1's amount from its benefit and records a payment to the teacher;
 * the case page shows what is outstanding before and after; the teacher sees it on her achievement record, with no
 * form to record payments herself.
 */
import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, newPage, signIn } from './support/browser';
import { recognisedInitiative } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let id: string;
const TITLE = 'Phần mềm quản lý thư viện trường học';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  id = await recognisedInitiative(stack, {
    title: TITLE,
    summary: 'Mượn, trả sách bằng mã vạch; thống kê sách đọc nhiều.',
    remunerationApplies: true,
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
      // The test commune's council has this co-author on it (recused), as in the other life-cycle tests.
      { personId: 'author-1', fullName: 'Lưu Văn Khánh', sharePercent: 30 },
    ],
  });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A page signed in as the person, on the case page's "Thù lao" section. */
async function remunerationOf(username: string): Promise<Page> {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, username);
  await page.goto(`/ho-so/${id}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Thù lao' }).waitFor();
  return page;
}
const outstanding = (page: Page) => page.getByTestId('thu-lao-con-phai-tra');

test('when the head records a payment, then the outstanding amount shown before it drops by the payment', async () => {
  const head = await remunerationOf('hieutruong.thcs');
  await head.getByRole('heading', { level: 3, name: /Năm áp dụng thứ 1/ }).waitFor();
  expect(await outstanding(head).innerText()).toBe('0 đ');

  // Year 1's amount, from the year's benefit: 7%, split 70/30.
  const assess = head.locator('section[aria-labelledby="thu-lao-xac-dinh-h"]');
  await assess.getByLabel('Theo tiền làm lợi của năm (7%)').check();
  await assess.getByLabel('Tiền làm lợi của năm (đồng)').fill('12.000.000');
  await assess.getByText('Mức tối thiểu: 840.000 đ').waitFor();
  await assess.getByRole('button', { name: 'Lưu số tiền thù lao' }).click();
  await head.getByRole('status').filter({ hasText: 'Đã xác định thù lao năm thứ 1: 840.000 đ.' }).waitFor();
  await head.getByText('Căn cứ: 7% × tiền làm lợi 12.000.000 đ = 840.000 đ', { exact: false }).waitFor();
  await head.getByTestId('thu-lao-con-phai-tra').filter({ hasText: '840.000 đ' }).waitFor();
  const year1 = head.locator('section[aria-labelledby="thu-lao-nam-1"]');
  const traRow = year1.getByRole('row', { name: /Nguyễn Thị Hương Trà/ });
  expect(await traRow.innerText()).toMatch(/588\.000 đ[\s\S]*0 đ[\s\S]*588\.000 đ/);

  // An overpayment is refused with its reason, and nothing changes.
  const pay = head.locator('section[aria-labelledby="thu-lao-chi-tra-h"]');
  await pay.getByLabel('Tác giả nhận').selectOption({ label: 'Nguyễn Thị Hương Trà (70%)' });
  await pay.getByText('Còn phải trả cho tác giả: 588.000 đ').waitFor();
  await pay.getByLabel('Số tiền chi (đồng)').fill('600.000');
  await pay.getByLabel('Số chứng từ chi').fill('Phiếu chi số 015/PC');
  await pay.getByRole('button', { name: 'Ghi nhận chi trả' }).click();
  await pay
    .getByRole('alert')
    .filter({ hasText: 'vượt quá số còn phải trả cho Nguyễn Thị Hương Trà năm thứ 1 (588.000 đ)' })
    .waitFor();
  expect(await outstanding(head).innerText()).toBe('840.000 đ');

  // The payment, with the voucher's scan.
  await pay.getByLabel('Số tiền chi (đồng)').fill('300.000');
  await pay.getByLabel('Tệp chứng từ (PDF, ảnh)').setInputFiles({
    name: 'phieu-chi-015.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await pay.getByRole('button', { name: 'Ghi nhận chi trả' }).click();
  await head
    .getByRole('status')
    .filter({ hasText: 'Đã ghi nhận chi trả 300.000 đ cho Nguyễn Thị Hương Trà (năm thứ 1).' })
    .waitFor();
  await outstanding(head).filter({ hasText: '540.000 đ' }).waitFor();
  expect(await traRow.innerText()).toMatch(/588\.000 đ[\s\S]*300\.000 đ[\s\S]*288\.000 đ/);
  const payments = head.getByRole('table', { name: 'Các khoản đã chi trả' });
  expect(await payments.innerText()).toContain('Phiếu chi số 015/PC');
  await payments.getByRole('button', { name: 'phieu-chi-015.pdf' }).waitFor();
  await head.locator('#h-remuneration').scrollIntoViewIfNeeded();
  await checkScreen(head, 'case-remuneration');
  await head.context().close();
});

test('when the teacher opens her record and the case, then she sees what she was paid and has no payment form', async () => {
  const teacher = await remunerationOf('giaovien.thcs');
  await outstanding(teacher).filter({ hasText: '540.000 đ' }).waitFor();
  expect(await teacher.getByRole('button', { name: 'Ghi nhận chi trả' }).count()).toBe(0);
  await teacher.goto('/thanh-tich');
  const mine = teacher.getByRole('region', { name: 'Bảng thành tích' }).first();
  const row = mine.getByRole('row', { name: new RegExp(TITLE) });
  await row.waitFor();
  expect(await row.innerText()).toContain('Đã trả 300.000 đ / phải trả 588.000 đ');
  expect(await row.innerText()).toContain('Còn phải trả 288.000 đ');
  await teacher.context().close();
});
