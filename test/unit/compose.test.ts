/** docker-compose.yml is valid and holds the production-like topology (checked without a Docker engine). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findOnPath } from '../../src/servers/binaries';

const root = path.resolve(__dirname, '../..');
const composeCli = findOnPath('docker-compose');
// CI installs Debian's docker-compose (.ci/run); on a developer machine without it the check is skipped, loudly.
const run = composeCli || process.env['CI'] ? test : test.skip;
if (!composeCli && !process.env['CI']) {
  process.stderr.write(
    'compose.test: docker-compose not installed (apt-get install docker-compose); skipped\n',
  );
}

function compose(...args: string[]) {
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: root, encoding: 'utf8' });
}

run('when docker-compose validates the file, then it is valid', () => {
  const r = compose('config', '-q');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

run(
  'when the services are listed, then the topology has Temporal on PostgreSQL, its UI, MongoDB, worker, gateway',
  () => {
    const r = compose('config', '--services');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(
      ['gateway', 'mongodb', 'postgresql', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    const full = compose('config').stdout;
    expect(full).toContain('replSet');
    expect(full).toContain('TEMPORAL_ADDRESS: temporal:7233');
  },
);
