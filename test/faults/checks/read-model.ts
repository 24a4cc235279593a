/** The read model of every case equals its workflow's state, and every legal-record chain is whole and verifies. */
import type { Client } from '@temporalio/client';
import type { Db, Document, WithId } from 'mongodb';
import { initiativeWorkflowId } from '../../../src/contracts/ids';
import { getStateQuery, type InitiativeState } from '../../../src/contracts/initiative';
import type { LegalEntryDraft } from '../../../src/contracts/records';
import { GENESIS, entryHash } from '../../../src/db/legal-record';
import { stableJson } from '../client';
import { forEachLimit } from '../limit';
import { initiativeOf, type StartCheck } from './check';

/** The read-model fields a case's workflow state determines, as the recorder writes them. */
function readModelView(s: InitiativeState) {
  return {
    status: s.status,
    stage: s.stage,
    step: s.step,
    revision: s.revision,
    registerNo: s.registration?.registerNo ?? null,
    decisionOutcome: s.decision?.outcome ?? null,
    meanScore: s.meanScore ?? null,
    councilId: s.council?.councilId ?? null,
    waitingOn: s.waitingOn ?? null,
    unitId: s.dossier.unitId,
    title: s.dossier.title,
  };
}

/** The first entry (1-based) where a case's chain breaks (sequence, link or hash), or 0 when it verifies. */
function brokenAt(caseId: string, list: Record<string, unknown>[]): number {
  let prev = GENESIS;
  for (const [i, e] of list.entries()) {
    const { _id: _d, caseId: _c, initiativeId: _i, prevHash, hash, recordedAt: _r, ...draft } = e;
    if (
      e['seq'] !== i + 1 ||
      prevHash !== prev ||
      entryHash(caseId, draft as unknown as LegalEntryDraft, prev) !== hash
    )
      return i + 1;
    prev = String(hash);
  }
  return 0;
}

/** Each accepted case's read model against its workflow's query state; each chain complete (1..legalSeq), verified. */
export async function checkReadModels(
  check: StartCheck,
  db: Db,
  temporal: Client,
  seen: Set<string>,
  docById: Map<string, WithId<Document>>,
): Promise<void> {
  const equal = check('the read model of every case equals its workflow query state');
  const chain = check('every legal-record chain is complete (1..legalSeq) and its hashes verify');
  const fullEntries = new Map<string, Record<string, unknown>[]>();
  for (const e of await db.collection('legalRecords').find({}).sort({ caseId: 1, seq: 1 }).toArray()) {
    const list = fullEntries.get(String(e['caseId'])) ?? [];
    list.push(e);
    fullEntries.set(String(e['caseId']), list);
  }
  await forEachLimit([...seen], 16, async (id) => {
    equal.count();
    chain.count();
    const st = await temporal.workflow
      .getHandle(initiativeWorkflowId(id))
      .query(getStateQuery)
      .catch((err: Error) => err);
    // The adopting units' own records: each chain complete from 1 and verified.
    for (const [caseId, list] of fullEntries) {
      if (caseId === id || initiativeOf(caseId) !== id) continue;
      chain.count();
      const broken = brokenAt(caseId, list);
      if (broken) chain.fail(id, `${caseId}: chain broken at entry ${broken}`);
    }
    if (st instanceof Error) {
      equal.fail(id, `workflow query failed: ${st.message}`);
      return;
    }
    const doc = docById.get(id);
    if (doc) {
      const want = readModelView(st);
      const got = {
        status: doc['status'],
        stage: doc['stage'],
        step: doc['step'],
        revision: doc['revision'],
        registerNo: doc['registerNo'] ?? null,
        decisionOutcome: doc['decisionOutcome'] ?? null,
        meanScore: doc['meanScore'] ?? null,
        councilId: doc['councilId'] ?? null,
        waitingOn: doc['waitingOn'] ?? null,
        unitId: doc['unitId'],
        title: doc['title'],
      };
      for (const [field, v] of Object.entries(want)) {
        const g = (got as Record<string, unknown>)[field];
        if (stableJson(v) !== stableJson(g))
          equal.fail(id, `${field}: read model ${stableJson(g)} ≠ workflow ${stableJson(v)}`);
      }
    }
    const list = fullEntries.get(id) ?? [];
    if (list.length !== st.legalSeq)
      chain.fail(id, `${list.length} entries stored, workflow wrote ${st.legalSeq}`);
    const broken = brokenAt(id, list);
    if (broken) chain.fail(id, `chain broken at entry ${broken}`);
  });
}
