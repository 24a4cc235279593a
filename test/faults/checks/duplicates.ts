/** Nothing twice: legal-record entries, open tasks, document numbers, register numbers; one open task per waiting case. */
import type { Db, Document, WithId } from 'mongodb';
import { stableJson } from '../client';
import type { StartCheck } from './check';

/** No legal-record entry, task or issued number appears twice; an open case waiting on someone has one open task. */
export async function checkNothingTwice(
  check: StartCheck,
  db: Db,
  caseDocs: WithId<Document>[],
): Promise<void> {
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
}
