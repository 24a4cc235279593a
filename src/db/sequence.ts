/**
 * Numbers that run on within a year, one per owner, claimed once: the register number of a filing, a case's short
 * code. The entry itself claims the next number of the year (a unique index on year and number), so numbers are
 * consecutive with no gap even when a crash or a retry interrupts: there is no separate counter to advance and lose.
 * Two owners racing for a number both try it; the loser tries the next.
 *
 * Every lookup is by `_id` alone, which FerretDB answers from its primary key (any other filter or sort reads every
 * entry ever made). Where the search starts is the year's last number as noted in `sequenceHints`: a note only ever
 * holds a number taken after all the ones below it, so it can lag behind, never run ahead, and the search stays
 * gapless. A year without a note (a database from before notes) is read once the slow way.
 */
import { Schema, type Model } from 'mongoose';
import { isDuplicateKeyError } from './cases';

/** One claimed number. */
export interface SequenceEntry {
  _id: string;
  year: number;
  seq: number;
}

interface SequenceHint {
  _id: string;
  seq: number;
}

const hintSchema = new Schema<SequenceHint>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'sequenceHints', versionKey: false },
);

function hintsOf(model: Model<SequenceEntry>): Model<SequenceHint> {
  const conn = model.db;
  return (
    (conn.models['SequenceHint'] as Model<SequenceHint> | undefined) ??
    conn.model<SequenceHint>('SequenceHint', hintSchema)
  );
}

/** The owner's entry of the year's sequence, made once (a retry returns the one already made). */
export async function claimInYear<T extends SequenceEntry>(
  model: Model<T>,
  ownerId: string,
  year: number,
  make: (seq: number) => T,
): Promise<T> {
  const held = await model.findById(ownerId).lean<T>().exec();
  if (held) return held;
  const entries = model as unknown as Model<SequenceEntry>;
  const hints = hintsOf(entries);
  const hintId = `${model.collection.collectionName}|${year}`;
  let seq =
    ((await hints.findById(hintId).lean<SequenceHint>().exec())?.seq ?? (await lastSeq(entries, year))) + 1;
  for (let attempt = 0; attempt < 500; attempt++, seq++) {
    const candidate = make(seq);
    try {
      await model.create(candidate);
      await note(hints, hintId, seq);
      return candidate;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    // Refused: either the owner claimed a number meanwhile (a racing retry), or this number is taken.
    const mine = await model.findById(ownerId).lean<T>().exec();
    if (mine) return mine;
  }
  throw new Error(`could not claim a number of ${year} for ${ownerId}`);
}

/** The highest number of a year, read the slow way: only for a year nobody has noted yet. */
async function lastSeq(model: Model<SequenceEntry>, year: number): Promise<number> {
  const last = await model
    .findOne({ year }, { seq: 1 })
    .sort({ seq: -1 })
    .lean<Pick<SequenceEntry, 'seq'>>()
    .exec();
  return last?.seq ?? 0;
}

/** Notes a number taken (only ever raising the note). */
async function note(hints: Model<SequenceHint>, id: string, seq: number): Promise<void> {
  try {
    await hints.updateOne({ _id: id }, { $max: { seq } }, { upsert: true }).exec();
  } catch (err) {
    // Two first notes of a year raced to insert it: the other one is there, raise it.
    if (!isDuplicateKeyError(err)) throw err;
    await hints.updateOne({ _id: id }, { $max: { seq } }).exec();
  }
}
