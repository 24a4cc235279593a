/**
 * Refused decisions: each returns a stable code and changes nothing (no state change, no command). The refusal itself
 * is in the history as an update that failed: the step is checked once the task's other jobs are applied.
 */
import {
  formCouncilUpdate,
  recordMeetingUpdate,
  registerDossierUpdate,
  submitScoresUpdate,
  unitReviewUpdate,
  withdrawUpdate,
} from '../../src/contracts/initiative';
import { toCouncilFormation, toMeeting, toScoring } from '../support/drive';
import { councilMembers, decide, fileCase, goodScores, people, refused, stateOf } from '../support/lifecycle';
import { useHarness } from '../support/use-harness';

const h = useHarness();

const file = (opts: Parameters<typeof fileCase>[2] = {}) =>
  fileCase(h.client, h.config.temporal.taskQueue, opts);

/** What a refused update may add to the history: the task that refused it, and the update's own events. */
const REFUSAL_EVENTS = [
  'workflowTaskScheduledEventAttributes',
  'workflowTaskStartedEventAttributes',
  'workflowTaskCompletedEventAttributes',
  'workflowExecutionUpdateAcceptedEventAttributes',
  'workflowExecutionUpdateCompletedEventAttributes',
];

/** Runs `attempt` and checks that neither the state changed nor the workflow issued a command. */
async function leavesNoTrace(
  handle: Awaited<ReturnType<typeof file>>['handle'],
  attempt: () => Promise<unknown>,
) {
  const eventsBefore = await settledHistoryLength(handle);
  const before = await stateOf(handle);
  await attempt();
  const after = await stateOf(handle);
  expect(after.revision).toBe(before.revision);
  expect(after.history).toEqual(before.history);
  const added = ((await handle.fetchHistory()).events ?? [])
    .slice(eventsBefore)
    .map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')));
  expect(added.filter((k) => !REFUSAL_EVENTS.includes(k!))).toEqual([]);
}

/**
 * Waits until the case's earlier work is done (its workflow task, where its writes run as local activities, and any
 * activity), then returns its history length.
 */
async function settledHistoryLength(
  handle: Awaited<ReturnType<typeof file>>['handle'],
): Promise<number | undefined> {
  let last = -1;
  for (;;) {
    const d = await handle.describe();
    const length = (await handle.fetchHistory()).events?.length ?? 0;
    const idle = (d.raw.pendingActivities ?? []).length === 0 && !d.raw.pendingWorkflowTask;
    if (length === last && idle) return length;
    last = length;
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('when a decision comes at the wrong step, then WRONG_STEP and nothing changes', async () => {
  const { handle } = await file();
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, registerDossierUpdate, { actor: people.secretary });
    expect(r.code).toBe('WRONG_STEP');
    expect(r.message).toContain('UNIT_REVIEW');
  });
});

test('when someone without the role decides, then FORBIDDEN_ROLE', async () => {
  const { handle } = await file();
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, unitReviewUpdate, {
      actor: people.secretary,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    expect(r).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: 'Chỉ thủ trưởng đơn vị được thực hiện thao tác này.',
    });
  });
});

test('when the head of another unit decides, then OUT_OF_SCOPE', async () => {
  const { handle } = await file();
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, unitReviewUpdate, {
      actor: people.otherUnitHead,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    expect(r.code).toBe('OUT_OF_SCOPE');
  });
});

test('when the unit head endorses without confirming application, or declines without reasons, then refused', async () => {
  const { handle } = await file();
  expect((await refused(handle, unitReviewUpdate, { actor: people.unitHead, outcome: 'ENDORSE' })).code).toBe(
    'APPLICATION_NOT_CONFIRMED',
  );
  expect(
    (await refused(handle, unitReviewUpdate, { actor: people.unitHead, outcome: 'DECLINE', reasons: '  ' }))
      .code,
  ).toBe('REASONS_REQUIRED');
});

test('when an author scores their own initiative, then COI_AUTHOR_MAY_NOT_SCORE', async () => {
  const { handle } = await file();
  await toScoring(handle);
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, submitScoresUpdate, { actor: people.author, scores: goodScores });
    expect(r.code).toBe('COI_AUTHOR_MAY_NOT_SCORE');
  });
});

test('when a score exceeds a criterion’s maximum, then SCORE_ABOVE_MAXIMUM names the criterion', async () => {
  const { handle } = await file();
  await toScoring(handle);
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, submitScoresUpdate, {
      actor: people.member1,
      scores: { ...goodScores, replicability: 11 },
    });
    expect(r.code).toBe('SCORE_ABOVE_MAXIMUM');
    expect(r.message).toContain('Phạm vi ảnh hưởng, khả năng nhân rộng');
  });
  expect(
    (await refused(handle, submitScoresUpdate, { actor: people.member1, scores: { novelty: 20 } })).code,
  ).toBe('SCORE_MISSING_CRITERION');
});

test('when someone outside the council scores, then NOT_A_COUNCIL_MEMBER', async () => {
  const { handle } = await file();
  await toScoring(handle);
  expect(
    (await refused(handle, submitScoresUpdate, { actor: people.supervisor, scores: goodScores })).code,
  ).toBe('NOT_A_COUNCIL_MEMBER');
});

test('when a state-funded initiative’s chairman is an author and sits on the council, then formation is refused', async () => {
  const { handle } = await file({
    dossier: {
      stateFunded: true,
      authors: [
        { personId: 'chairman-1', fullName: 'Hoàng Văn Bình', sharePercent: 50 },
        { personId: 'author-1', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 50 },
      ],
    },
  });
  await toCouncilFormation(handle);
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, formCouncilUpdate, {
      actor: people.chairman,
      councilId: 'hdsk-2026',
      members: councilMembers,
    });
    expect(r.code).toBe('COI_CHAIRMAN_AUTHOR_STATE_FUNDED');
  });
});

test('when a secretary who does not serve the case’s council records its meeting, then OUT_OF_SCOPE', async () => {
  const { handle } = await file();
  await toMeeting(handle);
  const otherSecretary = { ...people.secretary, personId: 'secretary-2', fullName: 'Lê Thị Thư' };
  await leavesNoTrace(handle, async () => {
    const r = await refused(handle, recordMeetingUpdate, {
      actor: otherSecretary,
      present: councilMembers.map((m) => m.personId),
      votes: { 'chairman-1': 'AGREE', 'secretary-1': 'AGREE', 'member-1': 'AGREE', 'member-2': 'AGREE' },
      proposedScope: 'UNIT',
      minutes: 'Biên bản',
    });
    expect(r).toEqual({
      code: 'OUT_OF_SCOPE',
      message: 'Chỉ thư ký của Hội đồng xét hồ sơ này được ghi biên bản cuộc họp.',
    });
  });
});

test('when someone other than the submitter withdraws, then OUT_OF_SCOPE', async () => {
  const { handle } = await file();
  expect((await refused(handle, withdrawUpdate, { actor: people.unitHead, reason: 'x' })).code).toBe(
    'OUT_OF_SCOPE',
  );
});

test('when scores are hidden, then a member sees only their own sheet until all are in', async () => {
  const { handle } = await file();
  await toScoring(handle);
  await decide(handle, submitScoresUpdate, { actor: people.member1, scores: goodScores });
  expect(Object.keys((await stateOf(handle, 'member-1')).scores)).toEqual(['member-1']);
  expect(Object.keys((await stateOf(handle, 'member-2')).scores)).toEqual([]);
});
