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

  /** Indexes a dossier under its keys (once: a retry finds its slots taken by itself). */
  async add(dossier: DossierText): Promise<void> {
    await this.othersSharingKeys(dossier);
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
    const others = await current([...(await this.othersSharingKeys(dossier))]);
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

  /** Places the dossier in each of its buckets and returns the ids of the others found there. */
  private async othersSharingKeys(dossier: DossierText): Promise<Set<string>> {
    const buckets = [
      ...sketchKeys(dossier.title).map((k) => `t|${k}`),
      ...sketchKeys(dossier.summary).map((k) => `s|${k}`),
    ];
    const found = new Set<string>();
    await Promise.all(
      buckets.map(async (bucket) => {
        for (const id of await this.fill(bucket, dossier.initiativeId)) found.add(id);
      }),
    );
    return found;
  }

  /**
   * Takes the first free slot of a bucket for the case (an insert that fails where a slot is taken: one write for a
   * bucket nobody reached before) and returns the other cases in the slots before it.
   */
  private async fill(bucket: string, initiativeId: string): Promise<string[]> {
    const others: string[] = [];
    for (let n = 0; n < SLOTS; n++) {
      const id = `${bucket}#${n}`;
      try {
        await this.model.create({ _id: id, initiativeId });
        return others;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const slot = await this.model.findById(id).lean<SketchSlot>().exec();
      if (slot?.initiativeId === initiativeId) return [...others, ...(await this.rest(bucket, n + 1))];
      if (slot) others.push(slot.initiativeId);
    }
    return others;
  }

  /** The cases in a bucket's slots from `from` on. */
  private async rest(bucket: string, from: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = from; n < SLOTS; n++) {
      const slot = await this.model.findById(`${bucket}#${n}`).lean<SketchSlot>().exec();
      if (!slot) break;
      ids.push(slot.initiativeId);
    }
    return ids;
  }
}
