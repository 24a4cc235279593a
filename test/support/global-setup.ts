/** Starts the real servers once per test run (or uses TEMPORAL_ADDRESS and MONGODB_URI) and shares their addresses. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startServers, type Servers } from '../../dev/servers';
import { freePort } from '../../dev/servers/process';

declare global {
  var __SERVERS__: Servers | undefined;
  var __TEST_DATA_DIR__: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env['TEMPORAL_ADDRESS'] && process.env['MONGODB_URI']) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-test-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    TEMPORAL_PORT: String(await freePort()),
    MONGODB_PORT: String(await freePort()),
    MAIL_SMTP_PORT: String(await freePort()),
    MAIL_UI_PORT: String(await freePort()),
    // A first run may build the servers with Go; readiness itself takes about a second.
    SERVER_START_TIMEOUT_MS: '60000',
    // Suggest continue-as-new early, so the life-cycle tests also prove that cases survive it.
    TEMPORAL_DEV_DYNAMIC_CONFIG: 'limit.historyCount.suggestContinueAsNew=100',
  });
  const servers = await startServers(config, (m) => process.stderr.write(`[test servers] ${m}\n`), {
    headless: true,
  });
  // Test workers are forked after this and inherit the environment.
  process.env['TEMPORAL_ADDRESS'] = servers.temporal.address;
  process.env['MONGODB_URI'] = servers.mongo.uri;
  // Every test worker sends through the real SMTP server; the tests read what arrived through Mailpit's API.
  if (servers.mail.smtpUrl) process.env['SMTP_URL'] = servers.mail.smtpUrl;
  if (servers.mail.inboxUrl) process.env['MAILPIT_URL'] = servers.mail.inboxUrl;
  globalThis.__SERVERS__ = servers;
  globalThis.__TEST_DATA_DIR__ = dataDir;
}
