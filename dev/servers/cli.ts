/**
 * `npm run servers`: only the servers, for running the worker and the gateway (or tests) against them.
 * `npm run servers:prepare`: only obtain (build) the server binaries into the cache, then exit (used by CI).
 */
import { loadConfig } from '../../src/config';
import { startServers } from '.';
import { resolveFerretDb, resolveMailpit, resolveTemporalCli } from './binaries';

const say = (message: string) => process.stderr.write(`[servers] ${message}\n`);

async function prepare(): Promise<void> {
  const config = loadConfig();
  const [temporal, ferretdb, mailpit] = await Promise.all([
    config.temporal.address
      ? 'external'
      : resolveTemporalCli({ cliPath: config.temporal.cliPath, cacheDir: config.cacheDir }, say),
    config.mongo.uri ? 'external' : resolveFerretDb(config, say),
    config.notify.smtpUrl ? 'external' : resolveMailpit(config, say),
  ]);
  say(`Temporal CLI: ${temporal ?? 'none here (will be downloaded at start)'}`);
  say(`FerretDB: ${ferretdb}`);
  say(`Mailpit: ${mailpit ?? 'none here (e-mail waits in the outbox)'}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--prepare')) return prepare();
  const config = loadConfig();
  const servers = await startServers(config, say);
  say(`TEMPORAL_ADDRESS=${servers.temporal.address}`);
  say(`MONGODB_URI=${servers.mongo.uri}`);
  if (servers.temporal.uiUrl) say(`Temporal UI: ${servers.temporal.uiUrl}`);
  if (servers.mail.smtpUrl) say(`SMTP_URL=${servers.mail.smtpUrl}`);
  if (servers.mail.inboxUrl) say(`Mail inbox: ${servers.mail.inboxUrl}`);
  say('running; stop with Ctrl-C');
  const stop = async () => {
    await servers.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  say(`could not start: ${(err as Error).message}`);
  process.exit(1);
});
