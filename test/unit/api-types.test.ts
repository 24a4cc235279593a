/** The web app's API types are generated from the gateway's routes: a route change without regenerating fails. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

test('when the gateway routes are declared, then web/src/api/schema.d.ts matches them (npm run api-types)', () => {
  // openapi-typescript loads ES modules Jest cannot require: check in a child process, as `npm run api-types` runs.
  const run = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join('dev', 'api-types.ts'), '--check'],
    { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 60_000);
