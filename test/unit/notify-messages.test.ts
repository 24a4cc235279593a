/** What a case's write tells whom (src/notify/messages.ts, notifier.ts reaches, sender.ts timing): pure rules. */
import type { InitiativeState } from '../../src/contracts/initiative';
import type { LegalEntryDraft } from '../../src/contracts/records';
import { messageOf, notificationsOf } from '../../src/notify/messages';
import { reaches } from '../../src/notify/notifier';
import { digestInstant, retryDelay } from '../../src/notify/sender';

const state = {
  initiativeId: 'c1',
  code: 'SK-2026-0007',
  filedBy: { personId: 'p-filer' },
  dossier: {
    title: 'Sổ điểm điện tử',
    authors: [{ personId: 'p-filer' }, { personId: 'p-coauthor' }, { fullName: 'Người ngoài' }],
  },
  deadline: { dueAt: '2026-12-18T17:00:00.000Z' },
} as unknown as InitiativeState;
const entry = (
  seq: number,
  kind: string,
  details: Record<string, unknown> = {},
  summary = '',
): LegalEntryDraft => ({
  seq,
  at: '2026-12-07T03:00:00.000Z',
  kind,
  stage: 'UNIT_RECOMMENDATION',
  step: 'UNIT_REVIEW',
  actorId: 'p-head',
  actorName: 'Lê Văn Hùng',
  summary,
  details,
  rulePackVersion: '1',
});

test('a return for amendment tells the filer and co-authors what to fix, once, not also as a bare task', () => {
  const out = notificationsOf({
    caseId: 'c1',
    state,
    entries: [entry(4, 'AMENDMENT_REQUESTED', { items: ['Bổ sung biên bản'], meanScore: 91 })],
    newTask: {
      key: 'c1:AMENDMENT#5',
      role: 'SUBMITTER',
      personIds: ['p-filer'],
      description: 'Bổ sung',
      dueAt: null,
    },
  });
  expect(out).toHaveLength(1);
  expect(out[0]).toMatchObject({
    key: 'c1:4',
    kind: 'DECISION',
    to: { personIds: ['p-filer', 'p-coauthor'] },
  });
  expect(out[0]!.lines).toEqual(['Nội dung cần bổ sung:', '- Bổ sung biên bản', 'Hạn bổ sung: 18/12/2026']);
  // Details the message does not name (a score here) never reach it.
  expect(JSON.stringify(out)).not.toContain('91');
});

test('a registration gives the register number and the reply date as dd/mm/yyyy', () => {
  const [n] = notificationsOf({
    caseId: 'c1',
    state,
    entries: [entry(6, 'REGISTERED', { registerNo: '12/SK', expectedReplyBy: '2027-01-05T17:00:00.000Z' })],
    newTask: null,
  });
  expect(n!.lines).toEqual(['Số vào sổ tiếp nhận: 12/SK', 'Hẹn trả kết quả trước ngày: 05/01/2027']);
  const m = messageOf(
    n!,
    { initiativeId: 'c1', code: 'SK-2026-0007', title: 'Sổ điểm điện tử' },
    { fullName: 'Trà' },
    {
      baseUrl: 'https://sangkien.xa.vn',
      commune: 'Thanh Thủy',
    },
  );
  expect(m.subject).toBe('[Sáng kiến] Hồ sơ đã được tiếp nhận và vào sổ: SK-2026-0007 – Sổ điểm điện tử');
  expect(m.text).toContain('Xem hồ sơ: https://sangkien.xa.vn/ho-so/c1');
});

test('a new task goes to whoever holds it; an unchanged one and other entries tell nobody', () => {
  const task = {
    key: 'c1:UNIT_REVIEW#2',
    role: 'UNIT_HEAD',
    unitId: 'thcs',
    description: 'Xem xét',
    dueAt: null,
  };
  expect(notificationsOf({ caseId: 'c1', state, entries: [entry(1, 'FILED')], newTask: task })).toMatchObject(
    [{ key: 'task:c1:UNIT_REVIEW#2', kind: 'TASK', to: { role: 'UNIT_HEAD', unitId: 'thcs' } }],
  );
  expect(notificationsOf({ caseId: 'c1', state, entries: [entry(2, 'SCORED')], newTask: null })).toEqual([]);
});

test('a role reaches the people who hold it in that scope', () => {
  const head = { _id: 'p1', roles: ['UNIT_HEAD' as const], unitIds: ['thcs'], councilIds: [] };
  const secretary = { _id: 'p2', roles: ['SECRETARY' as const], unitIds: [], councilIds: [] };
  expect(reaches(head, { role: 'UNIT_HEAD', unitId: 'thcs' })).toBe(true);
  expect(reaches(head, { role: 'UNIT_HEAD', unitId: 'mamnon' })).toBe(false);
  expect(reaches(secretary, { role: 'SECRETARY' })).toBe(true);
  expect(reaches(secretary, { personIds: ['p1'] })).toBe(false);
});

test('retries wait longer each time, up to an hour; the digest goes out at its hour, Vietnam time', () => {
  expect([1, 2, 3, 20].map((n) => retryDelay(n, 30_000))).toEqual([30_000, 60_000, 120_000, 3_600_000]);
  expect(digestInstant(new Date('2026-12-07T20:00:00Z'), 7).toISOString()).toBe('2026-12-08T00:00:00.000Z');
});

test('a step reassigned to a person tells that person, with the reason', () => {
  const reassigned = {
    ...state,
    waitingOn: { role: 'UNIT_HEAD', description: 'Xem xét hồ sơ' },
  } as InitiativeState;
  const [n] = notificationsOf({
    caseId: 'c1',
    state: reassigned,
    entries: [
      entry(9, 'REASSIGNED', { to: { personId: 'p-pho', fullName: 'Phó' }, reason: 'Trưởng đi công tác' }),
    ],
    newTask: null,
  });
  expect(n).toMatchObject({ kind: 'TASK', to: { personIds: ['p-pho'] } });
  expect(n!.lines).toEqual(['Xem xét hồ sơ', 'Lý do: Trưởng đi công tác']);
});
