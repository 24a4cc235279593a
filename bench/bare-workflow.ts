/**
 * A bare workflow for benchmarks: it accepts any update and does nothing else (no state, no activities), so the
 * initiative workflow's cost can be compared with the cost of the messages alone.
 */
import { condition, defineSignal, setDefaultUpdateHandler, setHandler } from '@temporalio/workflow';

/** Ends the bare workflow. */
export const finishSignal = defineSignal('finish');

/** Counts the updates it receives until told to finish. */
export async function bareWorkflow(): Promise<number> {
  let updates = 0;
  let finished = false;
  setDefaultUpdateHandler(() => {
    updates++;
    return null;
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
  return updates;
}
