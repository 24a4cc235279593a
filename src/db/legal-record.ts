/**
 * The legal record: an append-only, hash-chained trail of every submission, decision, score, vote, reminder and
 * escalation of a case. It outlives the workflow engine's retention. Each entry's id is `<caseId>:<seq>`, so a retried
 * write never adds a second entry; each entry carries the hash of the previous one, so tampering is detectable.
 */
import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { LegalEntryDraft } from '../contracts/records';
import { isDuplicateKeyError } from './cases';

/** A stored legal-record entry. */
export interface LegalEntry extends LegalEntryDraft {
  _id: string;
  caseId: string;
  initiativeId: string;
  prevHash: string;
  hash: string;
  recordedAt: Date;
}

const schema = new Schema<LegalEntry>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    initiativeId: { type: String, required: true, index: true },
    seq: { type: Number, required: true },
    at: { type: String, required: true },
    kind: { type: String, required: true },
    stage: { type: String, required: true },
    step: { type: String, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    summary: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
    rulePackVersion: { type: String, default: '' },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'legalRecords', versionKey: false, minimize: false },
);
schema.index({ caseId: 1, seq: 1 }, { unique: true });

/** The first entry of a chain points at this. */
export const GENESIS = 'GENESIS';

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value) ?? 'null';
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's content. */
export function entryHash(caseId: string, draft: LegalEntryDraft, prevHash: string): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ caseId, ...draft }))
    .digest('hex');
}

/** Result of checking one case's chain. */
export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The first sequence number that is missing or whose hash does not verify. */
  brokenAt?: number;
}

/** Repository of the legal record. */
export class LegalRecordRepository {
  readonly model: Model<LegalEntry>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['LegalEntry'] as Model<LegalEntry> | undefined) ??
      conn.model<LegalEntry>('LegalEntry', schema);
  }

  /**
   * Appends entries in sequence order. An entry already stored (a retry or a replay) is skipped; entries are written
   * by one workflow at a time per case, so the previous entry is always there when the next one is chained to it.
   */
  async append(caseId: string, initiativeId: string, drafts: readonly LegalEntryDraft[]): Promise<number> {
    let written = 0;
    // The hash of the entry this call just wrote: the next one chains to it without reading it back, and cannot be
    // stored yet (entries are written in order, so no earlier attempt wrote it without this one).
    let chained: string | null = null;
    let last = 0;
    for (const raw of [...drafts].sort((a, b) => a.seq - b.seq)) {
      // What is stored is what is hashed: drop undefined values the way the database would.
      const draft = JSON.parse(JSON.stringify(raw)) as LegalEntryDraft;
      const id = `${caseId}:${draft.seq}`;
      if (draft.seq !== last + 1) chained = null;
      last = draft.seq;
      if (chained === null && (await this.model.exists({ _id: id }))) continue;
      const prev =
        chained !== null || draft.seq === 1
          ? null
          : await this.model
              .findById(`${caseId}:${draft.seq - 1}`, { hash: 1 })
              .lean<{ hash: string }>()
              .exec();
      if (chained === null && draft.seq > 1 && !prev)
        throw new Error(`legal record of ${caseId} lacks entry ${draft.seq - 1}`);
      const prevHash = chained ?? prev?.hash ?? GENESIS;
      const hash = entryHash(caseId, draft, prevHash);
      chained = null;
      try {
        await this.model.create({
          _id: id,
          caseId,
          initiativeId,
          ...draft,
          prevHash,
          hash,
          recordedAt: new Date(),
        });
        written++;
        chained = hash;
      } catch (err) {
        // Another attempt of the same write stored it first: check the next ones again.
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    return written;
  }

  /**
   * A case's entries in order, looked up by key (`<caseId>:1`, `:2`, …, a batch at a time): FerretDB answers only a
   * filter on `_id` alone from its primary key, and would read every case's entries for a filter on `caseId`. Entries
   * up to `known` (the state's `legalSeq`: how many its case has written) are all looked up, so one missing there shows
   * as a gap that `verifyEntries` reports; past it, the list ends at the first missing one.
   */
  async list(caseId: string, known = 0): Promise<LegalEntry[]> {
    const entries: LegalEntry[] = [];
    for (let from = 1, batch = Math.max(known + 1, 16); ; from += batch, batch = 16) {
      const got = await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          this.model
            .findById(`${caseId}:${from + i}`)
            .lean<LegalEntry>()
            .exec(),
        ),
      );
      for (const [i, e] of got.entries()) {
        if (e) entries.push(e);
        else if (from + i > known) return entries;
      }
    }
  }

  /** Recomputes every hash of a case's chain and checks that no sequence number is missing. */
  async verify(caseId: string): Promise<ChainCheck> {
    return verifyEntries(caseId, await this.list(caseId));
  }
}

/** Checks a case's entries as listed (in order): every hash recomputed, no sequence number missing. */
export function verifyEntries(caseId: string, entries: readonly LegalEntry[]): ChainCheck {
  let prevHash = GENESIS;
  for (const [i, e] of entries.entries()) {
    const { _id, caseId: _c, initiativeId: _i, prevHash: storedPrev, hash, recordedAt: _r, ...draft } = e;
    if (e.seq !== i + 1 || storedPrev !== prevHash || entryHash(caseId, draft, prevHash) !== hash) {
      return { ok: false, entries: entries.length, brokenAt: i + 1 };
    }
    prevHash = hash;
  }
  return { ok: true, entries: entries.length };
}
