/** Audit log of administrative and bulk actions (each decision on a case is also in that case's legal record). */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from './cases';

/** A stored audit entry. */
export interface AuditRecord {
  _id: string;
  at: Date;
  actorId: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  requestId: string | null;
}

const schema = new Schema<AuditRecord>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true, index: true },
    action: { type: String, required: true },
    target: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
    requestId: { type: String, default: null },
  },
  { collection: 'audit', versionKey: false, minimize: false },
);

/** Repository of the audit log. */
export class AuditRepository {
  readonly model: Model<AuditRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Audit'] as Model<AuditRecord> | undefined) ?? conn.model<AuditRecord>('Audit', schema);
  }

  /** Appends an entry; one given its own `_id` is written once (a retried request logs nothing more). */
  async log(entry: Omit<AuditRecord, '_id' | 'at'> & { _id?: string }): Promise<void> {
    try {
      await this.model.create({ _id: randomUUID(), at: new Date(), ...entry });
    } catch (err) {
      if (!(entry._id && isDuplicateKeyError(err))) throw err;
    }
  }
}
