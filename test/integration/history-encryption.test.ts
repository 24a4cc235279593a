/**
 * What Temporal stores is encrypted (src/temporal/codec.ts): a history read straight from the Temporal server, as
 * its UI or anyone with access to its database would read it, holds no dossier text and no score. The codec
 * endpoint decrypts it for an administrator only.
 */
import { temporal } from '@temporalio/proto';
import { formCouncilUpdate, submitScoresUpdate } from '../../src/contracts/initiative';
import { toCouncilFormation } from '../support/drive';
import { api, login } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { councilMembers, decide, fileCase, goodScores, people } from '../support/lifecycle';

const SUMMARY = 'Quy trình tiếp nhận hồ sơ một cửa BIMAT-SUMMARY-5d2e';
const CONFIDENTIAL = 'Mật khẩu cổng dịch vụ: BIMAT-CONF-91ab';
const SCORE = 23.17;

const h = useHarness();
let raw: { events: string; json: string };
beforeAll(async () => {
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue, {
    dossier: { summary: SUMMARY, confidentialInfo: CONFIDENTIAL },
  });
  await toCouncilFormation(handle);
  await decide(handle, formCouncilUpdate, {
    actor: people.chairman,
    councilId: 'hdsk-2026',
    members: councilMembers,
  });
  await decide(handle, submitScoresUpdate, {
    actor: people.member1,
    scores: { ...goodScores, novelty: SCORE },
  });
  // The history as the server holds it: the raw gRPC answer, no data converter, no codec.
  const res = await h.client.workflowService.getWorkflowExecutionHistory({
    namespace: h.config.temporal.namespace,
    execution: { workflowId: `initiative:${id}` },
  });
  const history = temporal.api.history.v1.History.create({ events: res.history!.events! });
  raw = {
    events: Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1'),
    json: JSON.stringify(history.toJSON()),
  };
}, 120_000);

test('when a history is read from the Temporal server without the codec, then no dossier text or score is in it', () => {
  expect(raw.json.length).toBeGreaterThan(10_000);
  for (const text of [raw.events, raw.json, Buffer.from(raw.events, 'latin1').toString('utf8')]) {
    for (const planted of ['BIMAT-SUMMARY-5d2e', 'BIMAT-CONF-91ab', String(SCORE), 'Nguyễn Thị Hương Trà'])
      expect(text).not.toContain(planted);
  }
  // Every payload says it is encrypted, and with which key.
  expect(raw.json).toContain(Buffer.from('binary/encrypted').toString('base64'));
});

test('when the codec endpoint is called, then it decrypts for an administrator only', async () => {
  const start = JSON.parse(raw.json).events[0].workflowExecutionStartedEventAttributes.input;
  const body = { payloads: start.payloads };
  const admin = await login(h, 'quantri');
  const decoded = await api(h, admin, 'POST', '/api/v1/codec/decode', body);
  expect(decoded.status).toBe(200);
  const input = JSON.parse(Buffer.from(decoded.body.payloads[0].data, 'base64').toString('utf8'));
  // An empty list arrives as {} (proto3 JSON), as the Temporal CLI sends it for events without payloads.
  expect((await api(h, admin, 'POST', '/api/v1/codec/decode', {})).body).toEqual({ payloads: [] });
  expect(input.dossier).toMatchObject({ summary: SUMMARY, confidentialInfo: CONFIDENTIAL });

  // The Temporal UI behind the proxy sends the administrator's username and password instead of a token.
  const basic = (u: string, p: string) => ({
    authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
  });
  expect(
    (await api(h, null, 'POST', '/api/v1/codec/decode', body, basic('quantri', h.config.demoPassword)))
      .status,
  ).toBe(200);
  expect(
    (await api(h, null, 'GET', '/api/v1/operator/gate', undefined, basic('quantri', h.config.demoPassword)))
      .status,
  ).toBe(204);
  const wrong = await api(
    h,
    null,
    'GET',
    '/api/v1/operator/gate',
    undefined,
    basic('quantri', 'sai-mat-khau'),
  );
  expect(wrong.status).toBe(401);
  expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
  for (const user of ['giamsat', 'chutich', 'thuky']) {
    const r = await api(h, await login(h, user), 'POST', '/api/v1/codec/decode', body);
    expect([user, r.status, JSON.stringify(r.body).includes('BIMAT')]).toEqual([user, 403, false]);
  }
  const anonymous = await api(h, null, 'POST', '/api/v1/codec/decode', body);
  expect([anonymous.status, JSON.stringify(anonymous.body).includes('BIMAT')]).toEqual([401, false]);
});

test('when an answer echoes keys BSON cannot hold and the request has an Idempotency-Key, then it is stored and replayed', async () => {
  const admin = await login(h, 'quantri');
  // A payload that is not encrypted passes through decode unchanged, its metadata keys with it.
  const body = {
    payloads: [{ metadata: { 'a\u0000b': 'dA==', $where: 'dA==', 'x.y': 'dA==' }, data: 'eyJ9' }],
  };
  const headers = { 'idempotency-key': 'codec-nul-key-1' };
  const first = await api(h, admin, 'POST', '/api/v1/codec/decode', body, headers);
  expect([first.status, first.body]).toEqual([200, body]);
  const again = await api(h, admin, 'POST', '/api/v1/codec/decode', body, headers);
  expect([again.status, again.body]).toEqual([200, body]);
});
