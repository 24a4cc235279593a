/** Deadlines on short rule-pack durations: reminders, escalation that keeps the case open, extension, reassignment. */
import {
  calendarSignal,
  confirmEffectUpdate,
  extendDeadlineUpdate,
  formCouncilUpdate,
  recordMeetingUpdate,
  submitScoresUpdate,
  formalCheckUpdate,
  reassignUpdate,
  registerDossierUpdate,
  remindSignal,
  submitEffectReportUpdate,
  unitReviewUpdate,
} from '../../src/contracts/initiative';
import { addDuration, vnYear } from '../../src/domain/duration';
import { DEFAULT_RULE_PACK } from '../../src/domain/rule-pack';
import { toTracking } from '../support/drive';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';
import {
  councilMembers,
  decide,
  fastPack,
  fileCase,
  goodScores,
  people,
  refused,
  stateOf,
  waitFor,
} from '../support/lifecycle';

const h = useHarness();

const file = (opts: Parameters<typeof fileCase>[2] = {}) =>
  fileCase(h.client, h.config.temporal.taskQueue, opts);

test('when a deadline passes, then reminders go out at 50% and 80%, the supervisor is alerted, the case stays open', async () => {
  const { id, handle } = await file({ pack: fastPack({ unitReviewSla: { seconds: 2 } }) });
  const st = await waitFor(handle, (s) => s.escalations > 0);
  expect(st).toMatchObject({
    status: 'OPEN',
    step: 'UNIT_REVIEW',
    reminders: 2,
    deadline: { escalated: true },
  });
  const notes = await eventually(async () => {
    const n = await h.repos.tasks.notifications.find({ caseId: id }).sort({ at: 1 }).lean();
    return n.length === 4 ? n : undefined;
  });
  // The unit head was told of the task when it was given, then reminded twice; the supervisor hears of the delay.
  expect(notes.map((n) => [n.kind, n.to.role])).toEqual([
    ['TASK', 'UNIT_HEAD'],
    ['REMINDER', 'UNIT_HEAD'],
    ['REMINDER', 'UNIT_HEAD'],
    ['ESCALATED', 'SUPERVISOR'],
  ]);
  const rm = await eventually(async () => {
    const r = await h.repos.cases.findById(id);
    return r?.escalated ? r : undefined;
  });
  expect(rm.status).toBe('OPEN');
  // The case still accepts the late decision.
  expect(
    (
      await decide(handle, unitReviewUpdate, {
        actor: people.unitHead,
        outcome: 'ENDORSE',
        confirmedApplication: true,
      })
    ).step,
  ).toBe('REGISTRATION');
});

test('when the supervisor extends a deadline with a reason, then the running timer moves and escalation clears', async () => {
  const { handle } = await file({ pack: fastPack({ unitReviewSla: { seconds: 1 } }) });
  const before = await waitFor(handle, (s) => s.escalations > 0);
  const st = await decide(handle, extendDeadlineUpdate, {
    actor: people.supervisor,
    reason: 'Thủ trưởng đi công tác',
    by: { seconds: 60 },
  });
  expect(Date.parse(st.deadline!.dueAt!)).toBeGreaterThan(Date.parse(before.deadline!.dueAt!) + 55_000);
  expect(st.deadline).toMatchObject({
    escalated: false,
    extensions: [{ by: 'supervisor-1', reason: 'Thủ trưởng đi công tác' }],
  });
  expect(st.history.at(-1)!.kind).toBe('DEADLINE_EXTENDED');
  // Without a reason, or from a submitter, an extension is refused.
  expect(
    (
      await refused(handle, extendDeadlineUpdate, {
        actor: people.supervisor,
        reason: '',
        by: { seconds: 5 },
      })
    ).code,
  ).toBe('REASONS_REQUIRED');
  expect(
    (await refused(handle, extendDeadlineUpdate, { actor: people.author, reason: 'x', by: { seconds: 5 } }))
      .code,
  ).toBe('FORBIDDEN_ROLE');
});

