/**
 * Open work kept apart from the past (src/db/open-cases.ts): the inbox, the stuck-case board and the statistics read
 * only the packed open rows, which follow each case's writes by revision, survive retries and late older writes,
 * and are filled once from a database written before they existed.
 */
import type { CommandStartedEvent } from 'mongodb';
import mongoose from 'mongoose';
import type { Actor, InitiativeState } from '../../src/contracts/initiative';
import { createRepositories } from '../../src/db';
import { connectMongo } from '../../src/db/connection';
import { RowSet } from '../../src/db/open-work';
import { serverAddresses } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { stateOf } from './read-model-states';

const h = useHarness({ people: ['thuky', 'uyvien1', 'giamsat', 'hieutruong.thcs', 'hieutruong.mamnon'] });
const DAY = 86_400_000;
const run = Date.now().toString(36);

const secretary: InitiativeState['waitingOn'] = { role: 'SECRETARY', description: 'Tiếp nhận hồ sơ' };
const member: InitiativeState['waitingOn'] = {
  role: 'COUNCIL_MEMBER',
  councilId: 'hdsk-2026',
  personIds: ['p-uyvien1'],
  description: 'Chấm điểm',
};

const tasksOf = async (who: string) =>
  ((await h.as(who).get('/api/v1/me/tasks')).body as { items: { initiativeId: string; taskId: string }[] })
    .items;
const ids = async (who: string) => (await tasksOf(who)).map((t) => t.initiativeId);
const stuckIds = async (query = '') =>
  (
    (await h.as('giamsat').get(`/api/v1/supervision/stuck?limit=200${query}`)).body as {
      items: { id: string }[];
    }
  ).items.map((i) => i.id);

test('when a case moves on, is written twice, gets a late older write and closes, then the inbox and the board show only its current work', async () => {
  const id = `open-${run}-0001`;
  await h.repos.cases.upsertState(stateOf(id, 1, secretary));
  expect(await ids('thuky')).toContain(id);
  expect(await stuckIds()).toContain(id);
  expect(await stuckIds('&unitId=truong-thcs')).toContain(id);
  expect(await stuckIds('&unitId=tram-y-te')).not.toContain(id);

  // Moved on to scoring: gone from the secretary's inbox, in the named member's.
  const scoring = stateOf(id, 2, member, { step: 'SCORING', dueInDays: 5 });
  await h.repos.cases.upsertState(scoring);
  await h.repos.cases.upsertState(scoring); // the activity retried after a crash
  await h.repos.cases.upsertState(stateOf(id, 1, secretary)); // a late attempt of the older write
  expect(await ids('thuky')).not.toContain(id);
  expect(await ids('uyvien1')).toEqual(expect.arrayContaining([id]));
  expect((await tasksOf('uyvien1')).filter((t) => t.initiativeId === id)).toEqual([
    expect.objectContaining({ taskId: `${id}:SCORING:1` }),
  ]);
  // Due in five days and not escalated: not stuck.
  expect(await stuckIds()).not.toContain(id);

  const before = (await h.as('giamsat').get('/api/v1/supervision/stats')).body as {
    byStatus: Record<string, number>;
  };
  await h.repos.cases.upsertState(stateOf(id, 3, null, { status: 'COMPLETED' }));
  await h.repos.cases.upsertState(scoring); // late again, after the close
  expect(await ids('uyvien1')).not.toContain(id);
  expect(await stuckIds('&idleWorkingDays=0')).not.toContain(id);
  const after = (await h.as('giamsat').get('/api/v1/supervision/stats')).body as {
    byStatus: Record<string, number>;
  };
  expect(after.byStatus['COMPLETED']).toBe((before.byStatus['COMPLETED'] ?? 0) + 1);
  expect(after.byStatus['OPEN'] ?? 0).toBe((before.byStatus['OPEN'] ?? 0) - 1);

  await h.repos.cases.markRevoked(id, new Date());
  await h.repos.cases.markRevoked(id, new Date()); // idempotent
  const revoked = (await h.as('giamsat').get('/api/v1/supervision/stats')).body as {
    byStatus: Record<string, number>;
  };
  expect(revoked.byStatus['COMPLETED'] ?? 0).toBe(before.byStatus['COMPLETED'] ?? 0);
  expect(revoked.byStatus['REVOKED']).toBe((before.byStatus['REVOKED'] ?? 0) + 1);
  expect(await h.repos.cases.findById(id)).toMatchObject({ status: 'REVOKED', revision: 4 });
});

test("when an adopting unit gets a task and then finishes it, then it is in that unit head's inbox and then gone", async () => {
  const initiativeId = `open-${run}-0002`;
  await h.repos.cases.upsertState(stateOf(initiativeId, 7, null, { status: 'COMPLETED' }));
  const caseId = `initiative:${initiativeId}:replication:truong-mam-non`;
  const task = {
    key: `${caseId}:PLAN`,
    role: 'UNIT_HEAD',
    unitId: 'truong-mam-non',
    description: 'Lập kế hoạch nhân rộng sáng kiến',
    dueAt: new Date(Date.now() + 10 * DAY).toISOString(),
  };
  await h.repos.tasks.setCurrent(caseId, initiativeId, task);
  await h.repos.tasks.setCurrent(caseId, initiativeId, task);
  const mine = (await tasksOf('hieutruong.mamnon')).filter((t) => t.initiativeId === initiativeId);
  expect(mine).toEqual([expect.objectContaining({ taskId: task.key, title: `Sáng kiến ${initiativeId}` })]);
  expect(await ids('hieutruong.thcs')).not.toContain(initiativeId);
  // A replication task is not a stuck case of the board.
  expect(await stuckIds('&idleWorkingDays=0')).not.toContain(caseId);
  await h.repos.tasks.setCurrent(caseId, initiativeId, null);
  expect(await ids('hieutruong.mamnon')).not.toContain(initiativeId);
});

