/** Builds the web app (Vite, web/vite.config.mjs) into a given folder instead of web/dist. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const WEB_ROOT = path.resolve(__dirname, '..', '..', '..', 'web');

export function buildWebInto(outDir: string): Promise<void> {
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const args = [vite, 'build', '--config', path.join(WEB_ROOT, 'vite.config.mjs')];
  args.push('--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn');
  return new Promise((resolve, reject) => {
    // Jest sets NODE_ENV=test, which would give React's development build: build what production serves.
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}
