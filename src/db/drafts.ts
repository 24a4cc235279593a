/** Drafts of a filing a person has not sent yet: saved as they type, resumed on any device, deleted on sending. */
import { Schema, type Connection, type Model } from 'mongoose';

/** A saved draft (the form's fields as the person left them; validated only when sent). */
export interface DraftRecord {
  _id: string;
  personId: string;
  title: string;
  data: Record<string, unknown>;
  updatedAt: Date;
}

/** How a draft is stored: its form data as JSON text. */
type StoredDraft = Omit<DraftRecord, 'data'> & { data: string };

const fromStored = (d: StoredDraft): DraftRecord => ({
  ...d,
  data: JSON.parse(d.data) as Record<string, unknown>,
});

const schema = new Schema<StoredDraft>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true, index: true },
    title: { type: String, required: true },
    // Kept as JSON text: a half-typed form may hold anything (keys with "$" or ".", nested arrays that FerretDB
    // refuses), and nothing queries inside it.
    data: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'drafts', versionKey: false, minimize: false },
);

/** At most this many drafts per person (a draft is a working copy, not an archive). */
export const MAX_DRAFTS_PER_PERSON = 20;

/** Repository of drafts; every call is scoped to its owner. */
export class DraftRepository {
  readonly model: Model<StoredDraft>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Draft'] as Model<StoredDraft> | undefined) ?? conn.model<StoredDraft>('Draft', schema);
  }

  /** The person's drafts, newest first. */
  async list(personId: string): Promise<DraftRecord[]> {
    const drafts = await this.model
      .find({ personId: { $eq: personId } })
      .sort({ updatedAt: -1 })
      .lean<StoredDraft[]>()
      .exec();
    return drafts.map(fromStored);
  }

  /** One draft of the person (null if absent or someone else's). */
  async get(personId: string, id: string): Promise<DraftRecord | null> {
    const draft = await this.model
      .findOne({ _id: { $eq: id }, personId: { $eq: personId } })
      .lean<StoredDraft>()
      .exec();
    return draft ? fromStored(draft) : null;
  }

  /**
   * Creates or replaces the person's draft: 'saved', 'full' when they already keep the maximum number of drafts, or
   * 'taken' when the id is someone else's draft.
   */
  async save(
    personId: string,
    id: string,
    title: string,
    data: Record<string, unknown>,
  ): Promise<'saved' | 'full' | 'taken'> {
    const existing = await this.model.exists({ _id: { $eq: id } }).exec();
    const count = existing ? 0 : await this.model.countDocuments({ personId: { $eq: personId } }).exec();
    if (count >= MAX_DRAFTS_PER_PERSON) return 'full';
    const res = await this.model
      .updateOne(
        { _id: { $eq: id }, personId: { $eq: personId } },
        { $set: { title, data: JSON.stringify(data), updatedAt: new Date() }, $setOnInsert: { personId } },
        { upsert: true },
      )
      .exec()
      .catch((err: { code?: number }) => {
        // The id belongs to someone else's draft: the upsert collides on _id.
        if (err.code === 11000) return null;
        throw err;
      });
    return res === null ? 'taken' : 'saved';
  }

  /** Deletes the person's draft; false when they have none with this id. */
  async remove(personId: string, id: string): Promise<boolean> {
    const res = await this.model.deleteOne({ _id: { $eq: id }, personId: { $eq: personId } }).exec();
    return res.deletedCount > 0;
  }
}
