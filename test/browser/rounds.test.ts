/**
 * Rounds in the browser, where the commune takes dossiers only in rounds: the teacher is told before sending that no
 * round is open and her filing is refused; the administrator opens a round for her school; the council's secretary
 * sets one sitting over three of the round's cases and downloads its agenda, which lists them in that order.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { api, eventually } from '../support/harness';
import { checkScreen, launchBrowser, newPage, signIn } from './support/browser';
import { decideViaApi, fileDossier, tokens } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let t: Record<string, string>;
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const year = today.slice(0, 4);
const ROUND = `Đợt 2 năm ${year}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  t = await tokens(stack, ['quantri', 'giaovien.thcs', 'hieutruong.thcs', 'thuky', 'chutich']);
  const pack = {
    ...DEFAULT_RULE_PACK,
    version: 'chi-theo-dot',
    effectiveFrom: new Date(Date.now() - 1000).toISOString(),
    yearRoundFiling: { value: false, basis: { kind: 'policy', note: 'chỉ nhận hồ sơ theo đợt' } },
  };
  const r = await api(stack, t['quantri']!, 'POST', '/api/v1/admin/rule-packs', pack);
  if (r.status !== 201) throw new Error(`pack refused: ${r.status}`);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('when no round is open, then the teacher is told before sending, and her filing is refused with the same words', async () => {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'giaovien.thcs');
  await page.goto('/ho-so/moi');
  await page.getByLabel('Tên sáng kiến').fill('Lịch trực bán trú trên điện thoại');
  await page.getByLabel('Lĩnh vực áp dụng').fill('Giáo dục');
  await page
    .getByLabel('Ngày sáng kiến được áp dụng lần đầu')
    .fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
  await page
    .getByLabel('Tóm tắt nội dung sáng kiến')
    .fill('Giáo viên xem lịch trực bán trú trên điện thoại.');
  await page.getByLabel(/Đã hoàn thành áp dụng lần đầu/).check();
  await page
    .getByLabel('Nội dung giải pháp')
    .fill('Lịch trực đăng trên trang của trường, nhắc trước một ngày.');
  await page.getByRole('status').filter({ hasText: 'Hiện không có đợt xét sáng kiến nào' }).waitFor();
  await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await page.getByRole('alert').filter({ hasText: 'Hiện không có đợt xét sáng kiến nào' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/ho-so/moi');
  const list = await api(stack, t['giaovien.thcs']!, 'GET', '/api/v1/initiatives');
  expect(list.body.total).toBe(0);
  await page.context().close();
});

test('when the administrator opens a round for the school, then it is listed as taking dossiers and the school files into it', async () => {
  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'quantri');
  await page.getByRole('link', { name: 'Đợt xét' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Đợt xét sáng kiến' }).waitFor();
  await page.getByLabel('Tên đợt xét').fill(ROUND);
  await page.getByLabel('Mã đợt xét').fill(`dot-2-${year}`);
  await page.getByLabel('Bắt đầu nhận hồ sơ').fill(today);
  await page.getByLabel('Kết thúc nhận hồ sơ').fill(`${year}-12-31`);
  await page.getByLabel('Trường THCS Thanh Thủy').check();
  await page.getByRole('button', { name: 'Mở đợt xét' }).click();
  await page.getByText(`Đã mở ${ROUND}.`).waitFor();
  const row = page.getByRole('row', { name: new RegExp(ROUND) });
  await row.getByText('Đang nhận hồ sơ').waitFor();
  await row.getByText('Trường THCS Thanh Thủy').waitFor();
  await checkScreen(page, 'rounds');
  await page.context().close();

  const teacher = await newPage(browser, stack.baseUrl);
  await signIn(teacher, 'giaovien.thcs');
  await teacher.goto('/ho-so/moi');
  await teacher.getByLabel('Lĩnh vực áp dụng').fill('Giáo dục');
  await teacher
    .getByRole('status')
    .filter({ hasText: `được xét trong ${ROUND}` })
    .waitFor();
  await teacher.context().close();
});

test('when the secretary sets one sitting over three of the round’s cases, then its agenda lists the three in that order', async () => {
  const ids: string[] = [];
  for (const title of ['Sổ điểm danh QR', 'Thư viện số của trường', 'Ngân hàng đề kiểm tra']) {
    const id = await fileDossier(stack, t['giaovien.thcs']!, { title });
    await eventually(async () => {
      const r = await api(stack, t['hieutruong.thcs']!, 'GET', `/api/v1/initiatives/${id}`);
      return r.status === 200 ? r : undefined;
    }, 20_000);
    await decideViaApi(stack, t['hieutruong.thcs']!, id, 'unit-review', {
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    await decideViaApi(stack, t['thuky']!, id, 'registration');
    await decideViaApi(stack, t['thuky']!, id, 'formal-check', { outcome: 'ACCEPT' });
    await decideViaApi(stack, t['chutich']!, id, 'council', { councilId: 'hdsk-2026' });
    ids.push(id);
  }
  const codes = await Promise.all(
    ids.map(
      async (id) => (await api(stack, t['thuky']!, 'GET', `/api/v1/initiatives/${id}`)).body.code as string,
    ),
  );

  const page = await newPage(browser, stack.baseUrl);
  await signIn(page, 'thuky');
  await page.goto(`/dot-xet/dot-2-${year}`);
  await page.getByRole('heading', { level: 1, name: ROUND }).waitFor();
  await page.getByLabel(/^Hội đồng/).selectOption('hdsk-2026');
  await page.getByLabel('Thời gian họp').fill(`${year}-12-20T08:30`);
  await page.getByLabel('Địa điểm').fill('Hội trường UBND xã');
  // The council takes them in the order they are ticked: the third filed first.
  for (const code of [codes[2]!, codes[0]!, codes[1]!])
    await page.getByLabel(new RegExp(code)).check({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Lập phiên họp' }).click();
  await page.getByText('gồm 3 hồ sơ').first().waitFor();
  const sitting = page.locator('article', { hasText: 'Hội trường UBND xã' });
  await sitting.getByRole('listitem').nth(2).waitFor();
  expect((await sitting.getByRole('listitem').allInnerTexts()).map((x) => x.split(' – ')[0])).toEqual([
    codes[2],
    codes[0],
    codes[1],
  ]);
  await checkScreen(page, 'round');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sitting.getByRole('link', { name: 'Chương trình họp (PDF)' }).click(),
  ]);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await download.path(), '-'])
    .toString('utf8')
    .replace(/\s+/g, ' ');
  expect(fs.existsSync(await download.path())).toBe(true);
  expect(text).toContain('CHƯƠNG TRÌNH HỌP');
  const at = [codes[2]!, codes[0]!, codes[1]!].map((c) => text.indexOf(c));
  expect(at.every((i) => i > 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  await page.context().close();
});
