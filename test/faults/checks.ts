/**
 * The invariants after a run: what the API accepted happened exactly once, nothing was lost, the read model agrees
 * with the workflows, every legal-record chain is whole and verifies, nothing is numbered twice, nothing is stuck.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { HistoryAndWorkflowId } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { Db } from 'mongodb';
import { initiativeWorkflowId } from '../../src/contracts/ids';
import { getStateQuery, type InitiativeState } from '../../src/contracts/initiative';
import { GENESIS, entryHash } from '../../src/db/legal-record';
import type { LegalEntryDraft } from '../../src/contracts/records';
import { stableJson, type RequestRecord } from './client';
import { EFFECT_KINDS, PERSON_ID } from './driver';

/**
 * Whether the API accepted a request: a 2xx, or for a filing with the client's own id, 409 INITIATIVE_ALREADY_EXISTS
 * (the documented answer to a retried filing: the id names the case the client filed).
 */
export function accepted(r: RequestRecord): boolean {
  if (r.status !== null && r.status >= 200 && r.status < 300) return true;
  return r.intent === 'file' && r.code === 'INITIATIVE_ALREADY_EXISTS' && !!(r.body as { id?: string })?.id;
}

/** One invariant's outcome. */
export interface CheckResult {
  name: string;
  /** How many things it checked (cases, requests, numbers…). */
  checked: number;
  violations: { caseId: string | null; detail: string }[];
}

/** A check under construction. */
class Check {
  checked = 0;
  violations: CheckResult['violations'] = [];
  constructor(readonly name: string) {}
  count(n = 1) {
    this.checked += n;
  }
  fail(caseId: string | null, detail: string) {
    this.violations.push({ caseId: caseId ? `initiative:${caseId}` : null, detail });
  }
  result(): CheckResult {
    return { name: this.name, checked: this.checked, violations: this.violations };
  }
}

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

