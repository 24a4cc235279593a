/**
 * What the case page withholds and what a supervisor does: an author on the council cannot score (the form is absent,
 * with the reason); a supervisor finds an overdue case and extends it with a reason; a bad field is caught in the
 * form and nothing is sent.
 */
import type { Browser } from 'playwright-core';
import { fastPack, fileCase } from '../support/lifecycle';
import { eventually, api } from '../support/harness';
import { decideViaApi, fileDossier, tokens } from './support/data';
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

test('when a council member is an author, then the score sheet is absent and the reason is shown', async () => {
  const t = await tokens(stack, ['giaovien.thcs', 'hieutruong.thcs', 'thuky', 'chutich']);
  const title = 'Tủ sách dùng chung giữa các lớp';
  const id = await fileDossier(stack, t['giaovien.thcs']!, {
    title,
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 70 },
      { personId: 'p-uyvien1', fullName: 'Trần Quốc Toản', sharePercent: 30 },
    ],
  });
  await decideViaApi(stack, t['hieutruong.thcs']!, id, 'unit-review', {
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await decideViaApi(stack, t['thuky']!, id, 'registration', {});
  await decideViaApi(stack, t['thuky']!, id, 'formal-check', { outcome: 'ACCEPT' });
  await decideViaApi(stack, t['chutich']!, id, 'council', { councilId: 'hdsk-2026' });

  const member = await newPage(browser, stack.baseUrl);
  await signIn(member, 'uyvien1');
  await member.goto(`/ho-so/${id}`);
  await member.getByRole('heading', { level: 1, name: title }).waitFor();
  await member.getByText('Bạn là tác giả của sáng kiến này nên không chấm điểm').waitFor();
  expect(await member.getByRole('heading', { name: 'Phiếu chấm điểm' }).count()).toBe(0);
  expect(await member.getByRole('button', { name: 'Gửi phiếu chấm' }).count()).toBe(0);
  await screenshot(member, 'case-author-on-council');
  await expectAccessible(member);

  // Another member of the same council has the sheet.
  const other = await newPage(browser, stack.baseUrl);
  await signIn(other, 'uyvien2');
  await other.goto(`/ho-so/${id}`);
  await other.getByRole('heading', { name: 'Phiếu chấm điểm' }).waitFor();
  await Promise.all([member.context().close(), other.context().close()]);
}, 180_000);

test('when a case is past its due date, then the supervisor finds it and extends it with a reason', async () => {
  const title = 'Sổ theo dõi tiêm chủng bằng mã vạch';
  const { id } = await fileCase(stack.client, stack.config.temporal.taskQueue, {
    pack: fastPack({ unitReviewSla: { seconds: 2 } }),
    dossier: { title },
  });
  const supervisorToken = (await tokens(stack, ['giamsat']))['giamsat']!;
  // Overdue, and escalated: the case's record then says "Quá hạn" (seconds late, its due chip still says today).
  await eventually(async () => {
    const r = await api(stack, supervisorToken, 'GET', '/api/v1/supervision/stuck?overdue=true');
    return r.body.items?.find(
      (x: { id: string; reasons: string[] }) =>
        x.id === id && x.reasons.includes('Đã báo cáo lãnh đạo do quá hạn'),
    );
  }, 30_000);

  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'giamsat');
  await page.getByRole('link', { name: 'Giám sát' }).click();
  await page
    .getByRole('link', { name: new RegExp(title) })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page
    .getByText(/Quá hạn/)
    .first()
    .waitFor();
  await page.getByLabel('Gia hạn thêm (ngày làm việc)').fill('5');
  await page.getByLabel('Lý do gia hạn').fill('Thủ trưởng đơn vị đi công tác, cần thêm thời gian.');
  await page.getByRole('button', { name: 'Gia hạn', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gia hạn 5 ngày làm việc.' }).waitFor();
  await page.getByText('Thủ trưởng đơn vị đi công tác, cần thêm thời gian.').first().waitFor();
  await screenshot(page, 'case-supervisor-extended');
  await page.context().close();
}, 180_000);

test('when a share makes the total differ from 100, then the form shows the Vietnamese error and sends nothing', async () => {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'giaovien.thcs');
  await page.goto('/ho-so/moi');
  await page.getByLabel('Tên sáng kiến').fill('Sáng kiến thử lỗi tỷ lệ');
  await page.getByLabel('Tỷ lệ đóng góp (%)').fill('90');
  await page.getByText('cần đúng 100%, còn 10%').waitFor();
  const sent = await requestsDuring(page, async () => {
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa gửi được' }).waitFor();
  });
  await page
    .getByText(/Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% \(hiện là 90%\)/)
    .first()
    .waitFor();
  expect(sent.filter((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/initiatives'))).toHaveLength(
    0,
  );
  await screenshot(page, 'dossier-form-error');
  await page.context().close();
}, 120_000);

test('when the filer types a co-author already known, then she picks that person and the dossier names the same person', async () => {
  const t = await tokens(stack, ['giaovien.thcs']);
  const earlier = await fileDossier(stack, t['giaovien.thcs']!, {
    title: 'Sổ theo dõi sức khỏe học sinh',
    authors: [
      { personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 50 },
      { fullName: 'Đinh Công Tráng', workplace: 'Hội cha mẹ học sinh', sharePercent: 50 },
    ],
  });
  const known = await eventually(async () => (await stack.repos.cases.findById(earlier))?.authors[1]);

  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'giaovien.thcs');
  await page.goto('/ho-so/moi');
  await page.getByLabel('Tên sáng kiến').fill('Góc thư viện xanh');
  await page.getByLabel('Lĩnh vực áp dụng').fill('Giáo dục');
  await page
    .getByLabel('Ngày sáng kiến được áp dụng lần đầu')
    .fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('Tóm tắt nội dung sáng kiến').fill('Thư viện ngoài trời cho học sinh.');
  await page.getByLabel(/Đã hoàn thành áp dụng lần đầu/).check();
  await page.getByLabel('Nội dung giải pháp').fill('Kệ sách ở sân trường, học sinh tự mượn trả.');
  await page.getByRole('button', { name: 'Thêm đồng tác giả' }).click();
  const co = page.getByRole('group', { name: 'Đồng tác giả 1' });
  // Typed without diacritics, as on a phone: the known person is offered and picked.
  await co.getByLabel('Họ và tên').fill('dinh cong');
  await co.getByRole('button', { name: 'Đinh Công Tráng (Hội cha mẹ học sinh)' }).click();
  await expect(co.getByLabel('Họ và tên').inputValue()).resolves.toBe('Đinh Công Tráng');
  await co.getByText('Đã chọn đúng người trong danh bạ.').waitFor();
  await page.getByLabel('Tỷ lệ đóng góp (%)').first().fill('50');
  await co.getByLabel('Tỷ lệ đóng góp (%)').fill('50');
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await page.getByRole('heading', { level: 1, name: 'Góc thư viện xanh' }).waitFor({ timeout: 30_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const filed = await eventually(async () => (await stack.repos.cases.findById(id))?.authors[1]);
  expect(filed).toMatchObject({ personId: known.personId, fullName: 'Đinh Công Tráng' });
  await page.context().close();
}, 120_000);
