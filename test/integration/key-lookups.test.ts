/**
 * Work that does not grow with the past: registering a dossier (its number, its likely-duplicate check) and claiming
 * a case code look records up by `_id` alone, the one filter FerretDB answers from its primary key; any other filter
 * reads the whole collection. Every command is watched on a connection of its own.
 */
import type { CommandStartedEvent } from 'mongodb';
import type { Repositories } from '../../src/db';
import { SLOTS } from '../../src/db/likely-duplicates';
import { SKETCH_BANDS } from '../../src/domain/similarity';
import { watchedConnection } from '../support/watched-connection';
import { useHarness } from '../support/use-harness';

const h = useHarness();
let close: () => Promise<void>;
let repos: Repositories;
let commands: CommandStartedEvent[] = [];

beforeAll(async () => {
  ({ repos, commands, close } = await watchedConnection(h.config.mongo.dbName));
});
afterAll(() => close());

/** The filters of the reads and updates sent while `work` ran, with the collection each went to. */
async function filtersDuring(work: () => Promise<unknown>): Promise<{ coll: string; filter: unknown }[]> {
  commands.length = 0;
  await work();
  return commands.flatMap((c) => {
    const cmd = c.command as Record<string, unknown>;
    if (c.commandName === 'find') return [{ coll: String(cmd['find']), filter: cmd['filter'] }];
    if (c.commandName === 'update')
      return (cmd['updates'] as { q: unknown }[]).map((u) => ({ coll: String(cmd['update']), filter: u.q }));
    if (c.commandName === 'aggregate' || c.commandName === 'count')
      return [{ coll: String(cmd[c.commandName]), filter: 'not a key lookup' }];
    return [];
  });
}

const byIdAlone = (f: { filter: unknown }) => {
  const keys = Object.keys(f.filter ?? {});
  return keys.length === 1 && keys[0] === '_id' && typeof (f.filter as { _id: unknown })._id === 'string';
};

test('when a dossier is filed and registered among 60 earlier ones, then every lookup is by _id and the similar one is flagged', async () => {
  const run = Date.now().toString(36);
  const receivedAt = '2032-05-04T03:00:00.000Z'; // a year no other test registers in
  const earlier = Array.from({ length: 60 }, (_, i) => ({
    initiativeId: `kl-${run}-${i}`,
    title: `Sáng kiến số ${i} của nhóm ${run}`,
    summary: `Mô tả riêng ${i} ${run} ${'abcdefghij'[i % 10]}${i}`,
  }));
  for (const d of earlier) await repos.register.indexFiling(d);
  await repos.register.register({ ...earlier[0]!, receivedAt });
  // A case much like number 7: it must be found, through the index, without reading the other 59.
  const alike = {
    initiativeId: `kl-${run}-new`,
    title: earlier[7]!.title,
    summary: earlier[7]!.summary,
  };
  await repos.cases.model.collection.insertOne({ _id: earlier[7]!.initiativeId as never, ...earlier[7]! });

  const filters = await filtersDuring(async () => {
    await repos.register.indexFiling(alike);
    const r = await repos.register.register({ ...alike, receivedAt });
    expect(r.duplicateFlags.map((f) => f.initiativeId)).toEqual([earlier[7]!.initiativeId]);
    expect(r.duplicateFlags[0]!.similarity).toBe(1);
  });
  expect(filters.length).toBeGreaterThan(0);
  expect(filters.filter((f) => !byIdAlone(f))).toEqual([]);
  // Bounded by the keys of one dossier (two texts, each band's slots read at most twice), not by the 60 others.
  expect(filters.length).toBeLessThanOrEqual(2 * SKETCH_BANDS * (2 * SLOTS + 1));
}, 180_000);

test('when a case code is claimed after others this year, then the claim looks up by _id only and takes the next number', async () => {
  const filedAt = new Date('2033-02-01T03:00:00.000Z');
  const run = Date.now().toString(36);
  const first = await repos.caseCodes.claim(`cc-${run}-0`, filedAt);
  await repos.caseCodes.claim(`cc-${run}-1`, filedAt);
  let third = '';
  const filters = await filtersDuring(async () => {
    third = await repos.caseCodes.claim(`cc-${run}-2`, filedAt);
  });
  expect(Number(third.split('-')[2])).toBe(Number(first.split('-')[2]) + 2);
  expect(filters.filter((f) => !byIdAlone(f))).toEqual([]);
});

test('when a dossier unlike any other is filed, then it is indexed in three commands, and a second indexing reads one record', async () => {
  const run = Date.now().toString(36);
  const unique = {
    initiativeId: `kl-${run}-unique`,
    title: `Đề xuất ${run} khác biệt hoàn toàn`,
    summary: `Nội dung ${run} không giống hồ sơ nào khác ${run.split('').reverse().join('')}`,
  };
  // The backfill check, once per process.
  await repos.register.indexFiling({
    initiativeId: `kl-${run}-warm`,
    title: 'Khởi động',
    summary: 'Khởi động',
  });
  commands.length = 0;
  await repos.register.indexFiling(unique);
  const sketches = commands.filter(
    (c) => (c.command as Record<string, unknown>)[c.commandName] === 'dossierSketches',
  );
  // Its placement record looked up, its sixteen slots inserted in one command, its placement recorded.
  expect(sketches.map((c) => c.commandName)).toEqual(['find', 'insert', 'update']);
  commands.length = 0;
  await repos.register.indexFiling(unique);
  expect(commands.map((c) => c.commandName)).toEqual(['find']);
});

test('when a batch of entries is appended and then retried with one more, then each is stored once, chained, reading back only what it must', async () => {
  const caseId = `lr-${Date.now().toString(36)}`;
  const entry = (seq: number) => ({
    seq,
    at: '2026-12-01T03:00:00.000Z',
    kind: 'NOTE',
    stage: 'UNIT_RECOMMENDATION',
    step: 'UNIT_REVIEW',
    actorId: 'p-test',
    actorName: 'Người thử',
    summary: `Ghi chép ${seq}`,
    details: {},
    rulePackVersion: 'test',
  });
  commands.length = 0;
  expect(await repos.legalRecord.append(caseId, caseId, [1, 2, 3].map(entry))).toBe(3);
  // The first is looked up; the two after it chain to the hash just written.
  expect(commands.map((c) => c.commandName)).toEqual(['find', 'insert', 'insert', 'insert']);
  commands.length = 0;
  expect(await repos.legalRecord.append(caseId, caseId, [2, 3, 4].map(entry))).toBe(1);
  expect(commands.map((c) => c.commandName)).toEqual(['find', 'find', 'find', 'find', 'insert']);
  expect(await repos.legalRecord.verify(caseId)).toMatchObject({ ok: true });
});
