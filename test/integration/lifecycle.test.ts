/** The whole life cycle against the real servers: every stage, every outcome, driven only by users' messages. */
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import {
  amendDossierUpdate,
  appealUpdate,
  decideRecognitionUpdate,
  designateReplicationUpdate,
  formalCheckUpdate,
  recordMeetingUpdate,
  registerDossierUpdate,
  revokeUpdate,
  unitReviewUpdate,
  withdrawUpdate,
} from '../../src/contracts/initiative';
import { getReplicationStateQuery, replicationWorkflowId } from '../../src/contracts/replication';
import { confirmAdoptions, toDecision, toMeeting, toReplication, toScoring } from '../support/drive';
import { decryptPayloads, eventually, testDataConverter } from '../support/harness';
import { useHarness } from '../support/use-harness';
import {
  councilMembers,
  decide,
  dossier,
  fastPack,
  fileCase,
  people,
  stateOf,
  waitFor,
} from '../support/lifecycle';

const h = useHarness();

const file = (opts: Parameters<typeof fileCase>[2] = {}) =>
  fileCase(h.client, h.config.temporal.taskQueue, opts);
const kinds = async (id: string) => (await h.repos.legalRecord.list(id)).map((e) => e.kind);

test('when an initiative goes through every stage, then it completes and its record and read model match', async () => {
  // The last checkpoint well after recognition: on a loaded machine both adoptions are confirmed before it closes the
  // follow-up (with fastPack's 5 s, a confirmation could arrive after the adoptions had ended).
  const { id, handle } = await file({
    pack: fastPack({ replicationCheckpoints: [{ seconds: 3 }, { seconds: 15 }] }),
  });
  await toReplication(handle);
  let st = await decide(handle, designateReplicationUpdate, {
    actor: people.chairman,
    unitIds: ['tram-y-te', 'truong-mam-non'],
    similarUnitsTotal: 4,
  });
  expect(st.replication!.targets.map((t) => t.unitId)).toEqual(['tram-y-te', 'truong-mam-non']);

  const adoptions = await confirmAdoptions(h.client, id);
  expect(adoptions.map((a) => [a.unitId, a.step, a.verdict])).toEqual([
    ['tram-y-te', 'CONFIRMED', 'EFFECTIVE'],
    ['truong-mam-non', 'CONFIRMED', 'EFFECTIVE'],
  ]);
  expect(
    (
      await h.client.workflow
        .getHandle(replicationWorkflowId(id, 'tram-y-te'))
        .query(getReplicationStateQuery)
    ).verdict,
  ).toBe('EFFECTIVE');

  st = await waitFor(handle, (s) => s.status === 'COMPLETED', 40_000);
  expect(st.stage).toBe('REPLICATION_FOLLOW_UP');
  // The test server suggests continue-as-new after 100 events: the case went on in a new run, state intact.
  const firstRun = await h.client.workflow
    .getHandle(handle.workflowId, handle.firstExecutionRunId)
    .describe();
  expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
  const last = st.replication!.checkpoints.at(-1)!;
  expect(last).toMatchObject({ done: true, adopted: 2, share: 0.5, eligibleForProvince: true });
  expect(st.decision).toMatchObject({
    outcome: 'RECOGNISED',
    signerTitle: 'PHO_CHU_TICH',
    rewardLevel: 'good',
  });
  expect(st.council!.recused).toEqual(['author-1']);
  expect(st.meanScore).toBe(86);

  // Legal record: every decision in order, the chain verifies.
  const record = await eventually(async () => {
    const k = await kinds(id);
    return k.at(-1) === 'COMPLETED' ? k : undefined;
  });
  for (const k of [
    'FILED',
    'UNIT_ENDORSED',
    'REGISTERED',
    'ACCEPTED',
    'COUNCIL_FORMED',
    'RECUSED',
    'SCORED',
    'COUNCIL_RECOMMENDED',
    'TRACKING_STARTED',
    'EFFECT_REPORTED',
    'TRACKING_ENDED',
    'EFFECT_CONFIRMED',
    'RECOGNISED',
    'REPLICATION_DESIGNATED',
    'REPLICATION_RESULT',
    'REPLICATION_CHECKPOINT',
    'COMPLETED',
  ])
    expect(record).toContain(k);
  expect(record.indexOf('FILED')).toBe(0);
  expect(record.at(-1)).toBe('COMPLETED');
  expect(record.filter((k) => k === 'SCORED')).toHaveLength(4);
  await expect(h.repos.legalRecord.verify(id)).resolves.toMatchObject({ ok: true, entries: record.length });
  expect(await h.repos.legalRecord.verify(replicationWorkflowId(id, 'tram-y-te'))).toMatchObject({
    ok: true,
  });
  // The adoption's own record: its start once (histories before the settled-timer patch recorded it twice), then the
  // plan, the report and the confirmation.
  expect(
    (await kinds(replicationWorkflowId(id, 'tram-y-te'))).filter(
      (k) => k !== 'REMINDER' && k !== 'ESCALATED',
    ),
  ).toEqual(['ADOPTION_STARTED', 'ADOPTION_PLANNED', 'ADOPTION_REPORTED', 'ADOPTION_CONFIRMED']);

  // Read model equals the final state; nothing is left to do; each author got one achievement.
  const rm = await eventually(async () => {
    const r = await h.repos.cases.findById(id);
    return r?.status === 'COMPLETED' ? r : undefined;
  });
  expect(rm).toMatchObject({
    stage: 'REPLICATION_FOLLOW_UP',
    decisionOutcome: 'RECOGNISED',
    revision: st.revision,
  });
  expect(await h.repos.tasks.tasks.countDocuments({ caseId: id, status: 'OPEN' })).toBe(0);
  const achievements = await h.repos.achievements.model.find({ initiativeId: id }).lean();
  expect(achievements.map((a) => a.fullName).sort()).toEqual(['Nguyễn Thị Hương Trà', 'Trần Văn Nam']);

  if (process.env['RECORD_HISTORIES']) {
    // The first run: filing and most decisions (the case continued as new later on).
    const history = await h.client.workflow
      .getHandle(handle.workflowId, handle.firstExecutionRunId)
      .fetchHistory();
    const dir = path.resolve(__dirname, '../fixtures/histories');
    fs.mkdirSync(dir, { recursive: true });
    // RECORD_HISTORIES=1 rewrites happy-path; RECORD_HISTORIES=<name> adds <name> beside the older ones (gzipped JSON).
    const name = process.env['RECORD_HISTORIES'] === '1' ? 'happy-path' : process.env['RECORD_HISTORIES'];
    // Stored decrypted: the replay test runs anywhere, without this machine's payload key.
    await decryptPayloads(history, testDataConverter());
    fs.writeFileSync(path.join(dir, `${name}.json.gz`), gzipSync(JSON.stringify(history)));
  }
}, 150_000);

