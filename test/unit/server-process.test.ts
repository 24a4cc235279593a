import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, tail } from '../../dev/servers/process';

describe('server start-up diagnostics and ports', () => {
  it('keeps a Go panic message in front of a stack trace longer than the tail', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tail-')), 'server.log');
    const stack = Array.from({ length: 40 }, (_, i) => `\tframe ${i}`);
    fs.writeFileSync(
      file,
      ['starting', 'panic: failed assigning ephemeral port: boom', '', ...stack].join('\n'),
    );
    const shown = tail(file).split('\n');
    expect(shown[0]).toBe('panic: failed assigning ephemeral port: boom');
    expect(shown.at(-1)).toBe('\tframe 39');
    fs.writeFileSync(file, ['one', 'two'].join('\n'));
    expect(tail(file)).toBe('one\ntwo');
  });

  it('hands out distinct ports below the ephemeral range that a server can bind', async () => {
    const range = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) expect(port).toBeLessThan(Number(range[0]));
  });
});
