/**
 * A council that decides by secret ballot (TT18 Art. 8; chosen per council in the rule pack): the secretary records
 * counts, never who voted how, and the record, the state and the minutes hold the counts only.
 */
import { execFileSync } from 'node:child_process';
import { recordMeetingUpdate } from '../../src/contracts/initiative';
import { toMeeting } from '../support/drive';
import { eventually } from '../support/harness';
import { useHarness } from '../support/use-harness';
import { councilMembers, decide, fastPack, fileCase, people, refused } from '../support/lifecycle';

const h = useHarness();

test('when the council votes by secret ballot, then only the counts are recorded, in the state, the record and the minutes', async () => {
  const pack = fastPack();
  pack.votingMode = {
    value: { default: 'SHOW_OF_HANDS', councils: { 'hdsk-2026': 'SECRET_BALLOT' } },
    basis: { kind: 'legal', source: 'Thông tư 18/2013/TT-BKHCN Art. 8', confidence: 'S' },
  };
  const { id, handle } = await fileCase(h.client, h.config.temporal.taskQueue, { pack });
  await toMeeting(handle);
  const meeting = {
    actor: people.secretary,
    present: councilMembers.map((m) => m.personId),
    proposedScope: 'UNIT' as const,
    minutes: 'Hội đồng kiểm phiếu.',
  };
  // Named votes are refused, and so are more ballots than the four members present who may vote.
  const named = await refused(handle, recordMeetingUpdate, { ...meeting, votes: { 'member-1': 'AGREE' } });
  expect(named).toEqual({
    code: 'INVALID_INPUT',
    message: 'Hội đồng bỏ phiếu kín: chỉ ghi số phiếu, không ghi ai bỏ phiếu thế nào.',
  });
  const tooMany = await refused(handle, recordMeetingUpdate, {
    ...meeting,
    ballot: { agree: 4, disagree: 1, abstain: 0 },
  });
  expect(tooMany.message).toBe('Có 5 phiếu nhưng chỉ 4 thành viên có mặt được bỏ phiếu.');

  const st = await decide(handle, recordMeetingUpdate, {
    ...meeting,
    ballot: { agree: 4, disagree: 0, abstain: 0 },
  });
  expect(st.meetings[0]).toMatchObject({ outcome: 'RECOMMENDED', agree: 4, votes: {}, ballot: { agree: 4 } });
  const entry = await eventually(async () =>
    (await h.repos.legalRecord.list(id)).find((e) => e.kind === 'COUNCIL_RECOMMENDED'),
  );
  expect(entry.details).toMatchObject({
    votingMode: 'SECRET_BALLOT',
    ballot: { agree: 4, disagree: 0, abstain: 0 },
  });
  expect(entry.details).not.toHaveProperty('votes');
  const minutes = await eventually(async () =>
    (await h.repos.documents.list(id)).find((d) => d.kind === 'MINUTES'),
  );
  const pdf = (await h.repos.documents.byKey(minutes._id))!.pdf;
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString()
    .replace(/\s+/g, ' ');
  expect(text).toContain('bỏ phiếu kín. Kết quả kiểm phiếu: 4 phiếu đồng ý, 0 phiếu không đồng ý');
  expect(text).not.toContain('Biểu quyết');
});

test('when the pack leaves the voting mode to the council, then the minutes say it; a fixed mode stays fixed', async () => {
  const pack = fastPack();
  pack.votingMode = {
    value: { default: 'SHOW_OF_HANDS', councils: { 'hdsk-2026': 'CHOSEN_AT_MEETING' } },
    basis: { kind: 'legal', source: 'Thông tư 18/2013/TT-BKHCN Art. 8', confidence: 'S' },
  };
  const { handle } = await fileCase(h.client, h.config.temporal.taskQueue, { pack });
  await toMeeting(handle);
  const meeting = {
    actor: people.secretary,
    present: councilMembers.map((m) => m.personId),
    proposedScope: 'UNIT' as const,
    minutes: 'Hội đồng biểu quyết chọn bỏ phiếu kín, rồi kiểm phiếu.',
    ballot: { agree: 4, disagree: 0, abstain: 0 },
  };
  expect(await refused(handle, recordMeetingUpdate, meeting)).toEqual({
    code: 'INVALID_INPUT',
    message: 'Hội đồng tự chọn hình thức biểu quyết tại cuộc họp: ghi hình thức Hội đồng đã chọn.',
  });
  const st = await decide(handle, recordMeetingUpdate, { ...meeting, votingMode: 'SECRET_BALLOT' });
  expect(st.meetings[0]).toMatchObject({ outcome: 'RECOMMENDED', votes: {}, ballot: { agree: 4 } });

  // Where the pack fixes the mode (show of hands by default), a meeting cannot choose another.
  const fixed = await fileCase(h.client, h.config.temporal.taskQueue, { pack: fastPack() });
  await toMeeting(fixed.handle);
  expect(
    await refused(fixed.handle, recordMeetingUpdate, { ...meeting, votingMode: 'SECRET_BALLOT' }),
  ).toEqual({
    code: 'INVALID_INPUT',
    message: 'Theo quy định của xã, Hội đồng này biểu quyết bằng hình thức biểu quyết công khai.',
  });
});
