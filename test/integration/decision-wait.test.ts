/**
 * A decision whose outcome takes longer than the gateway waits (DECISION_WAIT_MS) gets a 503 DECISION_PENDING instead
 * of a request that hangs (a run at 1,000 cases on FerretDB's SQLite backend held one for five minutes); sent again
 * with the same Idempotency-Key it gets the decision's outcome, and the decision is taken once.
 */
import { randomUUID } from 'node:crypto';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import { createLogger } from '../../src/logger';
import { api, eventually, login, serverAddresses, type Harness } from '../support/harness';
import { useHarness } from '../support/use-harness';

const h = useHarness();
/** A second gateway on the same database whose wait is shorter than any decision takes. */
let hasty: RunningGateway;
beforeAll(async () => {
  hasty = await startGateway({ ...h.config, decisionWaitMs: 1 }, serverAddresses(), createLogger('silent'));
});
afterAll(async () => {
  await hasty?.stop();
  await h?.stop();
});

test('when a decision outlasts the wait, then 503, and a retry with the same key gets its outcome, once', async () => {
  const author = await login(h, 'giaovien.thcs');
  const filed = await api(h, author, 'POST', '/api/v1/initiatives', {
    title: 'Ứng dụng bảng tính theo dõi chuyên cần học sinh',
    unitId: 'truong-thcs',
    field: 'Giáo dục',
    firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    summary:
      'Giáo viên chủ nhiệm nhập chuyên cần hằng ngày vào bảng tính dùng chung, nhà trường theo dõi kịp thời.',
    authors: [{ fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
  });
  expect(filed.status).toBe(201);
  const id = (filed.body as { id: string }).id;
  const head = await login(h, 'hieutruong.thcs');
  const key = randomUUID();
  const endorse = (via: Harness) =>
    api(
      via,
      head,
      'POST',
      `/api/v1/initiatives/${id}/unit-review`,
      { outcome: 'ENDORSE', confirmedApplication: true },
      { 'idempotency-key': key },
    );

  const first = await endorse({ ...h, url: hasty.url });
  expect(first.status).toBe(503);
  expect(first.type).toContain('application/problem+json');
  expect(first.body).toMatchObject({ code: 'DECISION_PENDING' });

  // Sent again with the same key (through the gateway that waits 30 s), it gets the decision's outcome.
  const answer = await eventually(async () => {
    const r = await endorse(h);
    return r.status === 503 ? undefined : r;
  }, 20_000);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ accepted: true, state: { step: 'REGISTRATION' } });
  const entries = await eventually(async () => {
    const list = await h.repos.legalRecord.list(id);
    return list.length === 2 ? list : undefined;
  }, 20_000);
  expect(entries.filter((e) => e.kind === 'UNIT_ENDORSED')).toHaveLength(1);
});
