/** Attached files: bytes with their SHA-256, one record per case and content (a re-upload of the same file is one). */
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from './cases';

/** A stored attachment. */
export interface AttachmentRecord {
  _id: string;
  initiativeId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  confidential: boolean;
  uploadedBy: string;
  uploadedAt: Date;
  data: Buffer;
}

const schema = new Schema<AttachmentRecord>(
  {
    _id: { type: String, required: true },
    initiativeId: { type: String, required: true, index: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    confidential: { type: Boolean, default: false },
    uploadedBy: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'attachments', versionKey: false },
);

/** Repository of attachments. */
export class AttachmentRepository {
  readonly model: Model<AttachmentRecord>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Attachment'] as Model<AttachmentRecord> | undefined) ??
      conn.model<AttachmentRecord>('Attachment', schema);
  }

  /**
   * Bytes of the files a case holds: the sizes its state lists, read with the case by `_id` (a filter on
   * `initiativeId` would read every stored file of every case, bytes and all, on FerretDB).
   */
  async totalSize(initiativeId: string): Promise<number> {
    const c = await this.model.db
      .collection<{ _id: string; state?: { attachments?: { size: number }[] } }>('cases')
      .findOne({ _id: initiativeId }, { projection: { 'state.attachments': 1 } });
    return (c?.state?.attachments ?? []).reduce((a, r) => a + r.size, 0);
  }

  /** Stores a file once; returns whether this call stored it. */
  async store(a: AttachmentRecord): Promise<boolean> {
    try {
      await this.model.create(a);
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** One attachment with its bytes, or null. */
  async get(id: string): Promise<AttachmentRecord | null> {
    const doc = await this.model.findById(id).lean<AttachmentRecord>().exec();
    if (!doc) return null;
    const data = Buffer.isBuffer(doc.data)
      ? doc.data
      : Buffer.from((doc.data as unknown as { buffer: Uint8Array }).buffer);
    return { ...doc, data };
  }

  /** Removes a file this request stored when the case refused it (nothing of a refused upload is kept). */
  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }
}
