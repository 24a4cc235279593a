/**
 * The browser project's set-up: the real servers (shared with the integration project when both run, see
 * test/support/global-setup.ts) and the web app built once per run into a private folder, so a test run neither
 * depends on nor disturbs web/dist while someone develops. Each test file then starts its own worker and gateway
 * serving that folder (support/stack.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import serversSetup from '../../support/global-setup';
import { buildWebInto } from './web-build';

declare global {
  var __BROWSER_OWNS_SERVERS__: boolean | undefined;
  var __BROWSER_WEB_DIR__: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  // Started by the integration project's set-up earlier in this run, or given: not ours to stop.
  globalThis.__BROWSER_OWNS_SERVERS__ = !(process.env['TEMPORAL_ADDRESS'] && process.env['MONGODB_URI']);
  await serversSetup();
  if (process.env['BROWSER_WEB_DIR']) return; // a web app built beforehand (e.g. web/dist): used as it is
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-web-'));
  const started = Date.now();
  await buildWebInto(dir);
  process.stderr.write(`[browser tests] web app built in ${Date.now() - started} ms into ${dir}\n`);
  // Test workers are forked after this and inherit the environment.
  process.env['BROWSER_WEB_DIR'] = dir;
  globalThis.__BROWSER_WEB_DIR__ = dir;
}
