/**
 * The People's Committee's signing offices: who holds which office for which term, and which vice-chairman signs for
 * the chairman in which field (delegations). Decisions take their signer's capacity from here (src/domain/signing.ts).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { signingAuthority, unitHeadOffice, type Delegation, type OfficeTerm } from '../domain/signing';

const termSchema = new Schema<OfficeTerm & { _id: string }>(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    office: { type: String, required: true },
    personId: { type: String, required: true, index: true },
    unitId: { type: String },
    from: { type: String, required: true },
    to: { type: String, default: null },
    basis: { type: String, required: true },
  },
  { collection: 'officeTerms', versionKey: false },
);
const delegationSchema = new Schema<Delegation & { _id: string }>(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    personId: { type: String, required: true, index: true },
    scope: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, default: null },
    basis: { type: String, required: true },
  },
  { collection: 'delegations', versionKey: false },
);

/** Repository of office terms and delegations. */
export class OfficeRepository {
  readonly terms: Model<OfficeTerm & { _id: string }>;
  readonly delegations: Model<Delegation & { _id: string }>;

  constructor(conn: Connection) {
    this.terms =
      (conn.models['OfficeTerm'] as typeof this.terms | undefined) ?? conn.model('OfficeTerm', termSchema);
    this.delegations =
      (conn.models['Delegation'] as typeof this.delegations | undefined) ??
      conn.model('Delegation', delegationSchema);
  }

  /** The capacity a person signs in on a Vietnam date, or why they may not sign. */
  async authorityOf(personId: string, date: string): Promise<ReturnType<typeof signingAuthority>> {
    const [terms, delegations] = await Promise.all([
      this.terms
        .find({ personId: { $eq: personId } }, { _id: 0 })
        .lean<OfficeTerm[]>()
        .exec(),
      this.delegations
        .find({ personId: { $eq: personId } }, { _id: 0 })
        .lean<Delegation[]>()
        .exec(),
    ]);
    return signingAuthority(personId, date, terms, delegations);
  }

  /** The unit-head term a person acts in for a unit on a Vietnam date (src/domain/signing.ts, unitHeadOffice). */
  async unitHeadOf(
    personId: string,
    unitId: string,
    date: string,
  ): Promise<ReturnType<typeof unitHeadOffice>> {
    const terms = await this.terms
      .find({ office: 'THU_TRUONG_DON_VI', unitId: { $eq: unitId } }, { _id: 0 })
      .lean<OfficeTerm[]>()
      .exec();
    return unitHeadOffice(personId, unitId, date, terms);
  }
}
