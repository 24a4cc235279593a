/**
 * Authors who have no account (a nurse, a parent, a retired teacher): each is a stable person record, so the same
 * person is the same author in every case, every achievement and every certificate, whatever the spelling of the
 * name in the next dossier. A filer picks the record when it exists; a filing that names someone new makes one.
 */
import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { foldVietnamese } from '../domain/text';

/** A stored author record. */
export interface AuthorRecord {
  _id: string;
  fullName: string;
  fullNameFolded: string;
  birthDate: string | null;
  workplace: string | null;
  /** The unit of the case that first named them. */
  unitId: string;
  /** The case that first named them. */
  firstNamedIn: string;
  createdAt: Date;
}

const schema = new Schema<AuthorRecord>(
  {
    _id: { type: String, required: true },
    fullName: { type: String, required: true },
    fullNameFolded: { type: String, required: true, index: true },
    birthDate: { type: String, default: null },
    workplace: { type: String, default: null },
    unitId: { type: String, required: true },
    firstNamedIn: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'authors', versionKey: false },
);

/** Author record ids: `tg-` and 16 hex digits (tác giả). */
export const AUTHOR_ID_PATTERN = /^tg-[0-9a-f]{16}$/;

/** Repository of author records. */
export class AuthorRepository {
  readonly model: Model<AuthorRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Author'] as Model<AuthorRecord> | undefined) ??
      conn.model<AuthorRecord>('Author', schema);
  }

  /**
   * The record of an author a case names for the first time. Its id comes from the case and the author's place and
   * name in it, so a retried filing makes no second record.
   */
  async create(
    initiativeId: string,
    index: number,
    a: { fullName: string; birthDate?: string; workplace?: string },
    unitId: string,
  ): Promise<string> {
    const folded = foldVietnamese(a.fullName);
    const id = `tg-${createHash('sha256').update(`${initiativeId}|${index}|${folded}`).digest('hex').slice(0, 16)}`;
    await this.model
      .updateOne(
        { _id: id },
        {
          $setOnInsert: {
            fullName: a.fullName,
            fullNameFolded: folded,
            birthDate: a.birthDate ?? null,
            workplace: a.workplace ?? null,
            unitId,
            firstNamedIn: initiativeId,
            createdAt: new Date(),
          },
        },
        { upsert: true },
      )
      .exec();
    return id;
  }

  /** The records with these ids. */
  byIds(ids: readonly string[]): Promise<AuthorRecord[]> {
    return this.model
      .find({ _id: { $in: [...ids] } })
      .lean<AuthorRecord[]>()
      .exec();
  }

  /** Records whose name contains the (accent-folded) words, for the filer to pick from. */
  search(foldedPattern: string, limit: number): Promise<AuthorRecord[]> {
    return this.model
      .find({ fullNameFolded: { $regex: foldedPattern } })
      .sort({ fullNameFolded: 1, _id: 1 })
      .limit(limit)
      .lean<AuthorRecord[]>()
      .exec();
  }
}
