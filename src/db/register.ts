/** The intake register (Sổ tiếp nhận): one register number per case and year, assigned once. */
import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseRepository } from './cases';
import { LikelyDuplicateIndex, type DossierText } from './likely-duplicates';
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
  readonly likeness: LikelyDuplicateIndex;

  constructor(
    conn: Connection,
    private readonly cases: CaseRepository,
  ) {
    this.registrations =
      (conn.models['Registration'] as Model<Registration> | undefined) ??
      conn.model<Registration>('Registration', registrationSchema);
    this.likeness = new LikelyDuplicateIndex(conn);
  }

  /**
   * Registers a case once: a retry returns the number and received-at time already given (the received-at time is
   * immutable). Likely duplicates among the dossiers filed earlier are flagged for the secretary, never
   * rejected; they are found through the likely-duplicate index (src/db/likely-duplicates.ts), not by reading every
   * case.
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
    await this.likeness.backfill(() => this.filedBefore());
    const duplicateFlags = (
      await this.likeness.addAndMatch(input, rule.minSimilarity, (ids) => this.dossiers(ids))
    ).slice(0, rule.shown);
    return { registerNo: reg.registerNo, receivedAt: reg.receivedAt.toISOString(), duplicateFlags };
  }

  /** Indexes a newly filed dossier for the likely-duplicate check of later registrations. */
  async indexFiling(dossier: DossierText): Promise<void> {
    await this.likeness.backfill(() => this.filedBefore());
    await this.likeness.add(dossier);
  }

  /** The title and summary of cases as they read now, each looked up by its id. */
  private async dossiers(ids: string[]): Promise<DossierText[]> {
    const found = await Promise.all(
      ids.map((id) =>
        this.cases.model
          .findById(id, { title: 1, summary: 1 })
          .lean<{ _id: string; title: string; summary: string }>()
          .exec(),
      ),
    );
    return found.flatMap((c) => (c ? [{ initiativeId: c._id, title: c.title, summary: c.summary }] : []));
  }

  /** The dossiers filed before the likely-duplicate index existed: read once, the slow way. */
  private async filedBefore(): Promise<DossierText[]> {
    const cases = await this.cases.model
      .find({}, { title: 1, summary: 1 })
      .lean<{ _id: string; title: string; summary: string }[]>()
      .exec();
    return cases.map((c) => ({ initiativeId: c._id, title: c.title, summary: c.summary }));
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
