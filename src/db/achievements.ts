/**
 * Each author's recognised initiatives, for the year-end emulation review. One document per author and initiative:
 * one achievement is never counted twice (LTĐKT 2022); a revoked recognition is marked, never deleted.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { foldVietnamese } from '../domain/text';
import { isDuplicateKeyError } from './cases';

/** A stored achievement. */
export interface Achievement {
  _id: string;
  initiativeId: string;
  personId: string | null;
  fullName: string;
  sharePercent: number;
  year: number;
  rewardLevel: string | null;
  revoked: boolean;
  recordedAt: Date;
}

const schema = new Schema<Achievement>(
  {
    _id: { type: String, required: true },
    initiativeId: { type: String, required: true, index: true },
    personId: { type: String, default: null },
    fullName: { type: String, required: true },
    sharePercent: { type: Number, required: true },
    year: { type: Number, required: true },
    rewardLevel: { type: String, default: null },
    revoked: { type: Boolean, default: false },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'achievements', versionKey: false },
);

/** Repository of achievements. */
export class AchievementRepository {
  readonly model: Model<Achievement>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Achievement'] as Model<Achievement> | undefined) ??
      conn.model<Achievement>('Achievement', schema);
  }

  /** Records the recognition for each author, once. */
  async recordRecognition(
    initiativeId: string,
    year: number,
    rewardLevel: string | null,
    authors: readonly { personId: string | null; fullName: string; sharePercent: number }[],
  ): Promise<void> {
    for (const a of authors) {
      const key = a.personId ?? foldVietnamese(a.fullName).replace(/ /g, '-');
      try {
        await this.model.create({
          _id: `${initiativeId}:${key}`,
          initiativeId,
          personId: a.personId,
          fullName: a.fullName,
          sharePercent: a.sharePercent,
          year,
          rewardLevel,
          revoked: false,
          recordedAt: new Date(),
        });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }

  /** Marks an initiative's achievements revoked. */
  async revoke(initiativeId: string): Promise<void> {
    await this.model.updateMany({ initiativeId: { $eq: initiativeId } }, { $set: { revoked: true } }).exec();
  }
}
