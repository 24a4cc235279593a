/**
 * The coroutines of histories recorded before the driver (workflows/driver.ts): a recorder that writes the outbox, a
 * timekeeper that waits for the next timer point, and (with the errands patch) an errand runner. Kept unchanged so
 * those histories replay exactly as they were recorded; new cases never run them.
 */
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { InitiativeInput, InitiativeState } from '../src/contracts/initiative';
import type { Case } from './case';
import { resumeInput, writeOutbox } from './driver';
import { timerPoints } from './timer-points';

/** Runs the recorder and the timekeeper until the case closes and every write and handler has finished. */
export async function runLegacyCoroutines(
  c: Case,
  canContinueAsNew: (c: Case) => boolean,
): Promise<InitiativeState> {
  const recorder = new Recorder(c);
  void recorder.run();
  await keepTime(c, recorder, canContinueAsNew);
  await condition(() => recorder.idle && allHandlersFinished());
  return c.state;
}

/** Writes the outbox in order: read model, legal-record entries, the current task. */
class Recorder {
  writing = false;
  private readonly search = { last: '' };
  constructor(private readonly c: Case) {}

  get idle(): boolean {
    return this.c.outbox.length === 0 && !this.writing;
  }

  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.c.outbox.length > 0);
      this.writing = true;
      await writeOutbox(this.c, this.search);
      this.writing = false;
    }
  }
}

/** Waits for the next timer point or a change of state until the case closes; continues as new when history is long. */
async function keepTime(c: Case, recorder: Recorder, canContinueAsNew: (c: Case) => boolean): Promise<void> {
  while (!c.closed) {
    const rev = c.state.revision;
    const next = timerPoints(c).sort((a, b) => a.at - b.at)[0];
    const timeout = next ? Math.max(1, next.at - Date.now()) : undefined;
    const changed = await condition(() => c.state.revision !== rev, timeout);
    if (!changed && next) next.fire();
    if (workflowInfo().continueAsNewSuggested && !c.closed && canContinueAsNew(c)) {
      await condition(() => recorder.idle && allHandlersFinished());
      await continueAsNew<(input: InitiativeInput) => Promise<InitiativeState>>(resumeInput(c));
    }
  }
}
