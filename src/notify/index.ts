/** Notifications in the worker process: the writer the activities use and the sender that delivers the outbox. */
import type { Config } from '../config';
import type { Repositories } from '../db';
import type { Channel } from '../db/directory';
import type { Logger } from '../logger';
import { emailChannel, webhookChannel, type ChannelSender } from './channels';
import { Notifier, type Site } from './notifier';
import { RemunerationReminders } from './remuneration-reminders';
import { NotificationSender } from './sender';

/** Where links in messages point: PUBLIC_URL, else the gateway as this machine serves it. */
export function siteOf(config: Config): Site {
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  return {
    baseUrl: config.notify.publicUrl ?? `http://${host}:${config.http.port}`,
    commune: config.commune.name,
  };
}

/** The writer of notifications: e-mail always, the webhook when one is configured. */
export function createNotifier(config: Config, repos: Repositories): Notifier {
  return new Notifier(repos, siteOf(config), config.notify.webhook ? ['email', 'webhook'] : ['email']);
}

/**
 * The notifier, a started sender and the started remuneration reminders. E-mail is queued for every person with an address even while no SMTP server is
 * known (it waits in the outbox); the webhook only when one is configured.
 */
export function startNotifications(
  config: Config,
  repos: Repositories,
  smtpUrl: string | undefined,
  logger: Logger,
): { notifier: Notifier; sender: NotificationSender; reminders: RemunerationReminders } {
  const site = siteOf(config);
  const channels: Partial<Record<Channel, ChannelSender>> = {};
  const url = smtpUrl ?? config.notify.smtpUrl;
  if (url) channels.email = emailChannel(url, config.notify.from);
  const webhook = config.notify.webhook;
  if (webhook) channels.webhook = webhookChannel(webhook.url, webhook.secret);
  const notifier = createNotifier(config, repos);
  const sender = new NotificationSender(
    repos.outbox,
    channels,
    {
      pollMs: config.notify.pollMs,
      retryBaseMs: config.notify.retryBaseMs,
      digestHour: config.notify.digestHour,
      site,
    },
    logger.child({ component: 'notifications' }),
  );
  sender.start();
  const reminders = new RemunerationReminders(
    { cases: repos.cases, remuneration: repos.remuneration, notifier, onQueued: () => sender.wake() },
    logger.child({ component: 'remuneration-reminders' }),
  );
  reminders.start();
  return { notifier, sender, reminders };
}
