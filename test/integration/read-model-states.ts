/** States of synthetic cases, written straight to the read model by the integration tests of its lists. */
import type { InitiativeState } from '../../src/contracts/initiative';

const DAY = 86_400_000;

/** A case's state as its workflow writes it, waiting on `waitingOn` (null: closed with `status`). */
export function stateOf(
  id: string,
  revision: number,
  waitingOn: InitiativeState['waitingOn'],
  opts: { status?: InitiativeState['status']; dueInDays?: number; step?: string; legalSeq?: number } = {},
): InitiativeState {
  const now = Date.now();
  const status = opts.status ?? 'OPEN';
  return {
    initiativeId: id,
    code: `SK-2031-${id.slice(-4)}`,
    dossier: {
      title: `Sáng kiến ${id}`,
      unitId: 'truong-thcs',
      field: 'Giáo dục',
      summary: 'Tóm tắt',
      authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
      firstAppliedOn: '2031-01-01',
    },
    filedBy: {
      personId: 'p-gv-thcs',
      fullName: 'Nguyễn Thị Hương Trà',
      roles: ['SUBMITTER'],
      unitIds: [],
      councilIds: [],
    },
    filedAt: new Date(now - 40 * DAY).toISOString(),
    status,
    stage: status === 'OPEN' ? 'UNIT_RECOMMENDATION' : 'REPLICATION_FOLLOW_UP',
    step: opts.step ?? (status === 'OPEN' ? 'REGISTRATION' : 'CLOSED'),
    waitingOn,
    deadline:
      status === 'OPEN'
        ? {
            key: `${opts.step ?? 'REGISTRATION'}:1`,
            startedAt: new Date(now - 20 * DAY).toISOString(),
            dueAt: new Date(now + (opts.dueInDays ?? -3) * DAY).toISOString(),
            fired: [],
            escalated: false,
            extensions: [],
          }
        : null,
    decisionClock: null,
    calendarProblem: null,
    registration: null,
    rulePackVersion: '2026.1',
    decision: null,
    meanScore: null,
    council: null,
    replication: null,
    effect: null,
    closure:
      status === 'OPEN' ? null : { status, at: new Date(now).toISOString(), by: 'p-chutich', reason: '' },
    stageLog: [{ stage: 'UNIT_RECOMMENDATION', enteredAt: new Date(now - 40 * DAY).toISOString() }],
    legalSeq: opts.legalSeq ?? 0,
    revision,
  } as unknown as InitiativeState;
}
