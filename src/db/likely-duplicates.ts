/**
 * The index behind registration's likely-duplicate check: each registered dossier's title and summary under their
 * MinHash band keys (src/domain/similarity.ts), so a new dossier is compared only with the earlier ones that share a
 * key, never with every case the commune ever had.
 *
 * A bucket is a few slot documents `<field>|<key>#<n>`, each written once by an insert: FerretDB answers a lookup by
 * `_id` alone from its primary key, and an insert of a taken `_id` fails atomically, where an update of one shared
 * document would read then write and could lose a member to a concurrent registration. A bucket holds the first
 * `SLOTS` dossiers that reached it; later ones are found through their other keys, and the work per registration stays
 * bounded however many cases share a word pair.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { similarity, sketchKeys } from '../domain/similarity';
import { isDuplicateKeyError } from './cases';

interface SketchSlot {
  _id: string;
  initiativeId: string;
}

/** A dossier's words as compared. */
export interface DossierText {
  initiativeId: string;
  title: string;
  summary: string;
}

const schema = new Schema<SketchSlot>(
  {
    _id: { type: String, required: true },
    initiativeId: { type: String, required: true },
  },
  { collection: 'dossierSketches', versionKey: false },
);

/** The marker of a finished backfill. */
const BACKFILLED = '~backfilled';
/** The prefix of a dossier's placement record. */
const PLACED = '~placed|';

/** A placed dossier's slot number in each of its buckets (a full bucket is absent); a list, as the keys hold dots. */
type Slots = { bucket: string; n: number }[];

/** Slots per bucket. */
export const SLOTS = 4;

/** An earlier dossier found alike, with its similarity (0..1, two decimals). */
export interface LikelyDuplicate {
  initiativeId: string;
  title: string;
  similarity: number;
}

/** Repository of the likely-duplicate index. */
export class LikelyDuplicateIndex {
  readonly model: Model<SketchSlot>;
  private backfilled = false;

  constructor(conn: Connection) {
    this.model =
      (conn.models['SketchSlot'] as Model<SketchSlot> | undefined) ??
      conn.model<SketchSlot>('SketchSlot', schema);
  }

  /** The collection without mongoose in between (its insertMany and upsert as the driver has them). */
  private get raw() {
    return this.model.db.collection<SketchSlot & { slots?: Slots }>(this.model.collection.collectionName);
  }

  /** Indexes a dossier under its keys (once: a retry finds its slots taken by itself). */
  async add(dossier: DossierText): Promise<void> {
    await this.othersSharingKeys(dossier, false);
  }

  /**
   * Indexes a dossier and returns the other dossiers that share a key with it and are at least `minSimilarity` alike
   * as they read now (`current` gives their title and summary), the most alike first.
   */
  async addAndMatch(
    dossier: DossierText,
    minSimilarity: number,
    current: (ids: string[]) => Promise<DossierText[]>,
  ): Promise<LikelyDuplicate[]> {
    const others = await current([...(await this.othersSharingKeys(dossier, true))]);
    return others
      .filter((o) => o.initiativeId !== dossier.initiativeId)
      .map((o) => ({
        initiativeId: o.initiativeId,
        title: o.title,
        similarity:
          Math.round(
            Math.max(similarity(dossier.title, o.title), similarity(dossier.summary, o.summary)) * 100,
          ) / 100,
      }))
      .filter((f) => f.similarity >= minSimilarity)
      .sort((a, b) => b.similarity - a.similarity || a.initiativeId.localeCompare(b.initiativeId));
  }

  /**
   * Indexes, once per database, the dossiers filed before this index existed (`filed` lists them, read the slow way
   * that one time); a marker slot says it is done. Safe to run twice at once: each dossier is placed once.
   */
  async backfill(filed: () => Promise<DossierText[]>): Promise<void> {
    if (this.backfilled) return;
    if (!(await this.model.exists({ _id: BACKFILLED }).exec())) {
      for (const d of await filed()) await this.add(d);
      await this.model
        .updateOne({ _id: BACKFILLED }, { $setOnInsert: { initiativeId: '' } }, { upsert: true })
        .exec()
        .catch((err: unknown) => {
          if (!isDuplicateKeyError(err)) throw err;
        });
    }
    this.backfilled = true;
  }

