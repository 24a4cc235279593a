/**
 * Idempotency keys of POST requests: the first request with a key claims it, its answer is stored, and a retry
 * with the same key gets that answer again, never a second effect.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from './cases';

interface IdempotencyRecord {
  _id: string;
  requestHash: string;
  state: 'IN_PROGRESS' | 'DONE';
  status: number | null;
  /**
   * The stored answer as JSON text: an answer may echo keys a person typed (a payload's metadata), which BSON cannot
   * hold as field names (a NUL byte, a leading "$"). Keys stored before held the answer itself.
   */
  body: unknown;
  createdAt: Date;
}

const schema = new Schema<IdempotencyRecord>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: Number, default: null },
    body: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'idempotencyKeys', versionKey: false, minimize: false },
);

/**
 * How long a claimed key stays reserved for the request that claimed it. A gateway killed (or a database lost) between
 * claiming a key and storing the answer leaves the key IN_PROGRESS; after the lease a retry takes it over, instead of
 * answering "in progress" for ever. Handlers derive their effects' ids from the key, so a takeover reaches the same
 * effect (the same Temporal Update, the same case) rather than a second one.
 */
export const IN_PROGRESS_LEASE_MS = 30_000;

/** What claiming a key found. */
export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/** Repository of idempotency keys. */
export class IdempotencyRepository {
  readonly model: Model<IdempotencyRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['IdempotencyKey'] as Model<IdempotencyRecord> | undefined) ??
      conn.model<IdempotencyRecord>('IdempotencyKey', schema);
  }

  /** Claims a key for a request, or reports the stored answer, a request still running, or a different request. */
  async claim(key: string, requestHash: string, now: Date = new Date()): Promise<Claim> {
    try {
      await this.model.create({
        _id: key,
        requestHash,
        state: 'IN_PROGRESS',
        status: null,
        body: null,
        createdAt: now,
      });
      return { kind: 'claimed' };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    const found = await this.model.findById(key).lean<IdempotencyRecord>().exec();
    if (!found) return this.claim(key, requestHash, now);
    if (found.requestHash !== requestHash) return { kind: 'mismatch' };
    if (found.state === 'DONE') {
      const body = typeof found.body === 'string' ? (JSON.parse(found.body) as unknown) : found.body;
      return { kind: 'replay', status: found.status!, body };
    }
    if (now.getTime() - new Date(found.createdAt).getTime() >= IN_PROGRESS_LEASE_MS) {
      // The claim's lease ran out (its request died or hangs): take it over, once, by a compare-and-set on its time.
      const taken = await this.model
        .updateOne(
          { _id: key, state: 'IN_PROGRESS', createdAt: found.createdAt },
          { $set: { createdAt: now } },
        )
        .exec();
      if (taken.modifiedCount === 1) return { kind: 'claimed' };
    }
    return { kind: 'in-progress' };
  }

  /** Stores the answer of a claimed key. */
  async complete(key: string, status: number, body: unknown): Promise<void> {
    await this.model
      .updateOne({ _id: key }, { $set: { state: 'DONE', status, body: JSON.stringify(body ?? null) } })
      .exec();
  }

  /**
   * Releases a key whose request failed before any effect (so the client may retry with it). Read, then deleted, by
   * `_id` alone: FerretDB reads every stored key (and its stored answer) for a filter on any other field, and a
   * release follows each 5xx, which comes when the database is already busy.
   */
  async release(key: string): Promise<void> {
    const found = await this.model
      .findById(key, { state: 1 })
      .lean<Pick<IdempotencyRecord, 'state'>>()
      .exec();
    if (found?.state === 'IN_PROGRESS') await this.model.deleteOne({ _id: key }).exec();
  }
}
