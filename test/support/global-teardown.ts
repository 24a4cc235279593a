/** Stops the servers the global set-up started and removes their data. */
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__SERVERS__?.stop();
  if (globalThis.__TEST_DATA_DIR__ && !process.env['KEEP_TEST_DATA']) {
    fs.rmSync(globalThis.__TEST_DATA_DIR__, { recursive: true, force: true });
  }
}
