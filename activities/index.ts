/** Activities: the side effects of the initiative workflow, built from injected dependencies (worker.ts composes). */
import type { InitiativeState } from '../src/contracts/initiative';
import type { CaseRepository } from '../src/db/cases';

/** What the activities need from the outside world. */
export interface ActivityDeps {
  cases: CaseRepository;
}

/** Input of recordCaseState. */
export interface RecordCaseStateInput {
  state: InitiativeState;
}

/** Result of recordCaseState. */
export interface RecordCaseStateResult {
  /** False when the same or a newer revision was already stored (a retry or a replay). */
  written: boolean;
}

/** Creates the activity functions bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    /** Writes the case's read-model document; idempotent by revision. */
    async recordCaseState(input: RecordCaseStateInput): Promise<RecordCaseStateResult> {
      const written = await deps.cases.upsertState(input.state);
      return { written };
    },
  };
}

/** The activity interface, for proxyActivities in workflow code. */
export type Activities = ReturnType<typeof createActivities>;
