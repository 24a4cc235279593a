/** docker-compose.yml is valid and holds the production-like topology (checked without a Docker engine). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from '../../dev/servers/binaries';

const root = path.resolve(__dirname, '../..');
const composeCli = findOnPath('docker-compose');
// CI installs Debian's docker-compose (.ci/run); on a developer machine without it the check is skipped, loudly.
const run = composeCli || process.env['CI'] ? test : test.skip;
if (!composeCli && !process.env['CI']) {
  process.stderr.write(
    'compose.test: docker-compose not installed (apt-get install docker-compose); skipped\n',
  );
}

/** The variables the file reads, unset: what compose shows is the file's own defaults, not this test run's servers. */
function fileDefaults(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'NOTIFY_WEBHOOK_URL', 'NOTIFY_WEBHOOK_SECRET'])
    delete env[k];
  return env;
}

function compose(...args: string[]) {
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: fileDefaults(),
  });
}

run('when docker-compose validates the file, then it is valid', () => {
  const r = compose('config', '-q');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

run(
  'when the services are listed, then the topology has Temporal on PostgreSQL, its UI, MongoDB, worker, gateway, proxy, mail',
  () => {
    const r = compose('config', '--services');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(
      ['gateway', 'mail', 'mongodb', 'postgresql', 'proxy', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    const full = compose('config').stdout;
    expect(full).toContain('replSet');
    expect(full).toContain('TEMPORAL_ADDRESS: temporal:7233');
    // Staging's notifications land in the mail catcher unless SMTP_URL names the commune's relay.
    expect(full).toContain('SMTP_URL: smtp://mail:1025');
  },
);

run('when workers and gateways are scaled out, then no replica needs a host port of its own', () => {
  const r = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...fileDefaults(), AUTH_SECRET: 'x'.repeat(32) },
  });
  expect(r.status).toBe(0);
  const services = r.stdout.split(/^services:$/m)[1]!;
  const block = (name: string) =>
    new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(services)?.[1] ?? '';
  for (const name of ['worker', 'gateway']) {
    expect(block(name)).not.toMatch(/^ {4}ports:/m);
    expect(block(name)).not.toMatch(/container_name/);
  }
  expect(block('gateway')).toContain(`AUTH_SECRET: ${'x'.repeat(32)}`);
  expect(block('proxy')).toContain('127.0.0.1:3000:3000');
  const caddyfile = fs.readFileSync(path.join(root, 'deploy/caddy/Caddyfile'), 'utf8');
  expect(caddyfile).toMatch(/dynamic a gateway 3000/);
});

run(
  "when the Temporal UI is deployed, then only the proxy reaches it, behind the administrators' sign-in",
  () => {
    const r = compose('config');
    expect(r.status).toBe(0);
    const services = r.stdout.split(/^services:$/m)[1]!;
    const ui = new RegExp('^ {2}temporal-ui:\\n((?: {4}.*\\n|\\s*\\n)*)', 'm').exec(services)?.[1] ?? '';
    expect(ui).not.toMatch(/^ {4}ports:/m);
    expect(ui).toContain('TEMPORAL_CODEC_ENDPOINT: http://localhost:8080/codec');
    expect(r.stdout).toContain('127.0.0.1:8080:8080');
    const caddyfile = fs.readFileSync(path.join(root, 'deploy/caddy/Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/forward_auth gateway:3000 \{\s*uri \/api\/v1\/operator\/gate/);
    expect(caddyfile).toMatch(/rewrite \* \/api\/v1\/codec\{path\}/);
  },
);