test('when the unit head declines with reasons, then the case is rejected', async () => {
  const { id, handle } = await file();
  const st = await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'DECLINE',
    reasons: 'Chưa áp dụng tại đơn vị',
  });
  expect(st).toMatchObject({ status: 'REJECTED', step: 'CLOSED' });
  expect(st.closure!.reason).toContain('Chưa áp dụng tại đơn vị');
  await eventually(async () => ((await kinds(id)).includes('UNIT_DECLINED') ? true : undefined));
});

test('when the unit returns the dossier, then the amended dossier goes back to the unit head', async () => {
  const { handle } = await file();
  let st = await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'RETURN',
    items: ['Bổ sung số liệu trước khi áp dụng'],
  });
  expect(st).toMatchObject({ step: 'AMENDMENT', waitingOn: { role: 'SUBMITTER' } });
  st = await decide(handle, amendDossierUpdate, {
    actor: people.author,
    dossier: dossier({ summary: 'Bổ sung: trước đây mất 40 giờ mỗi kỳ để tổng hợp điểm.' }),
  });
  expect(st).toMatchObject({ step: 'UNIT_REVIEW', dossierVersion: 2 });
  expect(st.dossier.summary).toContain('40 giờ');
});

test('when a requested amendment never comes, then a final reminder goes out and the case closes as withdrawn', async () => {
  const { id, handle } = await file({ pack: fastPack({ amendmentPeriod: { seconds: 2 } }) });
  await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'RETURN',
    items: ['Bổ sung minh chứng'],
  });
  const st = await waitFor(handle, (s) => s.status !== 'OPEN');
  expect(st.status).toBe('WITHDRAWN');
  expect(st.reminders).toBeGreaterThanOrEqual(3); // at 50%, 80% and the final one at expiry
  await eventually(async () => ((await kinds(id)).at(-1) === 'AMENDMENT_TIMED_OUT' ? true : undefined));
});

test('when the formal check does not accept the dossier, then the case is rejected with the reasons', async () => {
  // An earlier filing of the same solution: registration flags it for the secretary, without rejecting anything.
  const earlier = await file({ dossier: { title: 'Sổ điểm điện tử cho trường trung học cơ sở' } });
  await eventually(async () => (await h.repos.cases.findById(earlier.id)) ?? undefined);
  const { handle } = await file({
    dossier: { title: 'Ứng dụng sổ điểm điện tử tại trường trung học cơ sở' },
  });
  await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  const registered = await decide(handle, registerDossierUpdate, {
    actor: people.secretary,
  });
  expect(registered.registration!.registerNo).toMatch(/^\d{3}\/\d{4}\/SK$/);
  expect(registered.registration!.duplicateFlags.map((f) => f.initiativeId)).toContain(earlier.id);
  expect(registered.step).toBe('FORMAL_CHECK');
  const st = await decide(handle, formalCheckUpdate, {
    actor: people.secretary,
    outcome: 'NOT_ACCEPT',
    reasons: 'Giải pháp đang được bảo hộ sở hữu trí tuệ',
  });
  expect(st.status).toBe('REJECTED');
});

