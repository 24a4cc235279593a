/**
 * Each main screen as the person whose screen it is: no serious or critical accessibility violation (axe-core,
 * WCAG 2.1 A/AA) at phone and desktop sizes, and a full-page PNG of each size in test-artifacts/screens/.
 * To add a screen, add a row to SCREENS.
 */
import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, newPage, signIn, waitForInbox } from './support/browser';
import { decideViaApi, fileDossier, recognisedInitiative, taskAppears, tokens } from './support/data';
import { startWebStack, type WebStack } from './support/stack';

let stack: WebStack;
let browser: Browser;
let page: Page;
/** Cases made for the screens: one waiting for its unit head, one waiting for the secretary. */
const cases: { review: string; registration: string } = { review: '', registration: '' };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  const t = await tokens(stack, ['giaovien.thcs', 'hieutruong.thcs', 'thuky']);
  cases.review = await fileDossier(stack, t['giaovien.thcs']!);
  cases.registration = await fileDossier(stack, t['giaovien.thcs']!, {
    title: 'Phiếu đánh giá học sinh bằng mã QR',
    summary: 'Giáo viên quét mã QR để ghi nhận xét hằng ngày, cuối kỳ tổng hợp tự động.',
  });
  await taskAppears(stack, t['hieutruong.thcs']!, cases.registration);
  await decideViaApi(stack, t['hieutruong.thcs']!, cases.registration, 'unit-review', {
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await taskAppears(stack, t['thuky']!, cases.registration);
  await taskAppears(stack, t['hieutruong.thcs']!, cases.review);
  // The public list is not empty.
  await recognisedInitiative(stack, { title: 'Sổ điểm điện tử của trường THCS' });
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

/** A screen is shown when its title is there and nothing on it is still loading. */
async function shown(p: Page): Promise<void> {
  await p.getByRole('heading', { level: 1 }).first().waitFor();
  await p.locator('.loading').first().waitFor({ state: 'detached' });
}

interface Screen {
  /** File name of the screenshots (`<name>-phone.png`, `<name>-desktop.png`). */
  name: string;
  /** Signed in as this demo person, or a visitor. */
  as: string | null;
  path: () => string;
  /** What shows the screen is ready (default: a heading and no loading indicator). */
  ready?: (p: Page) => Promise<void>;
}

const INBOXES: [username: string, who: string][] = [
  ['giaovien.thcs', 'submitter'],
  ['hieutruong.thcs', 'unit-head'],
  ['thuky', 'secretary'],
  ['uyvien1', 'council-member'],
  ['chutich', 'chairman'],
  ['giamsat', 'supervisor'],
  ['quantri', 'admin'],
];

const SCREENS: Screen[] = [
  { name: 'login', as: null, path: () => '/dang-nhap' },
  {
    name: 'public-list',
    as: null,
    path: () => '/cong-khai',
    ready: (p) => p.getByRole('heading', { level: 3 }).first().waitFor(),
  },
  ...INBOXES.map(([username, who]) => ({
    name: `inbox-${who}`,
    as: username,
    path: () => '/',
    ready: waitForInbox,
  })),
  { name: 'supervision', as: 'giamsat', path: () => '/giam-sat' },
  { name: 'admin', as: 'quantri', path: () => '/quan-tri' },
  {
    name: 'achievements-officer',
    as: 'giamsat',
    path: () => '/thanh-tich',
    ready: (p) => p.getByRole('table').first().waitFor(),
  },
  { name: 'achievements-unit-head', as: 'hieutruong.thcs', path: () => '/thanh-tich' },
  { name: 'case-list-submitter', as: 'giaovien.thcs', path: () => '/ho-so' },
  { name: 'case-list-secretary', as: 'thuky', path: () => '/ho-so' },
  { name: 'new-dossier', as: 'giaovien.thcs', path: () => '/ho-so/moi' },
  { name: 'case-unit-head', as: 'hieutruong.thcs', path: () => `/ho-so/${cases.review}` },
  { name: 'case-secretary', as: 'thuky', path: () => `/ho-so/${cases.registration}` },
  // The demo commune takes dossiers all year: its standing round, as the council's secretary sees it.
  {
    name: 'round-standing-secretary',
    as: 'thuky',
    path: () => `/dot-xet/thuong-xuyen-${new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()}`,
    ready: (p) => p.getByRole('heading', { name: 'Lập phiên họp Hội đồng' }).waitFor(),
  },
  { name: 'not-found', as: null, path: () => '/khong-co-trang-nay' },
];

test.each(SCREENS.map((s) => [s.name, s.as ?? 'visitor', s] as const))(
  'the %s screen (as %s): accessible at phone and desktop sizes, screenshots',
  async (name, _who, screen) => {
    if (screen.as) await signIn(page, screen.as);
    await page.goto(screen.path());
    await (screen.ready ?? shown)(page);
    await shown(page);
    await checkScreen(page, name);
  },
);
