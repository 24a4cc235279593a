/**
 * Issued documents and their numbers. A number is assigned when a document is signed: per issuing series and year,
 * starting at 01 on 1 January, gapless, unique by a database index (series, year, seq) — concurrent signings retry on
 * the index instead of sharing or skipping a number. A document is issued once per key; re-downloading returns the
 * stored bytes; a revoked document is marked, never deleted.
 */
import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from './cases';

/** A stored issued document. */
export interface IssuedDocument {
  _id: string;
  /** Idempotency key: the case, the document type and its occasion (e.g. `<case>:RECOGNITION_DECISION`). */
  key: string;
  initiativeId: string;
  kind: string;
  title: string;
  /** Numbered series (e.g. `QĐ-UBND`), or null for unnumbered documents (score sheets, receipts). */
  series: string | null;
  year: number | null;
  seq: number | null;
  /** "07/QĐ-UBND" as printed, or null. */
  number: string | null;
  issuedAt: Date;
  signerName: string | null;
  pdf: Buffer;
  docx: Buffer;
  pdfSha256: string;
  docxSha256: string;
  /** On a score sheet: the member who scored; the sheet is sealed until the scores open (src/domain/access.ts). */
  scorerId: string | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

const schema = new Schema<IssuedDocument>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true, unique: true },
    initiativeId: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    series: { type: String, default: null },
    year: { type: Number, default: null },
    seq: { type: Number, default: null },
    number: { type: String, default: null },
    issuedAt: { type: Date, required: true },
    signerName: { type: String, default: null },
    pdf: { type: Buffer, required: true },
    docx: { type: Buffer, required: true },
    pdfSha256: { type: String, required: true },
    docxSha256: { type: String, required: true },
    scorerId: { type: String, default: null },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
  },
  { collection: 'issuedDocuments', versionKey: false },
);

/** A number taken in a series: its `_id` (`series|year|seq`) is the database constraint behind "one number once". */
interface NumberRecord {
  _id: string;
  series: string;
  year: number;
  seq: number;
  key: string;
  takenAt: Date;
}

const numberSchema = new Schema<NumberRecord>(
  {
    _id: { type: String, required: true },
    series: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    key: { type: String, required: true, unique: true },
    takenAt: { type: Date, required: true },
  },
  { collection: 'documentNumbers', versionKey: false },
);

/** The last number taken in a series and year, as noted: where the search for the next one starts. */
interface NumberHint {
  _id: string;
  seq: number;
}

const hintSchema = new Schema<NumberHint>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'documentNumberHints', versionKey: false },
);

/** A lean query returns BSON Binary for Buffer fields: the bytes as a Buffer. */
function toBuffer(b: unknown): Buffer {
  if (Buffer.isBuffer(b)) return b;
  const bin = b as { buffer: Uint8Array };
  return Buffer.from(bin.buffer);
}

