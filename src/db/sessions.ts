/** Sign-in sessions: a refresh token (stored only as its hash) per session; logout or rotation revokes it. */
import { createHash, randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

interface SessionRecord {
  _id: string;
  personId: string;
  refreshHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

const schema = new Schema<SessionRecord>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true, index: true },
    refreshHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'sessions', versionKey: false },
);

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Repository of sessions. */
export class SessionRepository {
  readonly model: Model<SessionRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Session'] as Model<SessionRecord> | undefined) ??
      conn.model<SessionRecord>('Session', schema);
  }

  /** Opens a session; returns its id and the refresh token (shown once, never stored in clear). */
  async open(personId: string, ttlMs: number): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomBytes(12).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    await this.model.create({
      _id: sessionId,
      personId,
      refreshHash: hash(refreshToken),
      expiresAt: new Date(Date.now() + ttlMs),
      revokedAt: null,
      createdAt: new Date(),
    });
    return { sessionId, refreshToken };
  }

  /** True while the session is neither revoked nor expired. */
  async isActive(sessionId: string): Promise<boolean> {
    const s = await this.model
      .findById(sessionId, { revokedAt: 1, expiresAt: 1 })
      .lean<SessionRecord>()
      .exec();
    return !!s && !s.revokedAt && s.expiresAt.getTime() > Date.now();
  }

  /**
   * Exchanges a refresh token for a new one on the same session (rotation): the old token stops working at once,
   * so a stolen token used after its owner refreshed is useless.
   */
  async rotate(
    refreshToken: string,
  ): Promise<{ sessionId: string; personId: string; refreshToken: string } | null> {
    const next = randomBytes(32).toString('base64url');
    const s = await this.model
      .findOneAndUpdate(
        { refreshHash: { $eq: hash(refreshToken) }, revokedAt: null, expiresAt: { $gt: new Date() } },
        { $set: { refreshHash: hash(next) } },
        { returnDocument: 'after' },
      )
      .lean<SessionRecord>()
      .exec();
    return s ? { sessionId: s._id, personId: s.personId, refreshToken: next } : null;
  }

  /** Revokes a session (logout). */
  async revoke(sessionId: string): Promise<void> {
    await this.model.updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } }).exec();
  }

  /** Revokes every open session of a person but `keep` (a password changed: other devices sign in again). */
  async revokeAllOf(personId: string, keep: string | null = null): Promise<void> {
    await this.model
      .updateMany(
        { personId: { $eq: personId }, revokedAt: null, ...(keep ? { _id: { $ne: keep } } : {}) },
        { $set: { revokedAt: new Date() } },
      )
      .exec();
  }
}
