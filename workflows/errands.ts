/**
 * Errands: work that issues Temporal commands (an activity, a child workflow) on behalf of an Update handler, run by
 * the workflow's own coroutine instead of inside the handler.
 *
 * Why: the fault suite (worker SIGKILLed under load, decisions retried) left a few cases whose history no fresh worker
 * could replay: "[TMPRL1100] Nondeterminism error: Update machine does not handle this event: ActivityTaskScheduled",
 * at the activity the registration handler scheduled right after the update was accepted. The case is then stuck for
 * good (every workflow task fails). It matches known SDK-core issues with commands issued from an update handler in
 * the same workflow task as its acceptance after a lost or timed-out task (temporalio/sdk-rust #943, #1146). Here only
 * one coroutine issues commands from the workflow's own loop, as the recorder already does for every write, and the
 * handler just waits for the errand's result: the same order of commands whether the task is replayed or not.
 */
import { condition } from '@temporalio/workflow';

interface Errand {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** One queue of errands per workflow, run one at a time in the order handlers asked. */
export class Errands {
  private readonly queue: Errand[] = [];

  /** Runs forever: started once, before the workflow's first await (like the recorder). */
  async run(): Promise<never> {
    for (;;) {
      await condition(() => this.queue.length > 0);
      const errand = this.queue.shift()!;
      try {
        errand.resolve(await errand.work());
      } catch (err) {
        errand.reject(err);
      }
    }
  }

  /** Has the workflow's coroutine do `work` and answers with its result (or its failure). */
  do<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }
}
