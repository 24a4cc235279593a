/** Stops the servers when this project started them, and removes the web app built for the run. */
import fs from 'node:fs';
import serversTeardown from '../../support/global-teardown';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.__BROWSER_WEB_DIR__)
    fs.rmSync(globalThis.__BROWSER_WEB_DIR__, { recursive: true, force: true });
  if (globalThis.__BROWSER_OWNS_SERVERS__) await serversTeardown();
}
