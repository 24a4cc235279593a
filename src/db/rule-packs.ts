/** Versioned rule packs in MongoDB: a version is written once and never edited; the default ships in code. */
import { Schema, type Connection, type Model } from 'mongoose';
import { DEFAULT_RULE_PACK, type RulePack } from '../domain/rule-pack';
import { isDuplicateKeyError } from './cases';

interface StoredPack {
  _id: string;
  effectiveFrom: Date;
  pack: RulePack;
  createdAt: Date;
}

const schema = new Schema<StoredPack>(
  {
    _id: { type: String, required: true },
    effectiveFrom: { type: Date, required: true },
    pack: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'rulePacks', versionKey: false, minimize: false },
);

/** Raised when a requested rule-pack version does not exist. */
export class UnknownRulePackError extends Error {
  constructor(version: string) {
    super(`no rule pack ${version}`);
    this.name = 'UnknownRulePackError';
  }
}

/** Repository of rule packs. */
export class RulePackRepository {
  readonly model: Model<StoredPack>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['RulePack'] as Model<StoredPack> | undefined) ??
      conn.model<StoredPack>('RulePack', schema);
  }

  /** Stores a new version; an existing version is left untouched (a pack in use is never edited). Returns true if new. */
  async publish(pack: RulePack): Promise<boolean> {
    this.cache = null;
    try {
      await this.model.create({
        _id: pack.version,
        effectiveFrom: new Date(pack.effectiveFrom),
        pack,
        createdAt: new Date(),
      });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** A given version. */
  async get(version: string): Promise<RulePack> {
    const doc = await this.model.findById(version).lean<StoredPack>().exec();
    if (!doc) throw new UnknownRulePackError(version);
    return doc.pack;
  }

  private cache: { at: number; packs: StoredPack[] } | null = null;

  /**
   * The pack in force at an instant: the latest `effectiveFrom` not after it (the default pack if none is stored).
   * Versions never change once stored, so the list is cached for a few seconds.
   */
  async inForce(at: Date): Promise<RulePack> {
    if (!this.cache || Date.now() - this.cache.at > 5_000) {
      const packs = await this.model
        .find({}, { effectiveFrom: 1, pack: 1 })
        .sort({ effectiveFrom: -1 })
        .lean<StoredPack[]>()
        .exec();
      this.cache = { at: Date.now(), packs };
    }
    return this.cache.packs.find((p) => p.effectiveFrom.getTime() <= at.getTime())?.pack ?? DEFAULT_RULE_PACK;
  }
}
