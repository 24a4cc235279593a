/** The intake register (Sổ tiếp nhận): one register number per case and year, assigned once. */
import { Schema, type Connection, type Model } from 'mongoose';
import { similarity } from '../domain/similarity';
import type { CaseRepository } from './cases';
import { claimInYear } from './sequence';
import { vnYear } from '../domain/duration';
import { duplicateCheckOf, type DuplicateCheck } from '../domain/rule-pack';

interface Registration {
  _id: string;
  registerNo: string;
  year: number;
  seq: number;
  receivedAt: Date;
}

const registrationSchema = new Schema<Registration>(
  {
    _id: { type: String, required: true },
    registerNo: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'registrations', versionKey: false },
);
registrationSchema.index({ year: 1, seq: 1 }, { unique: true });

/** What registration returns to the workflow. */
export interface RegistrationResult {
  registerNo: string;
  receivedAt: string;
  duplicateFlags: { initiativeId: string; title: string; similarity: number }[];
}

/** Repository of the intake register. */
export class RegisterRepository {
  private readonly registrations: Model<Registration>;

  constructor(
    conn: Connection,
    private readonly cases: CaseRepository,
  ) {
    this.registrations =
      (conn.models['Registration'] as Model<Registration> | undefined) ??
      conn.model<Registration>('Registration', registrationSchema);
  }

  /**
   * Registers a case once: a retry returns the number and received-at time already given (the received-at time is
   * immutable). Likely duplicates among earlier filings are flagged for the secretary, never rejected.
   */
  async register(input: {
    initiativeId: string;
    title: string;
    summary: string;
    receivedAt: string;
    duplicates?: DuplicateCheck;
  }): Promise<RegistrationResult> {
    const rule = input.duplicates ?? duplicateCheckOf({});
    const reg = await this.claimNumber(input.initiativeId, new Date(input.receivedAt));
    const others = await this.cases.model
      .find({ _id: { $ne: input.initiativeId } }, { title: 1, summary: 1 })
      .lean<{ _id: string; title: string; summary: string }[]>()
      .exec();
    const duplicateFlags = others
      .map((o) => ({
        initiativeId: o._id,
        title: o.title,
        similarity:
          Math.round(Math.max(similarity(input.title, o.title), similarity(input.summary, o.summary)) * 100) /
          100,
      }))
      .filter((f) => f.similarity >= rule.minSimilarity)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, rule.shown);
    return { registerNo: reg.registerNo, receivedAt: reg.receivedAt.toISOString(), duplicateFlags };
  }

  /** The register entry of a case, made once: the next number of its year (src/db/sequence.ts). */
  private claimNumber(initiativeId: string, receivedAt: Date): Promise<Registration> {
    const year = vnYear(receivedAt.getTime());
    return claimInYear(this.registrations, initiativeId, year, (seq) => ({
      _id: initiativeId,
      registerNo: `${String(seq).padStart(3, '0')}/${year}/SK`,
      year,
      seq,
      receivedAt,
    }));
  }
}