test('when a step is reassigned, then the new person may act and the change is recorded', async () => {
  const { handle } = await file();
  const deputy = {
    personId: 'deputy-1',
    fullName: 'Phó hiệu trưởng Lý Văn Tám',
    roles: [],
    unitIds: [],
    councilIds: [],
  };
  const st = await decide(handle, reassignUpdate, {
    actor: people.supervisor,
    to: { personId: 'deputy-1', fullName: deputy.fullName },
    reason: 'Hiệu trưởng nghỉ phép',
  });
  expect(st.waitingOn!.assignee).toEqual({ personId: 'deputy-1', fullName: deputy.fullName });
  expect(
    (
      await decide(handle, unitReviewUpdate, {
        actor: deputy,
        outcome: 'ENDORSE',
        confirmedApplication: true,
      })
    ).step,
  ).toBe('REGISTRATION');
});

test('when the supervisor sends a reminder, then it is recorded for whoever must act', async () => {
  const { id, handle } = await file();
  await handle.signal(remindSignal, { actor: people.supervisor, message: 'Đề nghị xem xét sớm' });
  const st = await waitFor(handle, (s) => s.reminders === 1);
  expect(st.history.at(-1)).toMatchObject({
    kind: 'REMINDER',
    actor: 'Bùi Minh Châu',
    summary: 'Đề nghị xem xét sớm',
  });
  // The unit head's task was announced when given; the reminder adds one notice.
  await eventually(async () =>
    (await h.repos.tasks.notifications.countDocuments({ caseId: id, kind: 'REMINDER' })) === 1
      ? true
      : undefined,
  );
  expect(await h.repos.tasks.notifications.countDocuments({ caseId: id })).toBe(2);
});

test('when a period needs a year without a holiday table, then the supervisor sees why instead of a guessed date', async () => {
  const pack = fastPack();
  pack.version = 'test-no-holidays';
  pack.unitReviewSla = { ...DEFAULT_RULE_PACK.unitReviewSla };
  pack.holidays = { ...pack.holidays, value: { '2019': [] } };
  const { handle } = await file({ pack });
  let st = await stateOf(handle);
  expect(st.deadline!.dueAt).toBeNull();
  expect(st.calendarProblem).toMatch(/Chưa có bảng ngày nghỉ lễ năm \d{4}/);
  expect(st.escalations).toBe(1);
  st = await decide(handle, extendDeadlineUpdate, {
    actor: people.supervisor,
    reason: 'Đặt hạn theo ngày lịch',
    by: { days: 14 },
  });
  expect(st.deadline!.dueAt).not.toBeNull();
  expect(st.calendarProblem).toBeNull();
});

test("when the missing year's days off are published, then the case gets its due date (Bộ luật Lao động 2019 Art. 112)", async () => {
  const pack = fastPack();
  pack.version = 'test-calendar-later';
  pack.unitReviewSla = { ...DEFAULT_RULE_PACK.unitReviewSla };
  pack.holidays = { ...pack.holidays, value: { '2019': [] } };
  const { handle } = await file({ pack });
  expect((await stateOf(handle)).deadline!.dueAt).toBeNull();
  const holidays = DEFAULT_RULE_PACK.holidays.value;
  await handle.signal(calendarSignal, { version: 7, holidays });
  const st = await waitFor(handle, (s) => s.deadline?.dueAt !== null);
  const start = Date.parse(st.deadline!.startedAt);
  expect(st.deadline!.dueAt).toBe(new Date(addDuration(start, { workingDays: 10 }, holidays)).toISOString());
  expect(st.calendarProblem).toBeNull();
  expect(st.calendar?.version).toBe(7);
  // An older version that arrives late changes nothing.
  await handle.signal(calendarSignal, { version: 3, holidays: { '2019': [] } });
  expect((await stateOf(handle)).calendar?.version).toBe(7);
});

