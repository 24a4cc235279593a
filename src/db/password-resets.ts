/**
 * One-time password-reset links an administrator creates: only the token's SHA-256 is stored, a link works once and
 * for a short time, and using it is a compare-and-set (two tabs cannot both use it).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

interface ResetRecord {
  /** SHA-256 of the token (hex): the token itself is only in the link. */
  _id: string;
  personId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

const schema = new Schema<ResetRecord>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: 'passwordResets', versionKey: false },
);

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class PasswordResetRepository {
  readonly model: Model<ResetRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['PasswordReset'] as Model<ResetRecord> | undefined) ??
      conn.model<ResetRecord>('PasswordReset', schema);
  }

  /** A new link's token for the person, valid for `ttlMs`. */
  async create(
    personId: string,
    createdBy: string,
    ttlMs: number,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.model.create({
      _id: digest(token),
      personId,
      createdBy,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    return { token, expiresAt };
  }

  /** Uses a token once: the person it was for, or null when it is unknown, used or expired. */
  async use(token: string, now = new Date()): Promise<string | null> {
    const id = digest(token);
    const found = await this.model.findById(id).lean<ResetRecord>().exec();
    if (!found || found.usedAt || found.expiresAt <= now) return null;
    const res = await this.model.updateOne({ _id: id, usedAt: null }, { $set: { usedAt: now } }).exec();
    return res.modifiedCount === 1 ? found.personId : null;
  }
}
