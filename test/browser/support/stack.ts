/**
 * Per-file stack for browser tests: a real worker and gateway (test/support/harness.ts: own task queue, own database,
 * so a file sees only its own data) with the gateway serving the web app built by the global set-up.
 */
import { startHarness, type Harness } from '../../support/harness';

/** The gateway's URL is also the web app's: same origin for the pages and the API. */
export interface WebStack extends Harness {
  baseUrl: string;
}

export async function startWebStack(): Promise<WebStack> {
  const webDir = process.env['BROWSER_WEB_DIR'];
  if (!webDir) throw new Error('browser tests need their global set-up (BROWSER_WEB_DIR)');
  const before = process.env['WEB_DIR'];
  process.env['WEB_DIR'] = webDir;
  try {
    const h = await startHarness();
    return Object.assign(h, { baseUrl: h.url });
  } finally {
    if (before === undefined) delete process.env['WEB_DIR'];
    else process.env['WEB_DIR'] = before;
  }
}
