/**
 * The notification outbox: one delivery per notification, person and channel, keyed so a retried write adds none.
 * Open deliveries (waiting, being sent, waiting for the day's digest, failed) live in `outbox`; a sent one moves to
 * `deliveries` with its attempts, so the sender's scan stays the size of what is still to send, not of all mail ever.
 */
import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Channel } from './directory';
import { isDuplicateKeyError } from './cases';

export type DeliveryStatus = 'PENDING' | 'SENDING' | 'WAITING_DIGEST' | 'IN_DIGEST' | 'FAILED' | 'SENT';

/** One try to deliver. */
export interface Attempt {
  at: Date;
  ok: boolean;
  /** Why it failed, as the server or the network said. */
  error?: string;
  ms: number;
}

/** A delivery of one notification to one person through one channel. */
export interface DeliveryRecord {
  _id: string;
  /** The notification it delivers (`''` for a digest or a test message). */
  notificationId: string;
  initiativeId: string | null;
  personId: string;
  fullName: string;
  channel: Channel;
  /** The e-mail address, or the person's phone (or id) for the webhook. */
  address: string;
  kind: string;
  /** For the digest: the headline, the case and the due date of the line. */
  headline: string;
  caseRef: { initiativeId: string; code: string | null; title: string } | null;
  dueAt: string | null;
  subject: string;
  text: string;
  link: string;
  /** Derived from the key: a message sent again after a crash carries the same id. */
  messageId: string;
  status: DeliveryStatus;
  /** On a digest: the deliveries it carries. */
  carries: string[];
  /** On a delivery carried by a digest: the digest's key. */
  digestId: string | null;
  attempts: Attempt[];
  lastError: string | null;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

const schema = new Schema<DeliveryRecord>(
  {
    _id: { type: String, required: true },
    notificationId: { type: String, default: '' },
    initiativeId: { type: String, default: null },
    personId: { type: String, required: true },
    fullName: { type: String, required: true },
    channel: { type: String, required: true },
    address: { type: String, required: true },
    kind: { type: String, required: true },
    headline: { type: String, required: true },
    caseRef: { type: Schema.Types.Mixed, default: null },
    dueAt: { type: String, default: null },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    link: { type: String, required: true },
    messageId: { type: String, required: true },
    status: { type: String, required: true },
    carries: { type: [String], default: [] },
    digestId: { type: String, default: null },
    attempts: { type: Schema.Types.Mixed, default: [] },
    lastError: { type: String, default: null },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);

/** The Message-ID of a delivery: the case first (so a case's mail can be found), then a hash of the key. */
export function messageIdOf(key: string, initiativeId: string | null, domain = 'sangkien.local'): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  const prefix = (initiativeId ?? 'sangkien').replace(/[^A-Za-z0-9-]/g, '-');
  return `<${prefix}.${hash}@${domain}>`;
}

/** What a new delivery needs; the repository fills in the rest. */
export type NewDelivery = Pick<
  DeliveryRecord,
  | '_id'
  | 'notificationId'
  | 'initiativeId'
  | 'personId'
  | 'fullName'
  | 'channel'
  | 'address'
  | 'kind'
  | 'headline'
  | 'caseRef'
  | 'dueAt'
  | 'subject'
  | 'text'
  | 'link'
> & { digest: boolean; carries?: string[] };

/** Repository of the outbox and the sent deliveries. */
export class OutboxRepository {
  readonly outbox: Model<DeliveryRecord>;
  readonly sent: Model<DeliveryRecord>;

  constructor(conn: Connection) {
    this.outbox =
      (conn.models['Outbox'] as Model<DeliveryRecord> | undefined) ??
      conn.model<DeliveryRecord>('Outbox', schema, 'outbox');
    this.sent =
      (conn.models['Delivery'] as Model<DeliveryRecord> | undefined) ??
      conn.model<DeliveryRecord>('Delivery', schema, 'deliveries');
  }

  /** Adds a delivery once: nothing when it is waiting already or was sent. True when added. */
  async add(d: NewDelivery, now = new Date()): Promise<boolean> {
    if (await this.sent.exists({ _id: d._id })) return false;
    const { digest, carries, ...fields } = d;
    try {
      await this.outbox.create({
        ...fields,
        messageId: messageIdOf(d._id, d.initiativeId),
        status: digest ? 'WAITING_DIGEST' : 'PENDING',
        carries: carries ?? [],
        digestId: null,
        attempts: [],
        lastError: null,
        nextAttemptAt: now,
        leaseUntil: null,
        createdAt: now,
        sentAt: null,
      });
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return false;
    }
  }