  /**
   * Places the dossier in each of its buckets and returns the ids of the others found there. The first call places it
   * level by level: one insert command for the free slot `#n` of every bucket still unplaced, then a read of each slot
   * found taken. It ends by writing the dossier's placement (`~placed|<id>`: its slot in each bucket), so a later call
   * (registration after filing, or a retry) reads that one record and then, when `wanted`, the other dossiers' slots.
   */
  private async othersSharingKeys(dossier: DossierText, wanted: boolean): Promise<Set<string>> {
    const buckets = [
      ...sketchKeys(dossier.title).map((k) => `t|${k}`),
      ...sketchKeys(dossier.summary).map((k) => `s|${k}`),
    ];
    const placedId = `${PLACED}${dossier.initiativeId}`;
    const placed = await this.model.findById(placedId).lean<SketchSlot & { slots?: Slots }>().exec();
    if (placed?.slots) return wanted ? this.othersAround(placed.slots) : new Set();
    const { slots, others } = await this.place([...new Set(buckets)], dossier.initiativeId);
    await this.raw
      .updateOne(
        { _id: placedId },
        { $setOnInsert: { initiativeId: dossier.initiativeId, slots } },
        { upsert: true },
      )
      .catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    return others;
  }

  /** Takes the first free slot of each bucket, level by level; a bucket whose slots are all taken gets none. */
  private async place(
    buckets: string[],
    initiativeId: string,
  ): Promise<{ slots: Slots; others: Set<string> }> {
    const slots: Slots = [];
    const others = new Set<string>();
    let pending = buckets;
    for (let n = 0; n < SLOTS && pending.length > 0; n++) {
      const taken = await this.insertFree(
        pending.map((b) => `${b}#${n}`),
        initiativeId,
      );
      const next: string[] = [];
      for (const [i, bucket] of pending.entries()) {
        if (!taken.has(i)) {
          slots.push({ bucket, n });
          continue;
        }
        const slot = await this.model.findById(`${bucket}#${n}`).lean<SketchSlot>().exec();
        if (slot?.initiativeId === initiativeId) {
          // A retry of a placement that died before its record: this slot is the dossier's own.
          slots.push({ bucket, n });
          for (const id of await this.slotsFrom(bucket, n + 1)) others.add(id);
        } else {
          if (slot) others.add(slot.initiativeId);
          next.push(bucket);
        }
      }
      pending = next;
    }
    return { slots, others };
  }

  /** Inserts the slots in one command; returns the positions of those another dossier holds already. */
  private async insertFree(ids: string[], initiativeId: string): Promise<Set<number>> {
    try {
      await this.raw.insertMany(
        ids.map((_id) => ({ _id, initiativeId })),
        { ordered: false },
      );
      return new Set();
    } catch (err) {
      const failures = (err as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
      if (!Array.isArray(failures) || failures.some((f) => f.code !== 11000)) throw err;
      return new Set(failures.map((f) => f.index));
    }
  }

  /** The other dossiers in the buckets of a placed one: the slots before its own and those filled after it. */
  private async othersAround(slots: Slots): Promise<Set<string>> {
    const others = new Set<string>();
    for (const { bucket, n: own } of slots) {
      for (let n = 0; n < own; n++) {
        const slot = await this.model.findById(`${bucket}#${n}`).lean<SketchSlot>().exec();
        if (slot) others.add(slot.initiativeId);
      }
      for (const id of await this.slotsFrom(bucket, own + 1)) others.add(id);
    }
    return others;
  }

  /** The cases in a bucket's slots from `from` on. */
  private async slotsFrom(bucket: string, from: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = from; n < SLOTS; n++) {
      const slot = await this.model.findById(`${bucket}#${n}`).lean<SketchSlot>().exec();
      if (!slot) break;
      ids.push(slot.initiativeId);
    }
    return ids;
  }
}
