/** Mail for this process: an external relay (SMTP_URL) or Mailpit started here on loopback, with its web inbox. */
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { resolveMailpit } from './binaries';
import { spawnServer, stopStaleServer, waitUntilReady, type Progress } from './process';

/** A mail server this process can send through. */
export interface MailServer {
  /** Where to send (`smtp://host:port`), or undefined when no mail server is available (mail waits in the outbox). */
  smtpUrl: string | undefined;
  /** Mailpit's web inbox (and its API under /api/v1), when this launcher started it. */
  inboxUrl: string | undefined;
  stop(): Promise<void>;
}

/** Options of the mail launcher. */
export interface MailOptions {
  smtpUrl: string | undefined;
  cacheDir: string;
  dataDir: string;
  smtpPort: number;
  uiPort: number;
  timeoutMs: number;
  /** How many messages the inbox keeps, oldest dropped first (0: all); 5000 unless said. */
  maxMessages?: number;
}

/** Uses SMTP_URL, or starts Mailpit (built from the Go module proxy once, like the other servers). */
export async function startMail(opts: MailOptions, progress: Progress): Promise<MailServer> {
  if (opts.smtpUrl) return { smtpUrl: opts.smtpUrl, inboxUrl: undefined, stop: () => Promise.resolve() };
  const binary = await resolveMailpit({ cacheDir: opts.cacheDir }, progress);
  if (!binary) {
    progress(
      'no Mailpit and no Go to build it: e-mail notifications wait in the outbox (set SMTP_URL to send)',
    );
    return { smtpUrl: undefined, inboxUrl: undefined, stop: () => Promise.resolve() };
  }
  const pidFile = path.join(opts.dataDir, 'pids', 'mailpit.pid');
  await stopStaleServer(pidFile, progress);
  const dbFile = path.join(opts.dataDir, 'mailpit', 'mailpit.db');
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const inboxUrl = `http://127.0.0.1:${opts.uiPort}`;
  progress(
    `starting Mailpit: SMTP 127.0.0.1:${opts.smtpPort}, web inbox on port ${opts.uiPort} (data: ${dbFile})`,
  );
  const server = spawnServer({
    name: 'Mailpit',
    command: binary,
    args: [
      '--listen',
      `127.0.0.1:${opts.uiPort}`,
      '--smtp',
      `127.0.0.1:${opts.smtpPort}`,
      '--database',
      dbFile,
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--disable-version-check',
      '--max',
      String(opts.maxMessages ?? 5000),
      '--quiet',
    ],
    logFile: path.join(opts.dataDir, 'logs', 'mailpit.log'),
    pidFile,
  });
  try {
    await waitUntilReady(
      server,
      async () => (await fetch(`${inboxUrl}/readyz`)).ok && (await smtpOpen(opts.smtpPort)),
      opts.timeoutMs,
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { smtpUrl: `smtp://127.0.0.1:${opts.smtpPort}`, inboxUrl, stop: () => server.stop() };
}

function smtpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
