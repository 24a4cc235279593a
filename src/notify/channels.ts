/**
 * The channels a delivery goes out through: e-mail over SMTP (nodemailer) and a signed webhook a commune can bridge
 * to Zalo OA or an SMS gateway. A channel sends one delivery or throws a DeliveryError that says whether trying again
 * can help.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Channel } from '../db/directory';
import type { DeliveryRecord } from '../db/outbox';

/** A failed send: `permanent` when no retry can fix it (a refused address, a rejected request). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** One way of reaching people. */
export interface ChannelSender {
  channel: Channel;
  send(d: DeliveryRecord): Promise<void>;
  close(): void;
}

/** E-mail through an SMTP server; the Message-ID comes from the delivery's key. */
export function emailChannel(smtpUrl: string, from: string): ChannelSender {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    channel: 'email',
    async send(d) {
      try {
        await transport.sendMail({
          to: { name: d.fullName, address: d.address },
          subject: d.subject,
          text: d.text,
          messageId: d.messageId,
          headers: { 'X-SangKien-Delivery': d._id, 'Auto-Submitted': 'auto-generated' },
        });
      } catch (err) {
        const e = err as Error & { responseCode?: number; code?: string };
        // 5xx: the server refused this message for good (unknown mailbox, policy); anything else may pass later.
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
        throw new DeliveryError(
          e.responseCode ? `SMTP ${e.responseCode}: ${e.message}` : `${e.code ?? 'ERROR'}: ${e.message}`,
          permanent,
        );
      }
    },
    close: () => transport.close(),
  };
}

/** The JSON a webhook receiver gets. */
export interface WebhookBody {
  deliveryId: string;
  notificationId: string;
  kind: string;
  to: { personId: string; fullName: string; address: string };
  subject: string;
  text: string;
  link: string;
  case: DeliveryRecord['caseRef'];
  dueAt: string | null;
  createdAt: string;
}

/** The signature header's value: HMAC-SHA256 of `<timestamp>.<body>` with the shared secret, hex. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A signed HTTP POST of the notification as JSON to the configured URL; 2xx is delivered. */
export function webhookChannel(url: string, secret: string, timeoutMs = 10_000): ChannelSender {
  return {
    channel: 'webhook',
    async send(d) {
      const body: WebhookBody = {
        deliveryId: d._id,
        notificationId: d.notificationId,
        kind: d.kind,
        to: { personId: d.personId, fullName: d.fullName, address: d.address },
        subject: d.subject,
        text: d.text,
        link: d.link,
        case: d.caseRef,
        dueAt: d.dueAt,
        createdAt: new Date(d.createdAt).toISOString(),
      };
      const json = JSON.stringify(body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-sangkien-delivery': d._id,
            'x-sangkien-timestamp': timestamp,
            'x-sangkien-signature': webhookSignature(secret, timestamp, json),
          },
          body: json,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new DeliveryError(`webhook: ${(err as Error).message}`, false);
      }
      if (res.ok) return;
      // A request the receiver refuses (4xx) fails the same way again, except a time-out or a rate limit.
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new DeliveryError(`webhook: HTTP ${res.status}`, permanent);
    },
    close: () => undefined,
  };
}
