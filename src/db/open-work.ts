/**
 * Row sets kept whole in a few documents: the read model's lists (open cases, closed cases) packed so that a list reads
 * a handful of documents, however many rows it has. FerretDB spends about 70 µs on each document a query returns and
 * about 85 µs on each kilobyte, and filters everything but `_id` outside the database (docs/benchmarks.md): one
 * document per row cannot list a thousand rows in 50 ms on it.
 *
 * A set is split into `shards` by a hash of the row id. Each shard's rows are one immutable *chunk* (JSON, deflated).
 * A *directory* names the current chunk of every shard; directories are numbered, and the next one is written by an
 * insert of `dir:<set>:<n+1>`: of two writers that both read directory `n`, exactly one insert succeeds (an insert of
 * a taken `_id` fails atomically, where an update would read then write and could lose the other's change), and the
 * other reads again and reapplies its rows. Every lookup is by `_id` alone.
 *
 * Readers find the newest directory by looking up the next number until there is none, starting from the last one they
 * saw (or from `head:<set>`, which a writer raises after each directory and which may lag but never lead). Chunks
 * never change, so a process keeps the ones it read and a list reads only the chunks changed since, usually none.
 * Directories more than `KEEP` behind the newest are deleted with the chunks they replaced.
 *
 * Each row carries its case's `rev`: a write of an older revision than the stored row changes nothing, and a removed
 * row leaves a tombstone for a day, so that a late retry of an older write cannot bring it back.
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Connection } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';

/** What every row has. A row with `gone` set is a tombstone (the ms it was removed). */
export interface StoredRow {
  id: string;
  rev: number;
  gone?: number;
}

interface Directory {
  _id: string;
  n: number;
  chunks: (string | null)[];
  /** The chunks this directory replaced: deleted with it, `KEEP` directories later. */
  retired: string[];
}

interface Doc {
  _id: string;
  n?: number;
  chunks?: (string | null)[];
  retired?: string[];
  z?: Buffer | { buffer: Uint8Array };
}

/** Directories kept behind the newest (a reader holding an older one reads again). */
const KEEP = 64;
/** How long a tombstone keeps a late older write out. */
const TOMBSTONE_MS = 86_400_000;

const COLLECTION = 'openWork';

function shardOf(id: string, shards: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % shards;
}

const isDuplicate = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

/** One packed row set. */
export class RowSet<R extends StoredRow> {
  private known: Directory | null = null;
  private readonly chunks = new Map<string, Map<string, R>>();
  private waiting: { rows: readonly R[]; now: number; resolve: () => void; reject: (e: unknown) => void }[] =
    [];
  private flushing = false;

  constructor(
    private readonly conn: Connection,
    readonly name: string,
    readonly shards: number,
  ) {}

  private get coll() {
    return this.conn.collection<Doc>(COLLECTION);
  }

  private async dir(n: number): Promise<Directory | null> {
    const d = await this.coll.findOne({ _id: `dir:${this.name}:${n}` });
    return d ? { _id: d._id, n: d.n!, chunks: d.chunks!, retired: d.retired ?? [] } : null;
  }

  /**
   * The newest directory (null while the set was never written). The head is read every time: a directory this process
   * saw long ago may have been deleted, and the next number after it with it, which would look like "nothing newer".
   */
  private async latest(): Promise<Directory | null> {
    const known = this.known;
    const [head, afterKnown] = await Promise.all([
      this.coll.findOne({ _id: `head:${this.name}` }),
      known ? this.dir(known.n + 1) : Promise.resolve(null),
    ]);
    const headN = head?.n ?? 0;
    let current: Directory | null;
    if (known && known.n >= headN) {
      if (!afterKnown) return known;
      current = afterKnown;
    } else {
      current = headN ? await this.dir(headN) : null;
      if (headN && !current) throw new ChunkGone(`dir:${this.name}:${headN}`);
    }
    for (;;) {
      const next = await this.dir((current?.n ?? 0) + 1);
      if (!next) break;
      current = next;
    }
    this.known = current;
    return current;
  }

  private async rowsOf(chunkId: string | null): Promise<Map<string, R>> {
    if (!chunkId) return new Map();
    const cached = this.chunks.get(chunkId);
    if (cached) return cached;
    const doc = await this.coll.findOne({ _id: chunkId });
    if (!doc?.z) throw new ChunkGone(chunkId);
    const bytes = Buffer.isBuffer(doc.z) ? doc.z : Buffer.from(doc.z.buffer);
    const rows = new Map((JSON.parse(inflateRawSync(bytes).toString('utf8')) as R[]).map((r) => [r.id, r]));
    this.chunks.set(chunkId, rows);
    return rows;
  }

