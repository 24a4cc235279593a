/**
 * Driving Debian's Chromium with playwright-core: launch, a page per person, sign-in through the real form,
 * screenshots at phone and desktop sizes, and the axe-core accessibility check (WCAG 2.1 A/AA).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** Where the screenshots go (ignored by git). */
export const SCREENS_DIR = path.resolve(__dirname, '../../../test-artifacts/screens');

/** The demo commune's password (src/seed/demo.ts; DEMO_PASSWORD changes it). */
export const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] ?? 'demo-sangkien-2026';

/** Headless Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium (installed by .ci/run). */
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`);
  // In Vietnamese, as the commune's people use it: native controls (date fields as dd/mm/yyyy, the file picker)
  // follow the browser's language, which needs Debian's chromium-l10n.
  const args = ['--disable-dev-shm-usage', '--lang=vi'];
  // Chromium's sandbox refuses to run as root (CI runs as root).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath, headless: true, args, env: { ...process.env, LANGUAGE: 'vi' } });
}

/**
 * A fresh page (its own cookies, so its own session) on the app, in Vietnamese and Vietnam time.
 * Desktop size unless told otherwise.
 */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The home page is ready: its heading and the task list (or its empty state) are shown. */
export async function waitForInbox(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
  await page
    .getByRole('list', { name: 'Danh sách việc cần làm' })
    .or(page.getByText('Không có việc nào đang chờ bạn.'))
    .waitFor();
}

/** Signs in through the real form (from the current page or /dang-nhap) and waits for the home page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/dang-nhap')) await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** Signs out with the header's button; the session ends on the server too. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor({ state: 'detached' });
}

/** Records the requests a page sends while `action` runs (e.g. to prove that nothing was sent). */
export async function requestsDuring(page: Page, action: () => Promise<void>): Promise<Request[]> {
  const seen: Request[] = [];
  const listener = (r: Request) => seen.push(r);
  page.on('request', listener);
  try {
    await action();
  } finally {
    page.off('request', listener);
  }
  return seen;
}

/** Lets the page settle after a resize or navigation: no network for a moment, fonts loaded, a frame drawn. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  // A string, as it runs in the page (the project's types have no DOM).
  await page.evaluate(
    'document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))',
  );
}

async function atSize<T>(
  page: Page,
  size: { width: number; height: number },
  run: () => Promise<T>,
): Promise<T> {
  const before = page.viewportSize();
  await page.setViewportSize(size);
  try {
    await settle(page);
    return await run();
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Saves full-page PNGs of the current screen at phone and desktop sizes: `<name>-phone.png`, `<name>-desktop.png`. */
export async function screenshot(page: Page, name: string): Promise<string[]> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const files: string[] = [];
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    const file = path.join(SCREENS_DIR, `${name}-${label}.png`);
    await atSize(page, size, () => page.screenshot({ path: file, fullPage: true, animations: 'disabled' }));
    files.push(file);
  }
  return files;
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core's violations of WCAG 2.1 A and AA on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation, with a readable list of what and where. */
export async function expectAccessible(page: Page, where = new URL(page.url()).pathname): Promise<void> {
  const bad = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length === 0) return;
  const list = bad
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.slice(0, 5).join('\n    ')}`)
    .join('\n');
  throw new Error(`accessibility violations on ${where} (${page.viewportSize()?.width}px):\n${list}`);
}

/** One main screen: at phone then desktop size, the axe check and a full-page screenshot (`<name>-<size>.png`). */
export async function checkScreen(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await atSize(page, size, async () => {
      await expectAccessible(page, `${name} (${label})`);
      const file = path.join(SCREENS_DIR, `${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    });
  }
}

/** Polls `probe` until `ok` holds (then returns the value) or the time runs out (then returns the last value). */
export async function until<T>(
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