test('when an extension by working days reaches a year without a holiday table, then it is refused and the case goes on', async () => {
  const pack = fastPack();
  pack.version = 'test-this-year-only';
  pack.unitReviewSla = { ...DEFAULT_RULE_PACK.unitReviewSla };
  pack.holidays = { ...pack.holidays, value: { [String(vnYear(Date.now()))]: [] } };
  const { handle } = await file({ pack });
  const before = await stateOf(handle);
  const extension = { actor: people.supervisor, reason: 'Chờ bổ sung minh chứng', by: { workingDays: 400 } };
  expect(await refused(handle, extendDeadlineUpdate, extension)).toEqual({
    code: 'CALENDAR_GAP',
    message: `Chưa có bảng ngày nghỉ lễ năm ${vnYear(Date.now()) + 1} nên không đếm được ngày làm việc: hãy gia hạn theo ngày lịch.`,
  });
  // Nothing changed, and the workflow still takes decisions: the supervisor's fallback, then the unit head's review.
  expect((await stateOf(handle)).deadline).toEqual(before.deadline);
  const extended = await decide(handle, extendDeadlineUpdate, { ...extension, by: { days: 30 } });
  expect(extended.deadline!.extensions).toHaveLength(1);
  const reviewed = await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  expect(reviewed.step).toBe('REGISTRATION');
});

test('when effect reports are due, then a reminder precedes each and a missing one escalates', async () => {
  const { handle } = await file({
    pack: fastPack({ trackingPeriod: { seconds: 3 }, reportingInterval: { seconds: 1 } }),
  });
  await toTracking(handle);
  const st = await waitFor(handle, (s) => s.step === 'EFFECT_CONFIRMATION');
  expect(st.effect!.missedReports).toBeGreaterThanOrEqual(2);
  expect(st.history.map((x) => x.kind)).toEqual(
    expect.arrayContaining(['REMINDER', 'ESCALATED', 'TRACKING_ENDED']),
  );
});

test('when the effect is confirmed after acceptance, then the decision clock re-anchors at completion (NĐ13 Art. 7.1)', async () => {
  const { handle } = await file({ pack: fastPack({ decisionClock: { seconds: 30 } }) });
  await decide(handle, unitReviewUpdate, {
    actor: people.unitHead,
    outcome: 'ENDORSE',
    confirmedApplication: true,
  });
  await decide(handle, registerDossierUpdate, { actor: people.secretary });
  const accepted = await decide(handle, formalCheckUpdate, { actor: people.secretary, outcome: 'ACCEPT' });
  const firstDue = Date.parse(accepted.decisionClock!.dueAt!);
  expect(firstDue - Date.parse(accepted.acceptedAt!)).toBe(30_000);
  const st = await toDecisionFromAccepted(handle);
  expect(Date.parse(st.decisionClock!.dueAt!)).toBeGreaterThan(firstDue);
  expect(Date.parse(st.decisionClock!.dueAt!) - Date.parse(st.effect!.confirmedAt!)).toBe(30_000);
  expect(st.history.map((x) => x.kind)).toContain('DECISION_CLOCK_REANCHORED');
});

async function toDecisionFromAccepted(handle: Awaited<ReturnType<typeof file>>['handle']) {
  // Acceptance is done here, so continue from council formation.
  await decide(handle, formCouncilUpdate, {
    actor: people.chairman,
    councilId: 'hdsk-2026',
    members: councilMembers,
  });
  for (const m of [people.chairman, people.secretary, people.member1, people.member2]) {
    await decide(handle, submitScoresUpdate, { actor: m, scores: goodScores });
  }
  await decide(handle, recordMeetingUpdate, {
    actor: people.secretary,
    present: councilMembers.map((m) => m.personId),
    votes: { 'chairman-1': 'AGREE', 'secretary-1': 'AGREE', 'member-1': 'AGREE', 'member-2': 'AGREE' },
    proposedScope: 'UNIT',
    minutes: 'Thống nhất.',
  });
  await decide(handle, submitEffectReportUpdate, {
    actor: people.unitHead,
    periodEnd: new Date().toISOString().slice(0, 10),
    metrics: [{ name: 'Thời gian', unit: 'giờ', baseline: 10, value: 2 }],
    evidenceRefs: [],
  });
  await waitFor(handle, (s) => s.step === 'EFFECT_CONFIRMATION');
  return decide(handle, confirmEffectUpdate, {
    actor: people.unitHead,
    verdict: 'EFFECTIVE',
    summary: 'Có hiệu quả',
  });
}