  /** Deliveries due now on the given channels: waiting and due, or being sent by a sender whose lease ran out (it died mid-send). */
  due(now: Date, channels: readonly Channel[], limit = 50): Promise<DeliveryRecord[]> {
    return this.outbox
      .find({
        channel: { $in: [...channels] },
        $or: [
          { status: 'PENDING', nextAttemptAt: { $lte: now } },
          { status: 'SENDING', leaseUntil: { $lte: now } },
        ],
      })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<DeliveryRecord[]>()
      .exec();
  }

  /** Takes a due delivery for one sender until `leaseUntil`; false when another sender took it first. */
  async claim(d: DeliveryRecord, leaseUntil: Date): Promise<boolean> {
    const res = await this.outbox
      .updateOne(
        { _id: d._id, status: d.status, leaseUntil: d.leaseUntil },
        { $set: { status: 'SENDING', leaseUntil } },
      )
      .exec();
    return res.modifiedCount === 1;
  }

  /** True when the delivery was sent already (a sender died between archiving it and clearing the outbox). */
  async wasSent(id: string): Promise<boolean> {
    if (!(await this.sent.exists({ _id: id }))) return false;
    await this.outbox.deleteOne({ _id: id }).exec();
    return true;
  }

  /** Records a successful attempt: the delivery (and what a digest carried) moves to the sent deliveries. */
  async markSent(d: DeliveryRecord, attempt: Attempt): Promise<void> {
    const carried = d.carries.length
      ? await this.outbox
          .find({ _id: { $in: d.carries } })
          .lean<DeliveryRecord[]>()
          .exec()
      : [];
    for (const item of [...carried.map((c) => ({ ...c, digestId: d._id })), d]) {
      const attempts = item === d ? [...d.attempts, attempt] : item.attempts;
      try {
        await this.sent.create({
          ...item,
          status: 'SENT',
          attempts,
          leaseUntil: null,
          lastError: null,
          sentAt: attempt.at,
        });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      await this.outbox.deleteOne({ _id: item._id }).exec();
    }
  }

  /** Records a failed attempt: tried again at `retryAt`, or given up (null) for a failure no retry can fix. */
  async markFailed(d: DeliveryRecord, attempt: Attempt, retryAt: Date | null): Promise<void> {
    await this.outbox
      .updateOne(
        { _id: d._id },
        {
          $set: {
            status: retryAt ? 'PENDING' : 'FAILED',
            nextAttemptAt: retryAt ?? attempt.at,
            leaseUntil: null,
            lastError: attempt.error ?? 'lỗi không rõ',
          },
          $push: { attempts: attempt },
        },
      )
      .exec();
  }

  /** Deliveries that have failed at least once and are not sent yet, newest first (the supervisor's board). */
  failing(limit = 200): Promise<DeliveryRecord[]> {
    return this.outbox
      .find({ lastError: { $ne: null } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<DeliveryRecord[]>()
      .exec();
  }

  /** Puts a failed delivery back in line now. True when there was one. */
  async retry(id: string, now = new Date()): Promise<boolean> {
    const res = await this.outbox
      .updateOne({ _id: id, status: 'FAILED' }, { $set: { status: 'PENDING', nextAttemptAt: now } })
      .exec();
    return res.modifiedCount === 1;
  }

  /** Deliveries waiting for a digest that were queued before `before`. */
  waitingDigest(before: Date): Promise<DeliveryRecord[]> {
    return this.outbox
      .find({ status: 'WAITING_DIGEST', createdAt: { $lt: before } })
      .sort({ createdAt: 1 })
      .lean<DeliveryRecord[]>()
      .exec();
  }

  /** Marks deliveries as carried by a digest (it sends them; they move to the sent ones with it). */
  async carry(ids: readonly string[], digestId: string): Promise<void> {
    await this.outbox
      .updateMany(
        { _id: { $in: [...ids] }, status: 'WAITING_DIGEST' },
        { $set: { status: 'IN_DIGEST', digestId } },
      )
      .exec();
  }
}
