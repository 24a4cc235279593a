/**
 * The embedded-mode signing secret on a fresh data folder, asked for by several processes at once (parallel test files
 * on a clean checkout did this and one failed with EEXIST): all get the same whole secret, none an error.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('when six processes ask for the secret of a fresh data folder at once, then all get the same one', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-secret-'));
  // Each process loads the code, then waits for the same instant to ask, so their first reads and writes collide.
  const at = Date.now() + 4_000;
  const script = `
    const { resolveAuthSecret } = require(${JSON.stringify(path.resolve(__dirname, '../../src/gateway/auth'))});
    while (Date.now() < ${at});
    process.stdout.write(resolveAuthSecret({ auth: {}, dataDir: ${JSON.stringify(dataDir)} }));
  `;
  try {
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, ['--import', 'tsx', '-e', script])),
    );
    const secrets = new Set(outputs.map((o) => o.stdout));
    expect(secrets.size).toBe(1);
    expect([...secrets][0]).toMatch(/^[\w-]{64}$/);
    expect(fs.readdirSync(dataDir)).toEqual(['auth-secret']);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
