/** Cases and people for the permission tests: a case at any step, in several shapes. */
import type { Actor, InitiativeState, Role, Step } from '../../src/contracts/initiative';
import { STEPS } from '../../src/contracts/initiative';

export const person = (personId: string, roles: Role[], unitIds: string[] = []): Actor => ({
  personId,
  fullName: personId,
  roles,
  unitIds,
  councilIds: [],
});

export const people = {
  author: person('author-1', ['SUBMITTER'], ['truong-thcs']),
  /** An author with an account who sits on the council and has no other role. */
  councilAuthor: person('author-2', ['COUNCIL_MEMBER']),
  unitHead: person('head-thcs', ['UNIT_HEAD'], ['truong-thcs']),
  otherUnitHead: person('head-tyt', ['UNIT_HEAD'], ['tram-y-te']),
  secretary: person('secretary-1', ['SECRETARY', 'COUNCIL_MEMBER']),
  otherSecretary: person('secretary-2', ['SECRETARY']),
  chairman: person('chairman-1', ['CHAIRMAN', 'COUNCIL_MEMBER']),
  member: person('member-1', ['COUNCIL_MEMBER']),
  recusedMember: person('member-2', ['COUNCIL_MEMBER']),
  supervisor: person('supervisor-1', ['SUPERVISOR']),
  standIn: person('stand-in', []),
  outsider: person('outsider', ['ADMIN']),
};

export const council = {
  councilId: 'hdsk-2026',
  members: [
    { personId: 'chairman-1', fullName: 'chairman-1', position: 'CHAIR' as const },
    { personId: 'secretary-1', fullName: 'secretary-1', position: 'SECRETARY' as const },
    { personId: 'member-1', fullName: 'member-1', position: 'MEMBER' as const },
    { personId: 'member-2', fullName: 'member-2', position: 'MEMBER' as const },
    { personId: 'author-2', fullName: 'author-2', position: 'UNION_REP' as const },
  ],
  recused: ['author-2', 'member-2'],
  formedAt: '2026-01-20T00:00:00.000Z',
};

export const deadline = {
  key: 'k#1',
  startedAt: '2026-01-20T00:00:00.000Z',
  dueAt: '2026-02-20T00:00:00.000Z',
  fired: [],
  escalated: false,
  extensions: [],
};

export const STAGE_OF: Record<Step, InitiativeState['stage']> = {
  UNIT_REVIEW: 'UNIT_RECOMMENDATION',
  AMENDMENT: 'UNIT_RECOMMENDATION',
  REGISTRATION: 'UNIT_RECOMMENDATION',
  FORMAL_CHECK: 'UNIT_RECOMMENDATION',
  COUNCIL_FORMATION: 'COUNCIL_EVALUATION',
  SCORING: 'COUNCIL_EVALUATION',
  MEETING: 'COUNCIL_EVALUATION',
  EFFECT_REPORTING: 'EFFECT_TRACKING',
  EFFECT_CONFIRMATION: 'EFFECT_TRACKING',
  DECISION: 'REWARD_DECISION',
  APPEAL_WINDOW: 'REWARD_DECISION',
  REPLICATION: 'REPLICATION_FOLLOW_UP',
  CLOSED: 'REPLICATION_FOLLOW_UP',
};

/** A case of the unit `truong-thcs` filed by author-1 (co-author author-2), at `step`. */
export function caseAt(step: Step, patch: Partial<InitiativeState> = {}): InitiativeState {
  const later = STEPS.indexOf(step) >= STEPS.indexOf('SCORING');
  return {
    initiativeId: 'sk-1',
    status: step === 'CLOSED' ? 'COMPLETED' : 'OPEN',
    stage: STAGE_OF[step],
    step,
    waitingOn: step === 'CLOSED' ? null : { role: 'UNIT_HEAD', description: 'Người phải xử lý' },
    deadline: null,
    calendarProblem: null,
    dossier: {
      title: 'Sổ điểm điện tử',
      field: 'Giáo dục',
      summary: 'Mô tả',
      firstAppliedOn: '2025-12-01',
      unitId: 'truong-thcs',
      authors: [
        { personId: 'author-1', fullName: 'author-1', sharePercent: 60 },
        { personId: 'author-2', fullName: 'author-2', sharePercent: 30 },
        { fullName: 'Không có tài khoản', sharePercent: 10 },
      ],
    },
    dossierVersion: 1,
    filedBy: people.author,
    filedAt: '2026-01-05T00:00:00.000Z',
    rulePackVersion: 'test',
    amendment: null,
    registration: null,
    acceptedAt: null,
    decisionClock: null,
    council: later ? council : null,
    scores: {},
    scoresRevealed: false,
    meetings: [],
    councilRecommended: null,
    meanScore: null,
    effect: STEPS.indexOf(step) >= STEPS.indexOf('EFFECT_REPORTING') ? effect() : null,
    decision: null,
    appeal: null,
    remunerationSchedule: [],
    replication:
      step === 'REPLICATION'
        ? { startedAt: '2026-05-01T00:00:00.000Z', targets: [], similarUnitsTotal: null, checkpoints: [] }
        : null,
    closure: null,
    reminders: 0,
    escalations: 0,
    stageLog: [],
    history: [],
    legalSeq: 0,
    revision: 1,
    ...patch,
  };
}

export function effect(
  patch: Partial<NonNullable<InitiativeState['effect']>> = {},
): InitiativeState['effect'] {
  return {
    startedAt: '2026-02-01T00:00:00.000Z',
    trackingEndsAt: '2026-04-01T00:00:00.000Z',
    nextReportDueAt: null,
    reports: [],
    firstApplicationCompletedAt: null,
    verdict: null,
    confirmedAt: null,
    missedReports: 0,
    ...patch,
  };
}

export const reassignedTo = (s: InitiativeState, who: Actor): InitiativeState => ({
  ...s,
  waitingOn: { ...s.waitingOn!, assignee: { personId: who.personId, fullName: who.fullName } },
});

/** Cases at every step in several shapes: reassigned, with deadlines, scored, reported, decided. */
export function variety(): InitiativeState[] {
  const out: InitiativeState[] = [];
  for (const step of STEPS) {
    const s = caseAt(step);
    out.push(
      s,
      { ...s, waitingOn: null },
      reassignedTo(s, people.standIn),
      { ...s, deadline, decisionClock: deadline },
      { ...s, decision: { outcome: 'REFUSED' } as InitiativeState['decision'] },
      {
        ...s,
        scores: { 'member-1': { scores: {}, total: 80, submittedAt: '2026-01-21T00:00:00.000Z' } },
        effect: s.effect && effect({ reports: [{} as never], firstApplicationCompletedAt: '2026-02-10' }),
      },
    );
  }
  return out;
}