  /** Every live row (tombstones left out), read from the newest directory. */
  async all(): Promise<R[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const d = await this.latest();
        const maps = await Promise.all((d?.chunks ?? []).map((c) => this.rowsOf(c)));
        this.forgetOthers(d);
        return maps.flatMap((m) => [...m.values()].filter((r) => r.gone === undefined));
      } catch (err) {
        // A directory seen long ago whose chunks were deleted since: read the newest again.
        if (!(err instanceof ChunkGone) || attempt >= 3) throw err;
        this.known = null;
      }
    }
  }

  /** Which directory the last read saw: the same string means the same rows. */
  version(): string {
    return this.known?._id ?? '';
  }

  /** One row, or null (a tombstone is returned as such: it says the row was removed at that revision). */
  async get(id: string): Promise<R | null> {
    const d = await this.latest();
    return (await this.rowsOf(d?.chunks[shardOf(id, this.shards)] ?? null)).get(id) ?? null;
  }

  /**
   * Stores rows (a tombstone removes one): each replaces the stored row of its id unless that one has a higher `rev`,
   * or the same `rev` and content. Resolves once a directory holding them is written (or nothing needed changing).
   * One writer per set in this process (the others would only lose the insert race to it and read again): the puts
   * that arrive while a directory is being written go together into the next one, so a burst of case writes costs
   * one directory per round, not one each.
   */
  put(rows: readonly R[], now = Date.now()): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, now, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        // In arrival order: of two rows of one id and revision, the later put's is the one kept.
        await this.putNow(
          batch.flatMap((p) => p.rows),
          Math.max(...batch.map((p) => p.now)),
        );
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = false;
  }

  private async putNow(rows: readonly R[], now: number): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        if (await this.tryPut(rows, now)) return;
      } catch (err) {
        if (!(err instanceof ChunkGone)) throw err;
        this.known = null;
      }
    }
    throw new Error(`row set ${this.name}: too many concurrent writers`);
  }

  /** One attempt: false when another writer took the next directory first. */
  private async tryPut(rows: readonly R[], now: number): Promise<boolean> {
    const d = await this.latest();
    const n = (d?.n ?? 0) + 1;
    const chunks = d ? [...d.chunks] : Array<string | null>(this.shards).fill(null);
    const retired: string[] = [];
    const written: string[] = [];
    const docs: Doc[] = [];
    const byShard = new Map<number, R[]>();
    for (const r of rows)
      byShard.set(shardOf(r.id, this.shards), [...(byShard.get(shardOf(r.id, this.shards)) ?? []), r]);
    for (const [shard, puts] of byShard) {
      const stored = await this.rowsOf(chunks[shard] ?? null);
      const next = new Map(stored);
      let changed = false;
      for (const r of puts) {
        const cur = next.get(r.id);
        if (cur && (cur.rev > r.rev || (cur.rev === r.rev && sameRow(cur, r)))) continue;
        // A tombstone keeps only what keeps an older write out.
        next.set(r.id, r.gone === undefined ? r : ({ id: r.id, rev: r.rev, gone: r.gone } as R));
        changed = true;
      }
      for (const [id, r] of next) {
        if (r.gone !== undefined && now - r.gone > TOMBSTONE_MS) {
          next.delete(id);
          changed = true;
        }
      }
      if (!changed) continue;
      const id = `chunk:${this.name}:${shard}:${n}:${randomBytes(4).toString('hex')}`;
      docs.push({ _id: id, z: deflateRawSync(JSON.stringify([...next.values()])) });
      this.chunks.set(id, next);
      written.push(id);
      if (chunks[shard]) retired.push(chunks[shard]);
      chunks[shard] = id;
    }
    if (written.length === 0) return true;
    // The new chunks in one command (their ids are new: no insert can meet a taken one).
    await this.coll.insertMany(docs);
    const dir: Directory = { _id: `dir:${this.name}:${n}`, n, chunks, retired };
    try {
      await this.coll.insertOne(dir);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      await this.discard(written);
      return false;
    }
    // Inserted under a number deleted long ago: this writer read a directory `KEEP` behind (it was paused), and the
    // head is far above. Readers start at the head, so drop the directory; its chunks stay (a newer one may name them).
    const head = await this.coll.findOne({ _id: `head:${this.name}` });
    if ((head?.n ?? 0) > n + KEEP / 2) {
      await this.coll.deleteOne({ _id: dir._id });
      this.known = null;
      return false;
    }
    this.known = dir;
    for (const id of retired) this.chunks.delete(id);
    await this.raiseHead(n);
    await this.collect(n - KEEP);
    return true;
  }

  private async raiseHead(n: number): Promise<void> {
    try {
      await this.coll.updateOne({ _id: `head:${this.name}` }, { $max: { n } }, { upsert: true });
    } catch (err) {
      // Two first heads raced to insert it: raise the other's.
      if (!isDuplicate(err)) throw err;
      await this.coll.updateOne({ _id: `head:${this.name}` }, { $max: { n } });
    }
  }

  /** Deletes directory `n` and the chunks it replaced (nobody reads them any more). */
  private async collect(n: number): Promise<void> {
    if (n < 1) return;
    const old = await this.dir(n);
    if (!old) return;
    await this.discard(old.retired);
    await this.coll.deleteOne({ _id: old._id });
  }

  private async discard(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      this.chunks.delete(id);
      await this.coll.deleteOne({ _id: id });
    }
  }

  /** Keeps in memory only the chunks of the newest directory. */
  private forgetOthers(d: Directory | null): void {
    const live = new Set(d?.chunks ?? []);
    for (const id of this.chunks.keys()) if (!live.has(id)) this.chunks.delete(id);
  }
}

class ChunkGone extends Error {
  constructor(id: string) {
    super(`chunk ${id} is gone`);
  }
}

/** Same content: two tombstones of one revision, or two equal rows. */
function sameRow(a: StoredRow, b: StoredRow): boolean {
  if (a.gone !== undefined || b.gone !== undefined) return a.gone !== undefined && b.gone !== undefined;
  return isDeepStrictEqual(a, b);
}
