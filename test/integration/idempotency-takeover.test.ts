/**
 * A request whose gateway died after its effect but before its answer was stored leaves its Idempotency-Key
 * IN_PROGRESS. Found by the fault-injection suite: retries then answered 409 REQUEST_IN_PROGRESS for ever, and a retry
 * after a released key sent the decision a second time. Now the key is taken over after its lease, and the retry
 * reaches the same effect (the same Temporal Update id, the same case id), never a second one.
 */
import { IN_PROGRESS_LEASE_MS } from '../../src/db/idempotency';
import { api, dieBeforeAnswer, eventually, login } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();

const dossier = {
  title: 'Sổ theo dõi tiêm chủng điện tử',
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Theo dõi lịch tiêm chủng của học sinh trên máy tính.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
};

test('when the gateway died after a filing or a decision, then a retry with its key gets the same answer, once', async () => {
  const author = await login(h, 'giaovien.thcs');
  const head = await login(h, 'hieutruong.thcs');

  const fileKey = `file-${Date.now()}`;
  const filed = await api(h, author, 'POST', '/api/v1/initiatives', dossier, { 'Idempotency-Key': fileKey });
  expect(filed.status).toBe(201);
  const id: string = filed.body.id;
  await dieBeforeAnswer(h, fileKey);
  const refiled = await api(h, author, 'POST', '/api/v1/initiatives', dossier, {
    'Idempotency-Key': fileKey,
  });
  expect(refiled).toMatchObject({ status: 201, body: { id } });
  await eventually(async () => ((await h.repos.cases.findById(id)) ? true : undefined));
  expect(await h.repos.cases.model.countDocuments({ title: dossier.title })).toBe(1);
  const decideKey = `endorse-${Date.now()}`;
  const endorse = () =>
    api(
      h,
      head,
      'POST',
      `/api/v1/initiatives/${id}/unit-review`,
      { outcome: 'ENDORSE', confirmedApplication: true },
      { 'Idempotency-Key': decideKey },
    );
  const first = await endorse();
  expect(first.status).toBe(200);
  await dieBeforeAnswer(h, decideKey);
  const again = await endorse();
  expect(again.status).toBe(200);
  expect(again.body.state.revision).toBe(first.body.state.revision);
  // A fresh key for the same decision is refused: the step has moved on.
  const other = await api(h, head, 'POST', `/api/v1/initiatives/${id}/unit-review`, {
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  expect(other.body.code).toBe('WRONG_STEP');

  const entries = await eventually(async () => {
    const list = await h.repos.legalRecord.list(id);
    return list.some((e) => e.kind === 'UNIT_ENDORSED') ? list : undefined;
  });
  expect(entries.filter((e) => e.kind === 'FILED')).toHaveLength(1);
  expect(entries.filter((e) => e.kind === 'UNIT_ENDORSED')).toHaveLength(1);
});

test('when a key is still within its lease, then a retry is told the request is in progress', async () => {
  const repo = h.repos.idempotency;
  const key = `lease-${Date.now()}`;
  const t = new Date();
  expect(await repo.claim(key, 'h1', t)).toEqual({ kind: 'claimed' });
  expect(await repo.claim(key, 'h1', new Date(t.getTime() + 1000))).toEqual({ kind: 'in-progress' });
  const later = new Date(t.getTime() + IN_PROGRESS_LEASE_MS + 1);
  expect(await repo.claim(key, 'h1', later)).toEqual({ kind: 'claimed' });
  // Taken over once: a second retry at the same moment waits for the one that took it.
  expect(await repo.claim(key, 'h1', later)).toEqual({ kind: 'in-progress' });
  expect(await repo.claim(key, 'other', later)).toEqual({ kind: 'mismatch' });
});

test('when the gateway died after a withdrawal closed the case, then the retry gets the first answer, not CASE_CLOSED', async () => {
  const author = await login(h, 'giaovien.thcs');
  const filed = await api(h, author, 'POST', '/api/v1/initiatives', {
    ...dossier,
    title: 'Sổ tay sơ cứu cho giáo viên',
  });
  expect(filed.status).toBe(201);
  const id: string = filed.body.id;
  const key = `withdraw-${Date.now()}`;
  const withdraw = () =>
    api(
      h,
      author,
      'POST',
      `/api/v1/initiatives/${id}/withdrawal`,
      { reason: 'Tác giả xin rút' },
      {
        'Idempotency-Key': key,
      },
    );
  const first = await withdraw();
  expect(first).toMatchObject({ status: 200, body: { state: { status: 'WITHDRAWN' } } });
  await eventually(async () =>
    (await h.repos.cases.findById(id))?.status === 'WITHDRAWN' ? true : undefined,
  );
  await dieBeforeAnswer(h, key);
  const again = await withdraw();
  expect(again).toMatchObject({ status: 200, body: { state: { status: 'WITHDRAWN' } } });
  expect(again.body.state.revision).toBe(first.body.state.revision);
  // Without the key's history, a new withdrawal of the closed case is refused.
  const fresh = await api(h, author, 'POST', `/api/v1/initiatives/${id}/withdrawal`, { reason: 'Lần nữa' });
  expect(fresh.body.code).toBe('CASE_CLOSED');
  const entries = await h.repos.legalRecord.list(id);
  expect(entries.filter((e) => e.kind === 'WITHDRAWN')).toHaveLength(1);
});
