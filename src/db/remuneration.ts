/**
 * The remuneration ledger of each case (src/domain/remuneration.ts): the amounts the investing unit set for each year
 * and the payments it made, append-only and hash-chained like the legal record. Each entry's id is `<caseId>:<seq>`:
 * an entry is written only as the next number of its case, so two writers racing on one case cannot both pass the
 * overpayment check on the same figures: the loser's insert is refused, and it reads the ledger again and checks
 * again. Every look-up is by `_id` alone (FerretDB answers nothing else from its primary key).
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { LedgerEntry } from '../domain/remuneration';
import { isDuplicateKeyError } from './cases';
import { canonicalJson, GENESIS } from './legal-record';
import { createHash } from 'node:crypto';

/** A stored ledger entry. */
export type RemunerationEntry = LedgerEntry & {
  _id: string;
  initiativeId: string;
  /** The scoped Idempotency-Key of the request that wrote it: a retry that takes the key over finds it here. */
  requestKey: string | null;
  prevHash: string;
  hash: string;
};

const schema = new Schema(
  {
    _id: { type: String, required: true },
    initiativeId: { type: String, required: true },
    seq: { type: Number, required: true },
    year: { type: Number, required: true },
    at: { type: String, required: true },
    by: { type: Schema.Types.Mixed, required: true },
    kind: { type: String, required: true },
    assessment: { type: Schema.Types.Mixed },
    payment: { type: Schema.Types.Mixed },
    requestKey: { type: String, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'remunerationLedger', versionKey: false, minimize: false },
);

/** The hash of an entry: SHA-256 over the previous hash and the entry's content. */
function hashOf(
  initiativeId: string,
  entry: LedgerEntry,
  requestKey: string | null,
  prevHash: string,
): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ initiativeId, requestKey, ...entry }))
    .digest('hex');
}

/** What appending found: the entry written (or the one a retried request had written), or the check's refusal. */
export type AppendResult<R> = { entry: RemunerationEntry; replayed: boolean } | { refused: R };

/** Repository of remuneration ledgers. */
export class RemunerationRepository {
  readonly model: Model<RemunerationEntry>;

  constructor(conn: Connection) {
    this.model =
      (conn.models['RemunerationEntry'] as Model<RemunerationEntry> | undefined) ??
      conn.model<RemunerationEntry>('RemunerationEntry', schema as unknown as Schema<RemunerationEntry>);
  }

  /** A case's entries in order, looked up by key a batch at a time until the first missing number. */
  async list(initiativeId: string): Promise<RemunerationEntry[]> {
    const entries: RemunerationEntry[] = [];
    for (let from = 1; ; from += 16) {
      const got = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          this.model
            .findById(`${initiativeId}:${from + i}`)
            .lean<RemunerationEntry>()
            .exec(),
        ),
      );
      for (const e of got) {
        if (!e) return entries;
        entries.push(e);
      }
    }
  }

  /**
   * Appends one entry after `check` passes on the entries as they are. A request whose key already wrote an entry
   * gets that entry back (`replayed`). Racing writers: the one whose number is taken reads again and checks again.
   */
  async append<R>(
    initiativeId: string,
    requestKey: string | null,
    check: (entries: readonly RemunerationEntry[]) => R | null,
    make: (seq: number) => LedgerEntry,
  ): Promise<AppendResult<R>> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const entries = await this.list(initiativeId);
      const earlier = requestKey ? entries.find((e) => e.requestKey === requestKey) : undefined;
      if (earlier) return { entry: earlier, replayed: true };
      const refused = check(entries);
      if (refused !== null) return { refused };
      const seq = entries.length + 1;
      // What is stored is what is hashed: drop undefined values the way the database would.
      const entry = JSON.parse(JSON.stringify(make(seq))) as LedgerEntry;
      const prevHash = entries.at(-1)?.hash ?? GENESIS;
      const doc: RemunerationEntry = {
        ...entry,
        _id: `${initiativeId}:${seq}`,
        initiativeId,
        requestKey,
        prevHash,
        hash: hashOf(initiativeId, entry, requestKey, prevHash),
      };
      try {
        await this.model.create(doc);
        return { entry: doc, replayed: false };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error(`remuneration ledger of ${initiativeId}: too many concurrent writers`);
  }
}

/** The plain ledger entries of stored ones (without the storage fields). */
export function ledgerEntries(stored: readonly RemunerationEntry[]): LedgerEntry[] {
  return stored.map(({ _id, initiativeId: _i, requestKey: _r, prevHash: _p, hash: _h, ...e }) => e);
}

/** Whether every entry's hash verifies and chains to the one before. */
export function verifyLedger(initiativeId: string, stored: readonly RemunerationEntry[]): boolean {
  let prev = GENESIS;
  for (const [i, e] of stored.entries()) {
    const [entry] = ledgerEntries([e]);
    if (e.seq !== i + 1 || e.prevHash !== prev || hashOf(initiativeId, entry!, e.requestKey, prev) !== e.hash)
      return false;
    prev = e.hash;
  }
  return true;
}
