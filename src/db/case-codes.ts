/**
 * A case's short code, the one a person reads aloud, types and finds it by (`SK-2026-0012`, like the mã hồ sơ of
 * public-service portals): per year of filing, Vietnam time, claimed once before the case's workflow starts.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { vnYear } from '../domain/duration';
import { claimInYear, type SequenceEntry } from './sequence';

interface CaseCode extends SequenceEntry {
  code: string;
}

const schema = new Schema<CaseCode>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true, unique: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
  },
  { collection: 'caseCodes', versionKey: false },
);
schema.index({ year: 1, seq: 1 }, { unique: true });

/** The written form of a case code. */
export const CASE_CODE_PATTERN = /^SK-\d{4}-\d{4,}$/;

/** Repository of case codes. */
export class CaseCodeRepository {
  private readonly model: Model<CaseCode>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['CaseCode'] as Model<CaseCode> | undefined) ?? conn.model<CaseCode>('CaseCode', schema);
  }

  /** The case's code: the next of the year it is filed in, or the one it already has. */
  async claim(initiativeId: string, filedAt: Date): Promise<string> {
    const year = vnYear(filedAt.getTime());
    const entry = await claimInYear(this.model, initiativeId, year, (seq) => ({
      _id: initiativeId,
      code: `SK-${year}-${String(seq).padStart(4, '0')}`,
      year,
      seq,
    }));
    return entry.code;
  }
}