test('when two processes write the same row set at once, then no row is lost', async () => {
  const name = `race-${run}`;
  const [a, b] = [
    h.repos.cases.model.db,
    await connectMongo(serverAddresses().mongoUri, h.config.mongo.dbName),
  ];
  try {
    const [x, y] = [
      new RowSet<{ id: string; rev: number }>(a, name, 4),
      new RowSet<{ id: string; rev: number }>(b, name, 4),
    ];
    await Promise.all([
      (async () => {
        for (let i = 0; i < 25; i++) await x.put([{ id: `x${i}`, rev: 1 }]);
      })(),
      (async () => {
        for (let i = 0; i < 25; i++) await y.put([{ id: `y${i}`, rev: 1 }]);
      })(),
    ]);
    expect((await new RowSet(a, name, 4).all()).map((r) => r.id).sort()).toEqual(
      [
        ...Array.from({ length: 25 }, (_, i) => `x${i}`),
        ...Array.from({ length: 25 }, (_, i) => `y${i}`),
      ].sort(),
    );
  } finally {
    await b.close();
  }
});

test('when twenty writes of one process arrive at once, then they share a few directories and each keeps its newest row', async () => {
  const name = `burst-${run}`;
  const set = new RowSet<{ id: string; rev: number; v: string }>(h.repos.cases.model.db, name, 4);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      set.put([
        { id: `r${i % 10}`, rev: i < 10 ? 1 : 2, v: `write ${i}` },
        { id: `older${i}`, rev: 1, v: 'kept' },
      ]),
    ),
  );
  const rows = await new RowSet<{ id: string; rev: number; v: string }>(
    h.repos.cases.model.db,
    name,
    4,
  ).all();
  expect(
    rows
      .filter((r) => r.id.startsWith('r'))
      .map((r) => [r.id, r.rev, r.v])
      .sort(),
  ).toEqual(Array.from({ length: 10 }, (_, i) => [`r${i}`, 2, `write ${i + 10}`]).sort());
  expect(rows.filter((r) => r.id.startsWith('older'))).toHaveLength(20);
  // The first put goes alone; the nineteen that waited behind it go together.
  const head = await h.repos.cases.model.db
    .collection<{ _id: string; n: number }>('openWork')
    .findOne({ _id: `head:${name}` });
  expect(head?.n).toBe(2);
});

test('when a database was written before open work existed, then the first read fills it from the cases and tasks', async () => {
  const conn = await connectMongo(serverAddresses().mongoUri, `${h.config.mongo.dbName}_old`);
  try {
    const old = createRepositories(conn);
    // What the previous version stored: cases with their state, and an adopting unit's open task.
    const open = stateOf(`old-${run}-0003`, 4, secretary);
    const closed = stateOf(`old-${run}-0004`, 9, null, { status: 'REJECTED' });
    for (const s of [open, closed])
      await old.cases.model.collection.insertOne({
        _id: s.initiativeId,
        title: s.dossier.title,
        code: s.code,
        status: s.status,
        revision: s.revision,
        updatedAt: new Date(),
        state: s,
      } as never);
    await old.tasks.tasks.collection.insertOne({
      _id: `initiative:${closed.initiativeId}:replication:truong-thcs:PLAN`,
      caseId: `initiative:${closed.initiativeId}:replication:truong-thcs`,
      initiativeId: closed.initiativeId,
      role: 'UNIT_HEAD',
      unitId: 'truong-thcs',
      councilId: null,
      personIds: [],
      assignee: null,
      description: 'Lập kế hoạch nhân rộng sáng kiến',
      dueAt: null,
      escalated: false,
      status: 'OPEN',
      createdAt: new Date(),
      closedAt: null,
    } as never);
    await conn.close();
    const commands: CommandStartedEvent[] = [];
    const upgraded = mongoose.createConnection(serverAddresses().mongoUri, {
      dbName: `${h.config.mongo.dbName}_old`,
      monitorCommands: true,
    });
    await upgraded.asPromise();
    try {
      const repos = createRepositories(upgraded);
      const head = {
        personId: 'p-ht-thcs',
        roles: ['UNIT_HEAD'],
        unitIds: ['truong-thcs'],
        councilIds: [],
      } as unknown as Actor;
      const thuky = {
        personId: 'p-thuky',
        roles: ['SECRETARY'],
        unitIds: [],
        councilIds: [],
      } as unknown as Actor;
      expect((await repos.tasks.inbox(thuky)).map((t) => t.initiativeId)).toEqual([open.initiativeId]);
      expect((await repos.tasks.inbox(head)).map((t) => t.title)).toEqual([closed.dossier.title]);
      expect((await repos.cases.statistics()).byStatus).toEqual({ OPEN: 1, REJECTED: 1 });
      // Once filled, a list reads only the packed rows, each by `_id`.
      upgraded.getClient().on('commandStarted', (e) => commands.push(e));
      await repos.tasks.inbox(thuky);
      const reads = commands.filter((c) => c.commandName === 'find');
      expect(reads.length).toBeGreaterThan(0);
      expect(
        reads.every(
          (c) =>
            c.command['find'] === 'openWork' &&
            typeof (c.command['filter'] as { _id?: unknown })._id === 'string',
        ),
      ).toBe(true);
    } finally {
      await upgraded.db!.dropDatabase();
      await upgraded.close();
    }
  } finally {
    if (conn.readyState === mongoose.ConnectionStates.connected) await conn.close();
  }
});
