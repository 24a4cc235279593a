/**
 * One initiative from filing to recognition and a replication report, every step done in the browser by the person
 * whose job it is, signed in as themselves; the case page offers each person only their own actions.
 */
import type { Browser, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  requestsDuring,
  screenshot,
  signIn,
} from './support/browser';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const TITLE = 'Ứng dụng mã QR tra cứu hồ sơ học sinh';

/** A page signed in as the person, on the case page. */
async function asPerson(username: string, id: string): Promise<Page> {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, username);
  await page.goto(`/ho-so/${id}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  return page;
}

/** Waits for the confirmation a successful action shows. */
async function confirmed(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
}

const actionsOf = (page: Page) => page.locator('section[aria-labelledby="h-mine"] h3').allInnerTexts();

test('when every person does their step in the browser, then the initiative is recognised and replicated', async () => {
  // The author files the dossier.
  const author = await newPage(browser, stack.baseUrl);
  await signIn(author, 'giaovien.thcs');
  await author.getByRole('link', { name: 'Nộp hồ sơ mới' }).first().click();
  await author.getByLabel('Tên sáng kiến').fill(TITLE);
  await author.getByLabel('Lĩnh vực áp dụng').fill('Giáo dục');
  const applied = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await author.getByLabel('Ngày sáng kiến được áp dụng lần đầu').fill(applied);
  await author
    .getByLabel('Tóm tắt nội dung sáng kiến')
    .fill('Mỗi học sinh có mã QR để phụ huynh tra cứu điểm, lịch học.');
  await author.getByLabel(/Đã hoàn thành áp dụng lần đầu/).check();
  await author
    .getByLabel('Nội dung giải pháp')
    .fill('In mã QR lên thẻ học sinh, liên kết tới trang tra cứu của trường.');
  await author.getByText('Tổng tỷ lệ đóng góp: 100%').waitFor();
  await screenshot(author, 'dossier-form');
  await expectAccessible(author);
  await author.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await author.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 30_000 });
  const id = decodeURIComponent(new URL(author.url()).pathname.split('/').pop()!);
  await author.getByText('Đã gửi hồ sơ.').waitFor();
  // Evidence, with the upload's progress shown until it lands.
  await author.locator('#attachments-file').setInputFiles({
    name: 'minh-chung.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await author.getByRole('button', { name: 'Tải lên' }).click();
  await confirmed(author, 'Đã đính kèm "minh-chung.pdf"');
  expect(await actionsOf(author)).not.toContain('Xem xét của thủ trưởng đơn vị');
  await author.context().close();

  // The school head endorses it, from the inbox.
  const head = await newPage(browser, stack.baseUrl);
  await signIn(head, 'hieutruong.thcs');
  await head
    .getByRole('link', { name: new RegExp(TITLE) })
    .first()
    .click();
  await head.getByLabel('Đồng ý, trình Hội đồng').check();
  await head.getByLabel(/Tôi xác nhận sáng kiến đã được áp dụng/).check();
  await screenshot(head, 'case-unit-review');
  await expectAccessible(head);
  await head.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await confirmed(head, 'Đã đồng ý, trình Hội đồng.');
  await head.context().close();

  // The secretary registers it and checks it.
  const secretary = await asPerson('thuky', id);
  await secretary.getByRole('button', { name: 'Tiếp nhận, vào sổ' }).click();
  await confirmed(secretary, 'Đã vào sổ');
  await secretary.getByLabel('Hợp lệ, chấp nhận').check();
  await secretary.getByRole('button', { name: 'Gửi kết quả kiểm tra' }).click();
  await confirmed(secretary, 'Hồ sơ hợp lệ');
  await secretary.context().close();

  // The chairman gives it to the standing council.
  const chairman = await asPerson('chutich', id);
  await chairman.getByRole('combobox', { name: 'Hội đồng (bắt buộc)' }).selectOption('hdsk-2026');
  await chairman.getByRole('button', { name: 'Giao Hội đồng' }).click();
  await confirmed(chairman, 'Đã giao Hội đồng');
  await chairman.context().close();

  // Each member scores on the pinned rubric; a score above a criterion's maximum is refused in the form.
  for (const [username, first] of [
    ['chutich', '26'],
    ['thuky', '25'],
    ['uyvien1', '24'],
    ['uyvien2', '27'],
  ] as const) {
    const member = await asPerson(username, id);
    if (username === 'uyvien1') {
      await member.getByLabel(/Tính mới/).fill('31');
      const sent = await requestsDuring(member, () =>
        member.getByRole('button', { name: 'Gửi phiếu chấm' }).click(),
      );
      await member.getByText('"Tính mới" từ 0 đến 30 điểm').first().waitFor();
      expect(sent.filter((r) => r.method() === 'POST')).toHaveLength(0);
      await screenshot(member, 'case-score-sheet-error');
    }
    await member.getByLabel(/Tính mới/).fill(first);
    await member.getByLabel(/Khả năng áp dụng/).fill('25');
    await member.getByLabel(/Hiệu quả \(tối đa/).fill('25');
    await member.getByLabel(/Phạm vi ảnh hưởng/).fill('8');
    await member.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
    await confirmed(member, 'Đã gửi phiếu chấm điểm.');
    await member.context().close();
  }

  // The secretary records the meeting: everyone present, everyone agrees.
  const meeting = await asPerson('thuky', id);
  for (const name of ['Hoàng Văn Bình', 'Vũ Thị Thu', 'Trần Quốc Toản', 'Ngô Thị Hạnh'])
    await meeting.getByLabel(`Biểu quyết của ${name}`).selectOption('AGREE');
  await meeting.getByLabel('Nội dung biên bản').fill('Hội đồng thống nhất đề nghị công nhận sáng kiến.');
  await screenshot(meeting, 'case-meeting');
  await meeting.getByRole('button', { name: 'Ký, gửi biên bản' }).click();
  await confirmed(meeting, 'Đã lập biên bản họp Hội đồng.');
  await meeting.context().close();

  // The school head reports the effect against the baseline and confirms it.
  const effect = await asPerson('hieutruong.thcs', id);
  await effect.getByLabel('Tên chỉ số (chỉ số 1)').fill('Thời gian tra cứu điểm');
  await effect.getByLabel('Đơn vị tính (chỉ số 1)').fill('phút');
  await effect.getByLabel('Mức ban đầu (chỉ số 1)').fill('15');
  await effect.getByLabel('Mức hiện tại (chỉ số 1)').fill('1');
  await effect.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await confirmed(effect, 'Đã gửi báo cáo hiệu quả.');
  await effect.getByLabel('Có hiệu quả', { exact: true }).check();
  await effect.getByLabel('Nội dung xác nhận').fill('Phụ huynh tra cứu nhanh, giảm 90% thời gian.');
  await effect.getByRole('button', { name: 'Xác nhận', exact: true }).click();
  await confirmed(effect, 'Đã xác nhận hiệu quả');
  await effect.context().close();

  // The chairman recognises it and designates the kindergarten to replicate it.
  const decide = await asPerson('chutich', id);
  await decide.getByLabel('Công nhận sáng kiến, cấp Giấy chứng nhận').check();
  await screenshot(decide, 'case-decision');
  await expectAccessible(decide);
  await decide.getByRole('button', { name: 'Ký quyết định' }).click();
  await confirmed(decide, 'Đã ký quyết định công nhận');
  await decide.getByLabel('Trường Mầm non Thanh Thủy').check();
  await decide.getByRole('button', { name: 'Chỉ định' }).click();
  await confirmed(decide, 'Đã chỉ định đơn vị nhân rộng.');
  await decide.context().close();

  // The kindergarten's head plans and reports the replication at their unit.
  const adopter = await asPerson('hieutruong.mamnon', id);
  await adopter
    .getByRole('textbox', { name: /^Kế hoạch/ })
    .fill('Áp dụng mã QR cho sổ bé ngoan từ tháng tới.');
  await adopter.getByRole('button', { name: 'Gửi kế hoạch' }).click();
  await confirmed(adopter, 'Đã gửi kế hoạch nhân rộng.');
  await adopter.getByLabel('Tên chỉ số (chỉ số 1)').fill('Phụ huynh dùng tra cứu');
  await adopter.getByLabel('Đơn vị tính (chỉ số 1)').fill('%');
  await adopter.getByLabel('Mức ban đầu (chỉ số 1)').fill('0');
  await adopter.getByLabel('Mức hiện tại (chỉ số 1)').fill('65');
  await adopter.getByRole('button', { name: 'Gửi báo cáo nhân rộng' }).click();
  await confirmed(adopter, 'Đã gửi báo cáo nhân rộng.');
  await screenshot(adopter, 'case-replication');
  await adopter.context().close();

  // The record shows every step, its chain intact.
  const state = await stack.client.workflow.getHandle(`initiative:${id}`).query('getState');
  expect(state).toMatchObject({ stage: 'REPLICATION_FOLLOW_UP', decision: { outcome: 'RECOGNISED' } });
}, 600_000);