/** Polls until every accepted case's read model has caught up with its workflow (bounded). */
export async function waitForQuiescence(
  db: Db,
  temporal: Client,
  caseIds: string[],
  timeoutMs: number,
  say: (m: string) => void,
): Promise<{ settled: boolean; waitedMs: number; behind: string[] }> {
  const t0 = Date.now();
  let behind: string[] = caseIds;
  while (Date.now() - t0 < timeoutMs) {
    const next: string[] = [];
    const docs = new Map(
      (
        await db
          .collection('cases')
          .find({}, { projection: { revision: 1 } })
          .toArray()
      ).map((d) => [String(d._id), Number(d['revision'])]),
    );
    await forEachLimit(behind, 16, async (id) => {
      const st = await temporal.workflow
        .getHandle(initiativeWorkflowId(id))
        .query(getStateQuery)
        .catch(() => null);
      // A case in replication follow-up closes on its checkpoints within seconds: wait for that too.
      if (!st || docs.get(id) !== st.revision || (st.status === 'OPEN' && st.step === 'REPLICATION'))
        next.push(id);
    });
    const running = await pendingActivityCount(temporal);
    behind = next;
    if (behind.length === 0 && running === 0) return { settled: true, waitedMs: Date.now() - t0, behind };
    say(`  waiting for quiescence: ${behind.length} read models behind, ${running} activities pending`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return { settled: false, waitedMs: Date.now() - t0, behind };
}

async function pendingActivityCount(temporal: Client): Promise<number> {
  let n = 0;
  for await (const wf of temporal.workflow.list({ query: 'ExecutionStatus="Running"' })) {
    const d = await temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
    n += d.raw.pendingActivities?.length ?? 0;
  }
  return n;
}

/** The initiative a legal-record case id belongs to: itself, or the parent of an adopting unit's case. */
function initiativeOf(caseId: string): string {
  const child = /^initiative:(.+):replication:[^:]+$/.exec(caseId);
  return child ? child[1]! : caseId;
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

/** Runs every invariant check. */
export async function checkInvariants(
  db: Db,
  temporal: Client,
  requests: RequestRecord[],
  historyDir?: string,
): Promise<CheckResult[]> {
  const results: Check[] = [];
  const check = (name: string) => {
    const c = new Check(name);
    results.push(c);
    return c;
  };

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

  // Exactly one legal-record entry per accepted decision, none for a refused one.
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

  // The read model of every case equals its workflow's query state; the chain is complete and verifies.
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

  // Nothing twice: legal-record entries, open tasks, document numbers, register numbers.
  const twice = check('no legal-record entry, task or issued number appears twice');
  // Grouped here, not with $group/$push (FerretDB v1 does not implement $push).
  const dup = async (
    coll: string,
    match: Record<string, unknown>,
    key: Record<string, string>,
    what: string,
  ) => {
    const fields = Object.values(key).map((f) => f.slice(1));
    const docs = await db
      .collection(coll)
      .find(match, { projection: Object.fromEntries(fields.map((f) => [f, 1])) })
      .toArray();
    const groups = new Map<string, { key: Record<string, unknown>; ids: unknown[] }>();
    for (const d of docs) {
      const k = Object.fromEntries(Object.entries(key).map(([name, f]) => [name, d[f.slice(1)] ?? null]));
      const s = stableJson(k);
      const g = groups.get(s) ?? { key: k, ids: [] as unknown[] };
      g.ids.push(d._id);
      groups.set(s, g);
    }
    twice.count(groups.size);
    for (const g of groups.values()) {
      if (g.ids.length < 2) continue;
      const caseId = (g.key['caseId'] ?? null) as string | null;
      twice.fail(caseId, `${what} ${stableJson(g.key)} appears ${g.ids.length} times: ${stableJson(g.ids)}`);
    }
  };
  await dup('legalRecords', {}, { caseId: '$caseId', seq: '$seq' }, 'legal-record entry');
  await dup('tasks', { status: 'OPEN' }, { caseId: '$caseId' }, 'open task of case');
  await dup(
    'issuedDocuments',
    { number: { $ne: null } },
    { series: '$series', year: '$year', number: '$number' },
    'document number',
  );
  await dup('issuedDocuments', {}, { key: '$key' }, 'issued document key');
  await dup('documentNumbers', {}, { key: '$key' }, 'numbered document key');
  await dup('documentNumbers', {}, { series: '$series', year: '$year', seq: '$seq' }, 'number');
  await dup('registrations', {}, { registerNo: '$registerNo' }, 'register number');
  await dup(
    'cases',
    { registerNo: { $ne: null } },
    { registerNo: '$registerNo' },
    'register number on cases',
  );
  // A closed case has no open task; an open case waiting on someone has exactly one.
  const openTasks = new Map<string, number>();
  for (const t of await db.collection('tasks').find({ status: 'OPEN' }).toArray())
    openTasks.set(String(t['caseId']), (openTasks.get(String(t['caseId'])) ?? 0) + 1);
  for (const d of caseDocs) {
    twice.count();
    const id = String(d._id);
    const n = openTasks.get(id) ?? 0;
    const want = d['status'] === 'OPEN' && d['waitingOn'] ? 1 : 0;
    if (n !== want)
      twice.fail(
        id,
        `${n} open tasks, expected ${want} (status ${String(d['status'])}, step ${String(d['step'])})`,
      );
  }

  // No workflow stuck on a failing activity or workflow task.
  const stuck = check('no workflow is stuck on a failed activity or workflow task');
  for await (const wf of temporal.workflow.list({ query: 'ExecutionStatus="Running"' })) {
    stuck.count();
    const d = await temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
    const caseId = wf.workflowId.replace(/^initiative:/, '').replace(/:.*$/, '');
    for (const a of d.raw.pendingActivities ?? []) {
      if ((a.attempt ?? 0) > 1 || a.lastFailure)
        stuck.fail(
          caseId,
          `${wf.workflowId}: activity ${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? ''}`,
        );
    }
    const wt = d.raw.pendingWorkflowTask;
    if (wt && (wt.attempt ?? 0) > 2)
      stuck.fail(caseId, `${wf.workflowId}: workflow task attempt ${wt.attempt}`);
  }
  for await (const wf of temporal.workflow.list({
    query: 'ExecutionStatus="Failed" OR ExecutionStatus="Terminated" OR ExecutionStatus="TimedOut"',
  })) {
    stuck.count();
    stuck.fail(
      wf.workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
      `${wf.workflowId} ended ${wf.status.name}`,
    );
  }

  // Nothing reset or restarted a workflow: each has one run, or a chain of runs each continued as new from the one before.
  const chains = check(
    'every workflow has one run per continue-as-new chain (no run was reset or restarted)',
  );
  const runs = new Map<string, string[]>();
  for await (const wf of temporal.workflow.list({
    query: 'WorkflowType="initiativeWorkflow" OR WorkflowType="replicationWorkflow"',
  }))
    runs.set(wf.workflowId, [...(runs.get(wf.workflowId) ?? []), wf.status.name]);
  for (const [workflowId, statuses] of runs) {
    chains.count();
    const ends = statuses.filter((st) => st !== 'CONTINUED_AS_NEW');
    if (ends.length !== 1)
      chains.fail(
        workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
        `${workflowId}: runs ${statuses.join(', ')} (expected one run not continued as new)`,
      );
  }

  // Every history replays with the current workflow code: a crash or a retried message must never leave a history that
  // a fresh worker cannot replay (non-determinism would stall the case at its next workflow task, forever).
  const replays = check('every workflow history replays with the current code (no non-determinism)');
  const { histories, results: replayed } = await replayAll(temporal);
  for (const r of replayed) {
    replays.count();
    if (!r.error) continue;
    replays.fail(
      r.workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
      `${r.workflowId}: ${String(r.error).slice(0, 300)}`,
    );
    const h = histories.find((x) => x.workflowId === r.workflowId);
    if (historyDir && h) {
      // Kept for a look, in the form test/integration/replay.test.ts reads (protobufjs's own JSON of the history).
      fs.mkdirSync(historyDir, { recursive: true });
      fs.writeFileSync(
        path.join(historyDir, `${r.workflowId.replace(/[^\w.-]+/g, '_')}.json`),
        JSON.stringify(h.history),
      );
    }
  }

  return results.map((c) => c.result());
}

/** Replays every initiative and replication history. */
async function replayAll(temporal: Client) {
  const histories: HistoryAndWorkflowId[] = [];
  for await (const h of temporal.workflow
    .list({ query: 'WorkflowType="initiativeWorkflow" OR WorkflowType="replicationWorkflow"' })
    .intoHistories())
    histories.push(h);
  const results: { workflowId: string; error?: Error }[] = [];
  for await (const r of Worker.runReplayHistories(
    {
      workflowsPath: require.resolve('../../workflows'),
      replayName: 'fault-suite',
      dataConverter: temporal.options.dataConverter,
    },
    histories,
  ))
    results.push(r);
  return { histories, results };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}
