/** The initiative workflow: one durable workflow per initiative, from filing to a terminal state. */
import { condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { getStateQuery, type InitiativeInput, type InitiativeState } from '../src/contracts/initiative';
import { stageKey, statusKey, unitKey } from '../src/contracts/search-attributes';
import { records } from './activity-proxies';

/** Runs one initiative. The walking skeleton files the case and waits for the unit head's review. */
export async function initiativeWorkflow(input: InitiativeInput): Promise<InitiativeState> {
  const state: InitiativeState = {
    initiativeId: input.initiativeId,
    status: 'OPEN',
    stage: 'UNIT_RECOMMENDATION',
    step: 'UNIT_REVIEW',
    waitingOn: {
      role: 'UNIT_HEAD',
      unitId: input.dossier.unitId,
      description: 'Thủ trưởng đơn vị xem xét hồ sơ',
    },
    dossier: input.dossier,
    filedBy: input.filedBy,
    filedAt: input.filedAt,
    revision: 1,
  };
  setHandler(getStateQuery, () => state);
  upsertSearchAttributes([
    { key: stageKey, value: state.stage },
    { key: statusKey, value: state.status },
    { key: unitKey, value: input.dossier.unitId },
  ]);

  await records.recordCaseState({ state });

  // The later stages arrive with the life-cycle work; until then the case waits for its unit review.
  await condition(() => state.status !== 'OPEN');
  return state;
}
