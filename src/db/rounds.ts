/**
 * Rounds (src/domain/rounds.ts) and the council's sittings in them: a sitting is one meeting of a council over several
 * cases of a round, its agenda in order. The minutes stay per case, in each case's workflow.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { Round } from '../domain/rounds';
import { isDuplicateKeyError } from './cases';

/** A stored round. */
export interface RoundRecord extends Omit<Round, 'id'> {
  _id: string;
  createdBy: string;
  createdAt: Date;
}

/** A council sitting: one meeting, its agenda of cases in order. */
export interface SittingRecord {
  _id: string;
  roundId: string;
  councilId: string;
  /** ISO instant the meeting starts. */
  meetingAt: string;
  place: string;
  caseIds: string[];
  createdBy: string;
  createdAt: Date;
}

const roundSchema = new Schema<RoundRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    opensOn: { type: String, required: true },
    closesOn: { type: String, required: true },
    unitIds: { type: [String], default: [] },
    fields: { type: [String], default: [] },
    rulePackVersion: { type: String, default: null },
    closedEarlyOn: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'rounds', versionKey: false, minimize: false },
);

const sittingSchema = new Schema<SittingRecord>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true, index: true },
    councilId: { type: String, required: true },
    meetingAt: { type: String, required: true },
    place: { type: String, required: true },
    caseIds: { type: [String], required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'councilSittings', versionKey: false, minimize: false },
);

/** A round as the API shows it. */
export const roundOf = ({ _id, createdBy: _b, createdAt: _a, ...r }: RoundRecord): Round => ({
  id: _id,
  ...r,
});

/** Repository of rounds and council sittings. */
export class RoundRepository {
  readonly rounds: Model<RoundRecord>;
  readonly sittings: Model<SittingRecord>;
  private cache: { at: number; rounds: Round[] } | null = null;

  constructor(conn: Connection) {
    this.rounds =
      (conn.models['Round'] as Model<RoundRecord> | undefined) ??
      conn.model<RoundRecord>('Round', roundSchema);
    this.sittings =
      (conn.models['CouncilSitting'] as Model<SittingRecord> | undefined) ??
      conn.model<SittingRecord>('CouncilSitting', sittingSchema);
  }

  /** Every round, oldest first (a commune opens a few a year). Cached for a few seconds: each filing reads them. */
  async all(): Promise<Round[]> {
    if (!this.cache || Date.now() - this.cache.at > 5_000) {
      const docs = await this.rounds.find().sort({ opensOn: 1, _id: 1 }).lean<RoundRecord[]>().exec();
      this.cache = { at: Date.now(), rounds: docs.map(roundOf) };
    }
    return this.cache.rounds;
  }

  /** Stores a new round; false when the id is taken. */
  async create(r: Round, createdBy: string): Promise<boolean> {
    this.cache = null;
    const { id, ...rest } = r;
    try {
      await this.rounds.create({ _id: id, ...rest, createdBy, createdAt: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** Changes a stored round; the round after the change, or null when there is none. */
  async update(id: string, set: Partial<Omit<Round, 'id'>>): Promise<Round | null> {
    this.cache = null;
    const doc = await this.rounds
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<RoundRecord>()
      .exec();
    return doc ? roundOf(doc) : null;
  }
}
