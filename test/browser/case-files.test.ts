/**
 * The case page's files in Chromium: the dossier printed as the application form (a PDF download), and an attached
 * file replaced by a newer version while the dossier is returned for amendment, the old one listed under it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderPdf } from '../../src/documents/pdf';
import { eventually } from '../support/harness';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  requestsDuring,
  SCREENS_DIR,
  screenshot,
  signIn,
} from './support/browser';
import { decideViaApi, fileDossier, tokens } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let page: Page;
let id: string;
let v1: Buffer;
const TITLE = 'Bảng theo dõi sức khỏe học sinh bán trú';

const pdfOf = (text: string) =>
  renderPdf({
    issuer: { name: 'Trường THCS Thanh Thủy' },
    number: null,
    place: 'Thanh Thủy',
    date: new Date('2026-03-01T00:00:00Z'),
    type: 'Bản mô tả sáng kiến',
    body: [{ kind: 'paragraph', text }],
  });

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  const t = await tokens(stack, ['giaovien.thcs', 'hieutruong.thcs']);
  id = await fileDossier(stack, t['giaovien.thcs']!, { title: TITLE });
  await eventually(async () => (await stack.repos.cases.findById(id)) ?? undefined, 20_000);
  v1 = await pdfOf('Bản mô tả, phiên bản thứ nhất.');
  const form = new FormData();
  form.append('file', new Blob([v1], { type: 'application/pdf' }), 'ban-mo-ta.pdf');
  const added = await fetch(`${stack.url}/api/v1/initiatives/${id}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t['giaovien.thcs']}` },
    body: form,
  });
  expect(added.status).toBe(201);
  // The unit head returns the dossier for amendment: its files may be replaced now.
  await decideViaApi(stack, t['hieutruong.thcs']!, id, 'unit-review', {
    outcome: 'RETURN',
    items: ['Bản mô tả cần số liệu trước và sau khi áp dụng'],
  });
  // Two servers, a browser and a decision on a shared two-core machine: patient, as the other files are.
}, 240_000);
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

async function onCase(username: string): Promise<void> {
  await signIn(page, username);
  await page.goto(`/ho-so/${id}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

test('when the filer clicks "In hồ sơ (PDF)", then the application form downloads as a PDF', async () => {
  await onCase('giaovien.thcs');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'In hồ sơ (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^don-yeu-cau-cong-nhan-sang-kien-SK-\d{4}-\d{4}\.pdf$/);
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes })
    .toString('utf8')
    .replace(/\s+/g, ' ');
  for (const s of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN',
    TITLE,
    'Nguyễn Thị Hương Trà',
    '80%',
    'Lưu Văn Khánh',
    '20%',
    'BẢN MÔ TẢ SÁNG KIẾN',
  ])
    expect(text).toContain(s);
  // The Word version is beside it.
  await page.getByRole('link', { name: 'Tải đơn (DOCX)' }).waitFor();
  await page.locator('.page-title').screenshot({ path: path.join(SCREENS_DIR, 'case-print-links.png') });
});

test('when the unit head opens the returned case, then they may print it but not replace its files', async () => {
  await onCase('hieutruong.thcs');
  await page.getByRole('link', { name: 'In hồ sơ (PDF)' }).waitFor();
  await page.getByRole('button', { name: 'ban-mo-ta.pdf', exact: true }).waitFor();
  expect(await page.getByRole('button', { name: /^Thay tệp/ }).count()).toBe(0);
});

test('when the filer replaces a file on the returned case, then the new one is current and the old one is listed, still downloadable', async () => {
  await onCase('giaovien.thcs');
  await page.getByRole('button', { name: 'Thay tệp ban-mo-ta.pdf' }).click();
  const form = page.getByRole('form', { name: 'Thay tệp ban-mo-ta.pdf' });

  // Without a file nothing is sent, and the field says why.
  const sent = await requestsDuring(page, async () => {
    await form.getByRole('button', { name: 'Tải lên tệp thay thế' }).click();
    await form.getByText('Chọn tệp thay thế').first().waitFor();
  });
  expect(sent.filter((r) => r.method() === 'POST')).toHaveLength(0);

  await form.getByLabel('Tệp mới thay cho "ban-mo-ta.pdf"').setInputFiles({
    name: 'ban-mo-ta-bo-sung.pdf',
    mimeType: 'application/pdf',
    buffer: await pdfOf('Bản mô tả, phiên bản thứ hai, có số liệu.'),
  });
  await form.getByLabel('Lý do thay').fill('Bổ sung số liệu theo yêu cầu');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Tải lên tệp thay thế' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Đã thay tệp "ban-mo-ta.pdf" bằng "ban-mo-ta-bo-sung.pdf"' })
    .waitFor({ timeout: 30_000 });

  const current = page.getByRole('list', { name: 'Tệp đính kèm hiện hành' });
  await current.getByRole('button', { name: 'ban-mo-ta-bo-sung.pdf', exact: true }).waitFor();
  const earlier = page.getByRole('list', { name: 'Phiên bản trước của ban-mo-ta-bo-sung.pdf' });
  await earlier.getByText('Đã được thay').waitFor();
  await earlier.getByText('Lý do: Bổ sung số liệu theo yêu cầu').waitFor();
  await earlier.getByText(/Nguyễn Thị Hương Trà/).waitFor();
  // The record says so.
  await page
    .getByText('Thay tệp "ban-mo-ta.pdf" bằng "ban-mo-ta-bo-sung.pdf"', { exact: false })
    .first()
    .waitFor();
  await screenshot(page, 'case-file-replaced');
  // The files section alone, to look at the versions as a person sees them.
  await page
    .locator('section[aria-labelledby="h-files"]')
    .screenshot({ path: path.join(SCREENS_DIR, 'case-files-versions.png') });
  await expectAccessible(page);

  // The old version still downloads, byte for byte.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    earlier.getByRole('button', { name: 'ban-mo-ta.pdf', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('ban-mo-ta.pdf');
  expect(fs.readFileSync(await download.path()).equals(v1)).toBe(true);

  // The case holds both, the old one marked as replaced.
  const stored = await stack.repos.cases.findById(id);
  expect(stored!.state.attachments!.map((a) => [a.filename, !!a.replacedBy])).toEqual([
    ['ban-mo-ta.pdf', true],
    ['ban-mo-ta-bo-sung.pdf', false],
  ]);
});
