/**
 * Numbers that run on within a year, one per owner, claimed once: the register number of a filing, a case's short
 * code. The entry itself claims the next number of the year (a unique index on year and number), so numbers are
 * consecutive with no gap even when a crash or a retry interrupts: there is no separate counter to advance and lose.
 * Two owners racing for a number both see the same last one; the loser tries the next.
 */
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './cases';

/** One claimed number. */
export interface SequenceEntry {
  _id: string;
  year: number;
  seq: number;
}

/** The owner's entry of the year's sequence, made once (a retry returns the one already made). */
export async function claimInYear<T extends SequenceEntry>(
  model: Model<T>,
  ownerId: string,
  year: number,
  make: (seq: number) => T,
): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const held = await model.findById(ownerId).lean<T>().exec();
    if (held) return held;
    const last = await model
      .findOne({ year }, { seq: 1 })
      .sort({ seq: -1 })
      .lean<Pick<SequenceEntry, 'seq'>>()
      .exec();
    const candidate = make((last?.seq ?? 0) + 1);
    try {
      await model.create(candidate);
      return candidate;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new Error(`could not claim a number of ${year} for ${ownerId}`);
}