test('when the council does not reach 2/3, then the chairman can only refuse, and the refusal closes after the window', async () => {
  const { handle } = await file({ pack: fastPack({ complaintWindow: { seconds: 1 } }) });
  await toMeeting(handle);
  let st = await decide(handle, recordMeetingUpdate, {
    actor: people.secretary,
    present: councilMembers.map((m) => m.personId),
    votes: { 'chairman-1': 'AGREE', 'secretary-1': 'AGREE', 'member-1': 'DISAGREE', 'member-2': 'ABSTAIN' },
    proposedScope: 'UNIT',
    minutes: 'Hai thành viên đồng ý.',
  });
  // 2 of 5 members agree: 2/3 of all members (4) is not reached.
  expect(st).toMatchObject({ councilRecommended: false, stage: 'REWARD_DECISION', step: 'DECISION' });
  expect(st.meetings[0]).toMatchObject({ outcome: 'NOT_RECOMMENDED', agree: 2, required: 4 });
  st = await decide(handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'REFUSE',
    reasons: 'Hội đồng không đề nghị công nhận',
    signerTitle: 'CHU_TICH',
  });
  expect(st.step).toBe('APPEAL_WINDOW');
  st = await waitFor(handle, (s) => s.status !== 'OPEN');
  expect(st.status).toBe('REJECTED');
  expect(st.closure!.reason).toContain('Hết thời hạn khiếu nại');
});

test('when a meeting lacks quorum, then it is rescheduled and a second meeting decides', async () => {
  const { handle } = await file();
  await toMeeting(handle);
  let st = await decide(handle, recordMeetingUpdate, {
    actor: people.secretary,
    present: ['chairman-1', 'secretary-1'],
    votes: {},
    proposedScope: 'UNIT',
    minutes: 'Không đủ thành viên.',
  });
  expect(st).toMatchObject({ status: 'OPEN', step: 'MEETING' });
  expect(st.meetings[0]).toMatchObject({ outcome: 'NO_QUORUM', required: 4 });
  st = await decide(handle, recordMeetingUpdate, {
    actor: people.secretary,
    present: ['chairman-1', 'secretary-1', 'member-1', 'member-2'],
    votes: { 'chairman-1': 'AGREE', 'secretary-1': 'AGREE', 'member-1': 'AGREE', 'member-2': 'AGREE' },
    proposedScope: 'UNIT',
    minutes: 'Đủ số thành viên, thống nhất.',
  });
  expect(st.meetings).toHaveLength(2);
  expect(st).toMatchObject({ councilRecommended: true, stage: 'EFFECT_TRACKING' });
});

test('when a refusal is appealed, then the decision reopens and the chairman can recognise', async () => {
  const { handle } = await file();
  await toDecision(handle);
  await decide(handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'REFUSE',
    reasons: 'Chưa đủ minh chứng',
    signerTitle: 'CHU_TICH',
  });
  let st = await decide(handle, appealUpdate, {
    actor: people.author,
    grounds: 'Đã có biên bản áp dụng kèm theo',
  });
  expect(st).toMatchObject({ step: 'DECISION', decision: null, appeal: { filedBy: 'author-1' } });
  st = await decide(handle, decideRecognitionUpdate, {
    actor: people.chairman,
    outcome: 'RECOGNISE',
    signerTitle: 'CHU_TICH',
  });
  expect(st).toMatchObject({ stage: 'REPLICATION_FOLLOW_UP', decision: { outcome: 'RECOGNISED' } });
});

test('when the author withdraws during scoring, then the case closes as withdrawn', async () => {
  const { handle } = await file();
  await toScoring(handle);
  const st = await decide(handle, withdrawUpdate, { actor: people.author, reason: 'Cần hoàn thiện thêm' });
  expect(st).toMatchObject({ status: 'WITHDRAWN', waitingOn: null });
});

test('when a recognition is revoked, then the case is revoked and the authors’ achievements are marked', async () => {
  const { id, handle } = await file();
  await toReplication(handle);
  const st = await decide(handle, revokeUpdate, {
    actor: people.chairman,
    reasons: 'Hồ sơ khai không trung thực',
  });
  expect(st.status).toBe('REVOKED');
  await eventually(async () => {
    const a = await h.repos.achievements.model.find({ initiativeId: id }).lean();
    return a.length === 2 && a.every((x) => x.revoked) ? true : undefined;
  });
});

test('when remuneration applies, then three yearly payments of at least 7% are scheduled', async () => {
  const { handle } = await file({ dossier: { remunerationApplies: true } });
  const st = await toReplication(handle);
  expect(st.remunerationSchedule.map((r) => [r.year, r.percentOfBenefit])).toEqual([
    [1, 7],
    [2, 7],
    [3, 7],
  ]);
  expect(await stateOf(handle)).toMatchObject({ status: 'OPEN' });
});
