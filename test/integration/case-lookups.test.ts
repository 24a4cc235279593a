/**
 * Opening one case costs the same however many cases the commune has: its legal record, its documents and the size of
 * its attachments are looked up by `_id` alone (the one filter FerretDB answers without reading the whole collection),
 * and the record still reports a missing entry.
 */
import type { CommandStartedEvent } from 'mongodb';
import type { LegalEntryDraft } from '../../src/contracts/records';
import type { Repositories } from '../../src/db';
import { watchedConnection } from '../support/watched-connection';
import { useHarness } from '../support/use-harness';
import { stateOf } from './read-model-states';

const h = useHarness({ people: ['giamsat'] });
let close: () => Promise<void>;
let repos: Repositories;
let commands: CommandStartedEvent[] = [];
const id = `lookups-${Date.now().toString(36)}-0001`;

beforeAll(async () => {
  ({ repos, commands, close } = await watchedConnection(h.config.mongo.dbName));
  // A case with three entries, the second of which issued a document; another case's document besides.
  const doc = (key: string, initiativeId: string) =>
    repos.documents.issue({
      key,
      initiativeId,
      kind: 'RECEIPT',
      title: 'Giấy biên nhận',
      series: null,
      year: 2031,
      issuedAt: new Date(),
      signerName: null,
      render: () => Promise.resolve({ pdf: Buffer.from('%PDF'), docx: Buffer.from('PK') }),
    });
  const receipt = await doc(`${id}:RECEIPT`, id);
  await doc(`other-${id}:RECEIPT`, `other-${id}`);
  const entry = (seq: number, details: Record<string, unknown> = {}): LegalEntryDraft => ({
    seq,
    at: new Date().toISOString(),
    kind: seq === 2 ? 'REGISTERED' : 'NOTE',
    stage: 'UNIT_RECOMMENDATION',
    step: 'REGISTRATION',
    actorId: 'p-thuky',
    actorName: 'Vũ Thị Thu',
    summary: `Bước ${seq}`,
    details,
    rulePackVersion: '2026.1',
  });
  await repos.legalRecord.append(id, id, [
    entry(1),
    entry(2, { documents: [{ id: receipt._id }] }),
    entry(3),
  ]);
  const state = stateOf(id, 3, { role: 'SECRETARY', description: 'Kiểm tra hồ sơ' }, { legalSeq: 3 });
  state.attachments = [
    {
      id: `${id}:a`,
      filename: 'a.pdf',
      contentType: 'application/pdf',
      size: 1234,
      sha256: 'x',
      confidential: false,
      uploadedBy: 'p-gv-thcs',
      at: new Date().toISOString(),
    },
  ];
  await repos.cases.upsertState(state);
});
afterAll(() => close());

/** The filters of the finds sent while `work` ran. */
async function findsDuring(work: () => Promise<unknown>): Promise<unknown[]> {
  commands.length = 0;
  await work();
  return commands.filter((c) => c.commandName === 'find').map((c) => c.command['filter']);
}
const byId = (f: unknown) =>
  typeof f === 'object' &&
  f !== null &&
  Object.keys(f).join() === '_id' &&
  typeof (f as { _id: unknown })._id === 'string';

test("when a case's record, documents and attachments are read, then every lookup is by `_id` alone", async () => {
  let entries: Awaited<ReturnType<Repositories['legalRecord']['list']>> = [];
  const finds = await findsDuring(async () => {
    entries = await repos.legalRecord.list(id, 3);
    const docs = await repos.documents.listByIds(id, [`${id}:RECEIPT`, `other-${id}:RECEIPT`]);
    expect(docs.map((d) => d._id)).toEqual([`${id}:RECEIPT`]);
    expect(await repos.attachments.totalSize(id)).toBe(1234);
  });
  expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(finds.length).toBeGreaterThan(3);
  expect(finds.filter((f) => !byId(f))).toEqual([]);
});

test('when the case is opened through the API, then its record verifies and lists its documents, and a removed entry shows', async () => {
  const record = await h.as('giamsat').get(`/api/v1/initiatives/${id}/record`);
  expect(record.body).toMatchObject({ verified: true, entries: [{ seq: 1 }, { seq: 2 }, { seq: 3 }] });
  const docs = await h.as('giamsat').get(`/api/v1/initiatives/${id}/documents`);
  expect((docs.body as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([`${id}:RECEIPT`]);
  // An entry removed from the middle of the chain is a gap the record reports, not a shorter record.
  await repos.legalRecord.model.deleteOne({ _id: `${id}:2` }).exec();
  const broken = await h.as('giamsat').get(`/api/v1/initiatives/${id}/record`);
  expect(broken.body).toMatchObject({ verified: false, entries: [{ seq: 1 }, { seq: 3 }] });
});
