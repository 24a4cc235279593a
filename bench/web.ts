/**
 * Benchmark: the web app's first load and how soon its two entry screens are usable, measured in the same run.
 * - First load: the JavaScript and CSS that web/dist/index.html pulls in directly (entry script, module preloads,
 *   stylesheets; not the screens loaded on demand), gzipped with zlib as a server would send them.
 * - Time until usable, in headless Chromium (Debian's, via playwright-core), each run in a fresh browser context
 *   (empty cache, as a first visit): the inbox of a signed-in unit head (`/`, until the "Việc cần làm" heading and the
 *   task list are rendered) against the public list (`/cong-khai`, until its entries are rendered), alternating,
 *   median of N runs. `npm run bench:web` (BENCH_WEB_RUNS, default 15).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt } from '../dev/web-build';
import { toReplication } from '../test/support/drive';
import { fileCase } from '../test/support/lifecycle';
import { launchBrowser } from '../test/browser/support/browser';
import { percentile, say, startStack, writeResults } from './support';

const RUNS = Number(process.env['BENCH_WEB_RUNS'] ?? 15);
const INBOX_TASKS = Number(process.env['BENCH_WEB_TASKS'] ?? 5);
const PUBLIC_ITEMS = Number(process.env['BENCH_WEB_PUBLIC'] ?? 5);
const WEB_DIR = path.resolve(__dirname, '..', 'web', 'dist');

const r1 = (x: number) => Math.round(x * 10) / 10;
const kb = (bytes: number) => r1(bytes / 1024);

interface Asset {
  file: string;
  kind: 'js' | 'css';
  bytes: number;
  gzipBytes: number;
}

/** The files index.html loads directly, with their raw and gzipped sizes. */
function firstLoad(webDir: string): { assets: Asset[]; lazy: Asset[] } {
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || !/\.(js|css)$/.test(src)) continue;
    if (tag.startsWith('<link') && !/rel="(stylesheet|modulepreload)"/.test(tag)) continue;
    refs.add(src.replace(/^\//, ''));
  }
  const measure = (file: string): Asset => {
    const body = fs.readFileSync(path.join(webDir, file));
    return {
      file,
      kind: file.endsWith('.css') ? 'css' : 'js',
      bytes: body.length,
      gzipBytes: zlib.gzipSync(body).length,
    };
  };
  const assets = [...refs].map(measure);
  const lazy = fs
    .readdirSync(path.join(webDir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => /\.(js|css)$/.test(f) && !refs.has(f))
    .map(measure);
  return { assets, lazy };
}

/** In the page, from navigation start: the time at which `ready` first holds (checked on every DOM change). */
const READY_PROBE = (ready: string) => `
  (() => {
    const ready = () => { try { return ${ready}; } catch { return false; } };
    const check = () => {
      if (window.__usableAt === undefined && ready()) { window.__usableAt = performance.now(); observer.disconnect(); }
    };
    const observer = new MutationObserver(check);
    document.addEventListener('DOMContentLoaded', () => {
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      check();
    });
  })();`;

const h1Is = (text: string) =>
  `[...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === ${JSON.stringify(text)})`;
const INBOX_READY = `${h1Is('Việc cần làm')} && (!!document.querySelector('ul[aria-label="Danh sách việc cần làm"] li') || document.body.textContent.includes('Không có việc nào đang chờ bạn.'))`;
const PUBLIC_READY = `${h1Is('Sáng kiến được công nhận')} && !!document.querySelector('main ol li h3')`;

/** One cold visit: a fresh context (empty cache), signed in through the API when asked; ms until usable. */
async function visit(
  browser: Browser,
  baseURL: string,
  url: string,
  ready: string,
  login?: unknown,
): Promise<number> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
  });
  try {
    if (login) {
      // The context's request client shares its cookies: the HttpOnly refresh cookie is set as after a sign-in.
      const r = await context.request.post('/api/v1/auth/login', { data: login });
      if (!r.ok()) throw new Error(`login: ${r.status()}`);
    }
    await context.addInitScript({ content: READY_PROBE(ready) });
    const page = await context.newPage();
    await page.goto(url);
    // A function, not a string: the app's Content-Security-Policy forbids eval.
    await page.waitForFunction(
      () => (globalThis as { __usableAt?: number }).__usableAt !== undefined,
      undefined,
      {
        timeout: 30_000,
      },
    );
    return await page.evaluate<number>('window.__usableAt');
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  await ensureWebBuilt(WEB_DIR, say);
  const { assets, lazy } = firstLoad(WEB_DIR);
  const sum = (xs: Asset[], key: 'bytes' | 'gzipBytes', kind?: Asset['kind']) =>
    xs.filter((a) => !kind || a.kind === kind).reduce((n, a) => n + a[key], 0);

  const stack = await startStack({ gateway: true });
  const url = stack.gateway!.url;
  const password = stack.config.demoPassword;
  let browser: Browser | undefined;
  try {
    const token = async (username: string) => {
      const r = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return ((await r.json()) as { accessToken: string }).accessToken;
    };
    say(
      `filing ${INBOX_TASKS} dossiers for the unit head's inbox, recognising ${PUBLIC_ITEMS} for the public list…`,
    );
    const teacher = await token('giaovien.thcs');
    for (let i = 0; i < INBOX_TASKS; i++) {
      const r = await fetch(`${url}/api/v1/initiatives`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${teacher}` },
        body: JSON.stringify({
          title: `Sáng kiến số ${i + 1} chờ thủ trưởng xem xét`,
          unitId: 'truong-thcs',
          field: 'Giáo dục',
          firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
          summary: 'Hồ sơ dùng để đo thời gian tải trang.',
          authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
        }),
      });
      if (r.status !== 201) throw new Error(`filing: ${r.status} ${await r.text()}`);
    }
    for (let i = 0; i < PUBLIC_ITEMS; i++) {
      const { handle } = await fileCase(stack.client, stack.config.temporal.taskQueue, {
        dossier: { title: `Sáng kiến được công nhận số ${i + 1}` },
      });
      await toReplication(handle);
    }
    const head = await token('hieutruong.thcs');
    for (;;) {
      const [tasks, pub] = await Promise.all([
        fetch(`${url}/api/v1/me/tasks`, { headers: { authorization: `Bearer ${head}` } }).then(
          (r) => r.json() as Promise<{ items: unknown[] }>,
        ),
        fetch(`${url}/api/v1/public/initiatives`).then((r) => r.json() as Promise<{ total: number }>),
      ]);
      if (tasks.items.length >= INBOX_TASKS && pub.total >= PUBLIC_ITEMS) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    browser = await launchBrowser();
    const login = { username: 'hieutruong.thcs', password };
    // One unmeasured visit of each, so the gateway and the servers are warm (the browser cache never is).
    await visit(browser, url, '/', INBOX_READY, login);
    await visit(browser, url, '/cong-khai', PUBLIC_READY);
    say(`${RUNS} cold visits of each, alternating…`);
    const inbox: number[] = [];
    const pub: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      inbox.push(await visit(browser, url, '/', INBOX_READY, login));
      pub.push(await visit(browser, url, '/cong-khai', PUBLIC_READY));
    }
    const stats = (xs: number[]) => ({
      median: r1(percentile(xs, 50)),
      p90: r1(percentile(xs, 90)),
      min: r1(Math.min(...xs)),
      max: r1(Math.max(...xs)),
    });
    let chromiumVersion = browser.version();
    try {
      chromiumVersion = execFileSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', ['--version'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
    } catch {
      /* keep the version the browser reported */
    }
    const pkg = (name: string) =>
      (
        JSON.parse(
          fs.readFileSync(path.resolve(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8'),
        ) as { version: string }
      ).version;
    const cpu = os.cpus();
    const results = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? 'unknown',
        memoryMB: Math.round(os.totalmem() / 2 ** 20),
        platform: `${os.platform()} ${os.release()}`,
        loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      versions: {
        node: process.version,
        chromium: chromiumVersion,
        playwrightCore: pkg('playwright-core'),
        vite: pkg('vite'),
        react: pkg('react'),
      },
      servers: stack.servers,
      firstLoad: {
        gzipLevel: 'zlib default (6)',
        totalGzipKB: kb(sum(assets, 'gzipBytes')),
        jsGzipKB: kb(sum(assets, 'gzipBytes', 'js')),
        cssGzipKB: kb(sum(assets, 'gzipBytes', 'css')),
        totalRawKB: kb(sum(assets, 'bytes')),
        files: assets,
        onDemandGzipKB: kb(sum(lazy, 'gzipBytes')),
        onDemandFiles: lazy.length,
      },
      usableMs: {
        runs: RUNS,
        method:
          'fresh browser context per visit (empty cache), desktop 1440×900, no throttling; time from navigation start to the first DOM change after which the screen is usable',
        inbox: {
          ...stats(inbox),
          as: 'hieutruong.thcs (signed in: refresh cookie set)',
          tasks: INBOX_TASKS,
          until: 'h1 "Việc cần làm" and the task list rendered',
        },
        publicList: { ...stats(pub), entries: PUBLIC_ITEMS, until: 'h1 and the list entries rendered' },
        ratioMedian: r1(percentile(inbox, 50) / percentile(pub, 50)),
      },
    };
    writeResults('web.json', results);
    const f = results.firstLoad;
    console.log(
      `first load (JS + CSS in index.html, gzipped): ${f.totalGzipKB} KB (JS ${f.jsGzipKB} KB, CSS ${f.cssGzipKB} KB; ${f.totalRawKB} KB raw); screens on demand: ${f.onDemandGzipKB} KB gzipped in ${f.onDemandFiles} files`,
    );
    const u = results.usableMs;
    console.log(
      `usable after (median of ${RUNS}, cold cache): inbox ${u.inbox.median} ms (p90 ${u.inbox.p90}), public list ${u.publicList.median} ms (p90 ${u.publicList.p90}); inbox ×${u.ratioMedian} of the public list`,
    );
    console.log('results written to bench/results/web.json');
  } finally {
    await browser?.close();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
