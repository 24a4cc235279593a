/**
 * What the API accepted happened exactly once: every request got a definite answer, every accepted start is one case
 * (and no case exists that none explains), every accepted decision wrote one legal-record entry (a refused one none).
 */
import type { Client } from '@temporalio/client';
import type { Db, Document, WithId } from 'mongodb';
import { initiativeWorkflowId } from '../../../src/contracts/ids';
import type { RequestRecord } from '../client';
import { EFFECT_KINDS, PERSON_ID } from '../decision-mix';
import { accepted, initiativeOf, type StartCheck } from './check';

/** What the later checks read of the cases: the accepted ones, and the read model's records. */
export interface AcceptedCases {
  /** Case ids of the accepted starts, in request order. */
  acceptedIds: string[];
  /** The distinct accepted case ids. */
  seen: Set<string>;
  caseDocs: WithId<Document>[];
  docById: Map<string, WithId<Document>>;
}

/** Every request got a definite answer, and every accepted start is exactly one case. */
export async function checkRequestsAndCases(
  check: StartCheck,
  db: Db,
  temporal: Client,
  requests: RequestRecord[],
): Promise<AcceptedCases> {
  // Every request ends with a definite answer for a client that retries with its key.
  const answered = check('every request got a definite answer (2xx or 4xx) within the retry budget');
  for (const r of requests) {
    answered.count();
    if (r.status === null)
      answered.fail(
        r.caseId,
        `${r.method} ${r.path} as ${r.who} (${r.intent}): no answer after ${r.attempts} attempts: ${r.transient.slice(-5).join(', ')}`,
      );
  }

  const starts = requests.filter((r) => r.intent === 'file');
  const acceptedIds = starts.filter((r) => accepted(r) && r.caseId).map((r) => r.caseId!);
  const unresolvedStarts = starts.filter((r) => r.status === null).length;

  // One case per accepted start, and no case that no accepted start explains.
  const oneCase = check(
    'every accepted start is exactly one case (read model, workflow, FILED entry); no other case exists',
  );
  const caseDocs = await db.collection('cases').find({}).toArray();
  const docById = new Map(caseDocs.map((d) => [String(d._id), d]));
  const workflowIds = new Set<string>();
  for await (const wf of temporal.workflow.list({ query: 'WorkflowType="initiativeWorkflow"' })) {
    workflowIds.add(wf.workflowId);
  }
  const filedCount = new Map<string, number>();
  for (const f of await db
    .collection('legalRecords')
    .find({ kind: 'FILED' }, { projection: { caseId: 1 } })
    .toArray())
    filedCount.set(String(f['caseId']), (filedCount.get(String(f['caseId'])) ?? 0) + 1);
  const seen = new Set<string>();
  for (const id of acceptedIds) {
    oneCase.count();
    if (seen.has(id)) oneCase.fail(id, 'two accepted starts answered with the same case id');
    seen.add(id);
    if (!docById.has(id)) oneCase.fail(id, 'accepted start has no read-model case (case lost)');
    if (!workflowIds.has(initiativeWorkflowId(id)))
      oneCase.fail(id, 'accepted start has no workflow (case lost)');
    if ((filedCount.get(id) ?? 0) !== 1)
      oneCase.fail(id, `accepted start has ${filedCount.get(id) ?? 0} FILED entries`);
  }
  const orphans = [...docById.keys()].filter((id) => !seen.has(id));
  const orphanWorkflows = [...workflowIds].filter((w) => !seen.has(w.replace(/^initiative:/, '')));
  // A start whose answer never came (budget ran out) may have happened: that is reported by the check above.
  if (orphans.length > unresolvedStarts)
    for (const id of orphans)
      oneCase.fail(id, 'a case exists that no accepted start created (duplicate or orphan)');
  if (orphanWorkflows.length > unresolvedStarts)
    for (const w of orphanWorkflows)
      oneCase.fail(w.replace(/^initiative:/, ''), 'a workflow exists that no accepted start created');
  return { acceptedIds, seen, caseDocs, docById };
}

/** Exactly one legal-record entry per accepted decision, none for a refused one. */
export async function checkEffectsOnce(
  check: StartCheck,
  db: Db,
  requests: RequestRecord[],
  acceptedIds: string[],
): Promise<void> {
  const effects = check('every accepted decision has exactly one legal-record entry, a refused one none');
  const entries = await db
    .collection('legalRecords')
    .find({}, { projection: { caseId: 1, seq: 1, kind: 1, actorId: 1, hash: 1, prevHash: 1 } })
    .toArray();
  // An adopting unit's entries (its child workflow's own record) count with the initiative's.
  const byCase = new Map<string, typeof entries>();
  for (const e of entries) {
    const owner = initiativeOf(String(e['caseId']));
    const list = byCase.get(owner) ?? [];
    list.push(e);
    byCase.set(owner, list);
  }
  for (const id of acceptedIds) {
    const mine = requests.filter((r) => r.caseId === id);
    const classes = new Map<
      string,
      { kinds: string[]; actorId: string; accepted: number; unresolved: number }
    >();
    for (const r of mine) {
      const kinds = EFFECT_KINDS[r.intent];
      if (!kinds) continue;
      const actorId = PERSON_ID[r.who]!;
      const k = `${kinds.join('|')}@${actorId}`;
      const c = classes.get(k) ?? { kinds, actorId, accepted: 0, unresolved: 0 };
      if (accepted(r)) c.accepted++;
      if (r.status === null) c.unresolved++;
      classes.set(k, c);
    }
    // Decision kinds written by a person but not asked for by any request of this run also count as effects.
    for (const e of byCase.get(id) ?? []) {
      const kind = String(e['kind']);
      const actorId = String(e['actorId']);
      const intent = Object.entries(EFFECT_KINDS).find(([, ks]) => ks.includes(kind));
      if (!intent || actorId === 'system') continue;
      const k = `${intent[1].join('|')}@${actorId}`;
      if (!classes.has(k)) classes.set(k, { kinds: intent[1], actorId, accepted: 0, unresolved: 0 });
    }
    for (const c of classes.values()) {
      effects.count();
      const n = (byCase.get(id) ?? []).filter(
        (e) => c.kinds.includes(String(e['kind'])) && e['actorId'] === c.actorId,
      ).length;
      if (n < c.accepted || n > c.accepted + c.unresolved) {
        effects.fail(
          id,
          `${c.kinds.join('/')} by ${c.actorId}: ${c.accepted} accepted request(s), ${n} entries`,
        );
      }
    }
  }
}
