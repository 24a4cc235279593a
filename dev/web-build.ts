/** Builds the web app (Vite) when web/dist is missing or older than its sources, so `npm start` serves a current one. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const WEB_ROOT = path.resolve(__dirname, '..', 'web');

/** Newest modification time of the files under a folder (0 when absent). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** Vite's command-line entry, or null when Vite (a development dependency) is not installed. */
function viteBin(): string | null {
  try {
    return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return null;
  }
}

/** True when the built app is missing or a source changed after it was built. */
export function webBuildIsStale(webDir: string): boolean {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newest(path.join(WEB_ROOT, 'src')),
    newest(path.join(WEB_ROOT, 'public')),
    statSync(path.join(WEB_ROOT, 'index.html')).mtimeMs,
  );
  return sources > built;
}

/** Runs `vite build` for web/ (output web/dist). */
export function buildWeb(): Promise<void> {
  const vite = viteBin();
  if (!vite) return Promise.reject(new Error('Vite is not installed (run npm ci)'));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', path.join(WEB_ROOT, 'vite.config.mjs'), '--logLevel', 'warn'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

/** Builds the web app first when it is the repository's own web/dist and it is stale. */
export async function ensureWebBuilt(webDir: string, say: (m: string) => void): Promise<void> {
  if (path.resolve(webDir) !== path.join(WEB_ROOT, 'dist') || !webBuildIsStale(webDir)) return;
  if (!viteBin()) {
    say('web app not built and Vite is not installed (npm ci installs it): serving the API only');
    return;
  }
  say('building the web app (once, and again after its sources change)…');
  await buildWeb();
}

if (require.main === module) {
  buildWeb().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