/** SHA-256 of bytes, hex. */
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Repository of issued documents. */
export class DocumentRepository {
  readonly model: Model<IssuedDocument>;
  readonly numbers: Model<NumberRecord>;
  private readonly hints: Model<NumberHint>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['IssuedDocument'] as Model<IssuedDocument> | undefined) ??
      conn.model<IssuedDocument>('IssuedDocument', schema);
    this.numbers =
      (conn.models['DocumentNumber'] as Model<NumberRecord> | undefined) ??
      conn.model<NumberRecord>('DocumentNumber', numberSchema);
    this.hints =
      (conn.models['DocumentNumberHint'] as Model<NumberHint> | undefined) ??
      conn.model<NumberHint>('DocumentNumberHint', hintSchema);
  }

  /**
   * The number of a document key in a series and year: the one it already holds, or the next free one. Two signings
   * racing for the same number both try to insert its `_id`; the loser takes the following number. A key keeps its
   * number across retries (a unique index on `key`), so a crash between numbering and storing leaves no gap.
   *
   * Every lookup is by `_id` alone, which FerretDB answers from its primary key (any other filter reads every number
   * ever taken). The search starts after the series' last number as last noted (`hints`); a note can lag behind,
   * never run ahead, since it only ever holds a number taken after all the ones below it, so the search stays gapless.
   */
  async takeNumber(series: string, year: number, key: string): Promise<number> {
    let seq = (await this.lastNoted(series, year)) + 1;
    for (let attempt = 0; attempt < 500; attempt++, seq++) {
      const id = `${series}|${year}|${seq}`;
      try {
        await this.numbers.create({ _id: id, series, year, seq, key, takenAt: new Date() });
        await this.note(series, year, seq);
        return seq;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const taken = await this.numbers.findById(id, { key: 1 }).lean<Pick<NumberRecord, 'key'>>().exec();
      if (taken?.key === key) return seq;
      if (taken) continue;
      // The number is free, so what refused the insert is the key's index: this key already holds a number.
      const held = await this.numbers
        .findOne({ key: { $eq: key } }, { seq: 1 })
        .lean<Pick<NumberRecord, 'seq'>>()
        .exec();
      if (held) return held.seq;
      seq--; // neither: ask for the same number again
    }
    throw new Error(`could not number ${key} in ${series}/${year}`);
  }

  /** The last number of a series and year as noted, or found once by reading them all (none noted yet). */
  private async lastNoted(series: string, year: number): Promise<number> {
    const hint = await this.hints.findById(`${series}|${year}`).lean<NumberHint>().exec();
    return hint?.seq ?? this.lastSeq(series, year);
  }

  /** Notes a number taken (only ever raising the note). */
  private async note(series: string, year: number, seq: number): Promise<void> {
    try {
      await this.hints.updateOne({ _id: `${series}|${year}` }, { $max: { seq } }, { upsert: true }).exec();
    } catch (err) {
      // Two first notes of a series raced to insert it: the other one is there, raise it.
      if (!isDuplicateKeyError(err)) throw err;
      await this.hints.updateOne({ _id: `${series}|${year}` }, { $max: { seq } }).exec();
    }
  }

  /**
   * The document already issued under a key, or null (its bytes as Buffers). A document's `_id` is its key, and the
   * lookup is by `_id` alone: FerretDB answers that from its primary key, while any other filter reads every stored
   * document with its PDF and DOCX, a cost that grew with every case.
   */
  async byKey(key: string): Promise<IssuedDocument | null> {
    const doc = await this.model.findById(key).lean<IssuedDocument>().exec();
    return doc ? { ...doc, pdf: toBuffer(doc.pdf), docx: toBuffer(doc.docx) } : null;
  }

  /**
   * Issues a document once: when the key exists, returns what was issued; otherwise numbers it (if its series is
   * numbered), renders it with that number and stores the bytes with their SHA-256.
   */
  async issue(input: {
    key: string;
    initiativeId: string;
    kind: string;
    title: string;
    series: string | null;
    year: number;
    issuedAt: Date;
    signerName: string | null;
    scorerId?: string | null;
    /** The symbol printed after the number ("GXN"), when it is not the series itself. */
    symbol?: string | null;
    /** A number given elsewhere (a receipt carries its register number), for a document outside any series. */
    fixedNumber?: string | null;
    render: (number: string | null) => Promise<{ pdf: Buffer; docx: Buffer }>;
  }): Promise<IssuedDocument> {
    const existing = await this.byKey(input.key);
    if (existing) return existing;
    const seq = input.series ? await this.takeNumber(input.series, input.year, input.key) : null;
    // One value: the number printed on the document is the number in the list and the record.
    const number =
      seq !== null
        ? `${String(seq).padStart(2, '0')}/${input.symbol ?? input.series}`
        : (input.fixedNumber ?? null);
    const { pdf, docx } = await input.render(number);
    const doc: IssuedDocument = {
      _id: input.key,
      key: input.key,
      initiativeId: input.initiativeId,
      kind: input.kind,
      title: input.title,
      series: input.series,
      year: input.series ? input.year : null,
      seq,
      number,
      issuedAt: input.issuedAt,
      signerName: input.signerName,
      pdf,
      docx,
      pdfSha256: sha256(pdf),
      docxSha256: sha256(docx),
      scorerId: input.scorerId ?? null,
      revokedAt: null,
      revokedReason: null,
    };
    try {
      await this.model.create(doc);
      return doc;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Issued meanwhile by a retry of the same activity: what was stored first is the document.
      return (await this.byKey(input.key))!;
    }
  }

  /** The highest sequence number of a series in a year (0 when none: the year starts at 01). */
  async lastSeq(series: string, year: number): Promise<number> {
    const last = await this.numbers
      .find({ series: { $eq: series }, year: { $eq: year } }, { seq: 1 })
      .sort({ seq: -1 })
      .limit(1)
      .lean<{ seq: number }[]>()
      .exec();
    return last[0]?.seq ?? 0;
  }

  /** A case's documents without their bytes. */
  list(initiativeId: string): Promise<Omit<IssuedDocument, 'pdf' | 'docx'>[]> {
    return this.model
      .find({ initiativeId: { $eq: initiativeId } }, { pdf: 0, docx: 0 })
      .sort({ issuedAt: 1, _id: 1 })
      .lean<Omit<IssuedDocument, 'pdf' | 'docx'>[]>()
      .exec();
  }

  /**
   * A case's documents without their bytes, by their keys (the ids its legal-record entries name in
   * `details.documents`): each is one lookup by `_id`, where a filter on `initiativeId` reads every document of every
   * case with its PDF and DOCX on FerretDB.
   */
  async listByIds(
    initiativeId: string,
    ids: Iterable<string>,
  ): Promise<Omit<IssuedDocument, 'pdf' | 'docx'>[]> {
    const docs = await Promise.all(
      [...new Set(ids)].map((id) =>
        this.model.findById(id, { pdf: 0, docx: 0 }).lean<Omit<IssuedDocument, 'pdf' | 'docx'>>().exec(),
      ),
    );
    return docs
      .filter((d): d is Omit<IssuedDocument, 'pdf' | 'docx'> => !!d && d.initiativeId === initiativeId)
      .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a._id.localeCompare(b._id));
  }

  /** Marks a case's documents revoked (never deletes them). */
  async revokeAll(initiativeId: string, reason: string): Promise<void> {
    await this.model
      .updateMany(
        { initiativeId: { $eq: initiativeId }, revokedAt: null },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      )
      .exec();
  }
}
