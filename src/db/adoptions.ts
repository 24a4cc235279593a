/** The read model of adoptions: one document per adopting unit's replication case, written only by its workflow. */
import { Schema, type Connection, type Model } from 'mongoose';
import type { ReplicationState } from '../contracts/replication';
import { isDuplicateKeyError } from './cases';

/** An adoption as stored: its replication workflow's id and state. */
export interface AdoptionRecord {
  /** The replication workflow's id (`initiative:<id>:replication:<unitId>`). */
  _id: string;
  initiativeId: string;
  unitId: string;
  revision: number;
  state: ReplicationState;
  updatedAt: Date;
}

const adoptionSchema = new Schema<AdoptionRecord>(
  {
    _id: { type: String, required: true },
    initiativeId: { type: String, required: true },
    unitId: { type: String, required: true },
    revision: { type: Number, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'adoptions', versionKey: false, minimize: false },
);

/** Repository of the adoption read model. */
export class AdoptionRepository {
  readonly model: Model<AdoptionRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Adoption'] as Model<AdoptionRecord> | undefined) ??
      conn.model<AdoptionRecord>('Adoption', adoptionSchema);
  }

  /** Writes the adoption's state if it is newer than what is stored (by `_id` alone, as CaseRepository.upsertState). */
  async upsert(id: string, state: ReplicationState, now: Date = new Date()): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.model.findById(id, { revision: 1 }).lean<{ revision: number }>().exec();
      if (stored && stored.revision >= state.revision) return;
      const doc = {
        initiativeId: state.initiativeId,
        unitId: state.unitId,
        revision: state.revision,
        state,
        updatedAt: now,
      };
      try {
        await this.model.updateOne({ _id: id }, { $set: doc }, { upsert: !stored });
        return;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }

  /** One adoption's state, or null before its first write. */
  async find(id: string): Promise<ReplicationState | null> {
    const r = await this.model.findById(id, { state: 1 }).lean<{ state: ReplicationState }>().exec();
    return r?.state ?? null;
  }
}
