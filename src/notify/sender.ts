/**
 * The sender: takes due deliveries from the outbox, sends each through its channel, records every attempt, and
 * retries failures with a doubling delay (up to an hour) until they pass; a failure no retry can fix stays on the
 * supervisor's board. Once a day, at the digest hour, each person's waiting deliveries go out as one digest. Runs in
 * the worker process; several senders share the outbox safely (each delivery is leased to one at a time).
 */
import { createHash } from 'node:crypto';
import type { Channel } from '../db/directory';
import type { DeliveryRecord, OutboxRepository } from '../db/outbox';
import { vnDate, vnStartOfDay } from '../domain/duration';
import type { Logger } from '../logger';
import { DeliveryError, type ChannelSender } from './channels';
import { digestOf } from './messages';
import type { Site } from './notifier';

export interface SenderOptions {
  pollMs: number;
  retryBaseMs: number;
  /** Hour of the day (Vietnam time) digests go out. */
  digestHour: number;
  /** How long a sender holds a delivery it is sending; past it, another sender may take it. */
  leaseMs?: number;
  site: Site;
}

/** The delay before attempt `n + 1` after `n` failed ones: base, 2×base, 4×base… up to an hour. */
export function retryDelay(failed: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failed - 1), 3_600_000);
}

/** The instant of today's digest (Vietnam time), for a clock reading. */
export function digestInstant(now: Date, hour: number): Date {
  return new Date(vnStartOfDay(vnDate(now.getTime())) + hour * 3_600_000);
}

export class NotificationSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly channels: Partial<Record<Channel, ChannelSender>>,
    private readonly opts: SenderOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts polling; `wake()` runs a pass at once (after a case's write queued something). */
  start(): void {
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const c of Object.values(this.channels)) c?.close();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(
          () => undefined,
          (err: unknown) => this.logger.warn({ err }, 'notification pass failed'),
        )
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          const again = this.again;
          this.again = false;
          this.schedule(again ? 0 : this.opts.pollMs);
        });
    }, ms);
    // Polling never keeps a process alive on its own: the worker's stop() ends it.
    this.timer.unref();
  }

  /** One pass: queue the digests that are due, then send what is due. Returns how many went out and failed. */
  async runOnce(now = new Date()): Promise<{ sent: number; failed: number }> {
    const channels = Object.keys(this.channels) as Channel[];
    // Nothing can go out (no SMTP server known, no webhook): what waits stays in the outbox, unread.
    if (channels.length === 0) return { sent: 0, failed: 0 };
    await this.queueDigests(now);
    let sent = 0;
    let failed = 0;
    for (;;) {
      const due = await this.outbox.due(new Date(Math.max(now.getTime(), Date.now())), channels);
      if (due.length === 0) break;
      let progressed = false;
      for (const d of due) {
        if (this.stopped) return { sent, failed };
        const result = await this.deliver(d);
        if (result === 'sent') sent++;
        if (result === 'failed') failed++;
        if (result !== 'skipped') progressed = true;
      }
      if (!progressed) break;
    }
    return { sent, failed };
  }

  private async deliver(d: DeliveryRecord): Promise<'sent' | 'failed' | 'skipped'> {
    const channel = this.channels[d.channel];
    if (!channel) return 'skipped';
    const leaseMs = this.opts.leaseMs ?? 60_000;
    if (!(await this.outbox.claim(d, new Date(Date.now() + leaseMs)))) return 'skipped';
    if (await this.outbox.wasSent(d._id)) return 'skipped';
    const started = Date.now();
    try {
      await channel.send(d);
      await this.outbox.markSent(d, { at: new Date(), ok: true, ms: Date.now() - started });
      return 'sent';
    } catch (err) {
      const permanent = err instanceof DeliveryError && err.permanent;
      const error = (err as Error).message.slice(0, 500);
      const failures = d.attempts.filter((a) => !a.ok).length + 1;
      const retryAt = permanent ? null : new Date(Date.now() + retryDelay(failures, this.opts.retryBaseMs));
      await this.outbox.markFailed(
        d,
        { at: new Date(), ok: false, error, ms: Date.now() - started },
        retryAt,
      );
      this.logger.warn(
        { delivery: d._id, channel: d.channel, error, permanent },
        'notification not delivered',
      );
      return 'failed';
    }
  }

  /** Past today's digest hour, the deliveries queued before it go out as one digest per person and channel. */
  private async queueDigests(now: Date): Promise<void> {
    const at = digestInstant(now, this.opts.digestHour);
    if (now < at) return;
    const waiting = await this.outbox.waitingDigest(at);
    const groups = new Map<string, DeliveryRecord[]>();
    for (const d of waiting) {
      const k = `${d.personId}|${d.channel}`;
      groups.set(k, [...(groups.get(k) ?? []), d]);
    }
    const day = vnDate(at.getTime()).split('-').reverse().join('/');
    for (const [k, items] of groups) {
      const first = items[0]!;
      const ids = items.map((i) => i._id).sort();
      // The items in the key: a retry finds the same digest; items queued after it was sent make another.
      const hash = createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 12);
      const id = `digest|${k}|${vnDate(at.getTime())}|${hash}`;
      const message = digestOf(
        items.map((i) => ({
          headline: i.headline,
          case: i.caseRef ?? { initiativeId: i.initiativeId ?? '', code: null, title: i.subject },
          dueAt: i.dueAt,
        })),
        { fullName: first.fullName },
        this.opts.site,
        day,
      );
      await this.outbox.add({
        _id: id,
        notificationId: '',
        initiativeId: null,
        personId: first.personId,
        fullName: first.fullName,
        channel: first.channel,
        address: first.address,
        kind: 'DIGEST',
        headline: 'Tổng hợp thông báo',
        caseRef: null,
        dueAt: null,
        subject: message.subject,
        text: message.text,
        link: message.link,
        digest: false,
        carries: items.map((i) => i._id),
      });
      await this.outbox.carry(
        items.map((i) => i._id),
        id,
      );
    }
  }
}
