/** Secrets of embedded mode (the token signing secret, the payload key): made once, kept in the data folder. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The contents of `<dataDir>/<name>`, created with `make()` on first use, readable by its owner only. Two processes may
 * start at once on a fresh data folder (the worker, the gateway, parallel tests): each writes a file of its own whole,
 * then links it into place, which fails if another got there first; then that one is the secret. Nobody ever reads a
 * half-written file.
 */
export function secretFile(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const mine = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(mine, make(), { mode: 0o600 });
    try {
      fs.linkSync(mine, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(mine, { force: true });
    }
    return fs.readFileSync(file, 'utf8').trim();
  }
}
