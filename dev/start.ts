/** `npm start`: the whole product on one machine on embedded defaults: servers if needed, the worker, the gateway. */
import { loadConfig } from '../src/config';
import { startGateway } from '../src/gateway/server';
import { createLogger } from '../src/logger';
import { ensureWebBuilt } from './web-build';
import { startServers, type Servers } from './servers';
import { startWorker, type RunningWorker } from '../worker';
import type { RunningGateway } from '../src/gateway/server';

const say = (message: string) => process.stderr.write(`[sang-kien] ${message}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let servers: Servers | undefined;
  let worker: RunningWorker | undefined;
  let gateway: RunningGateway | undefined;
  let stopping = false;

  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    say(`stopping (${reason})…`);
    // Reverse order of start: no new requests, then no new tasks, then the servers.
    await gateway?.stop().catch((err: unknown) => logger.error({ err }, 'gateway stop failed'));
    await worker?.stop().catch((err: unknown) => logger.error({ err }, 'worker stop failed'));
    await servers?.stop().catch((err: unknown) => logger.error({ err }, 'server stop failed'));
    say('stopped; data kept in ' + config.dataDir);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop('SIGINT', 0));
  process.once('SIGTERM', () => void stop('SIGTERM', 0));

  try {
    say(`data folder: ${config.dataDir}`);
    await ensureWebBuilt(config.webDir, say);
    servers = await startServers(config, say);
    const addresses = {
      temporalAddress: servers.temporal.address,
      mongoUri: servers.mongo.uri,
      temporalUiUrl: servers.temporal.uiUrl,
      smtpUrl: servers.mail.smtpUrl,
    };
    worker = await startWorker(config, addresses, logger);
    worker.done.catch((err: unknown) => {
      logger.fatal({ err }, 'worker failed');
      void stop('worker failed', 1);
    });
    gateway = await startGateway(config, addresses, logger);
  } catch (err) {
    say(`could not start: ${(err as Error).message}`);
    await stop('start-up failed', 1);
    return;
  }

  say('');
  say(`ready: web app   ${gateway.url}/   (open it in a browser)`);
  say(`       gateway   ${gateway.url}/api/v1   (health: ${gateway.url}/readyz)`);
  say(
    `       Temporal  ${servers.temporal.address}` +
      (servers.temporal.uiUrl ? `   UI: ${servers.temporal.uiUrl}` : ''),
  );
  say(`       MongoDB   ${servers.mongo.uri} (${servers.mongo.engine})`);
  say(`       API docs  ${gateway.url}/docs`);
  if (servers.mail.inboxUrl) {
    say(
      `       mail      ${servers.mail.inboxUrl}   (every e-mail the demo people receive lands in this inbox)`,
    );
  } else if (servers.mail.smtpUrl) {
    say(`       mail      sent through ${servers.mail.smtpUrl.replace(/\/\/[^@/]*@/, '//')}`);
  }
  if (config.seedDemo) {
    say(`       sign in:  any demo person below, password ${config.demoPassword}`);
    say(
      '                 demo people: giaovien.thcs (tác giả), hieutruong.thcs (thủ trưởng đơn vị), thuky (thư ký),',
    );
    say(
      '                 uyvien1 (thành viên Hội đồng), chutich / phochutich (Chủ tịch UBND xã), giamsat, quantri',
    );
  } else {
    say('       sign in with an account an administrator created (SEED_DEMO=false: no demo data)');
  }
  say('       stop with Ctrl-C; the data stays in the data folder for the next start');
}

void main();
