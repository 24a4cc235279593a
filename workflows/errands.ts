/**
 * Errands: work that issues Temporal commands (an activity, a child workflow) on behalf of an Update handler, run by
 * the workflow's own coroutine instead of inside the handler.
 *
 * Why: the fault suite (worker SIGKILLed under load, decisions retried) left a few cases whose history no fresh worker
 * could replay: "[TMPRL1100] Nondeterminism error: Update machine does not handle this event: ActivityTaskScheduled".
 * In those histories the workflow task that accepted the registration update had scheduled two activities: the
 * handler's own (registerDossier, issued while the update job was processed) and the recorder's write (issued when its
 * condition was checked after the jobs). Their order depends on how jobs are grouped into activations, which differs
 * when a task is replayed after a lost or timed-out one (known SDK-core issues: temporalio/sdk-rust #943, #1146), and
 * a case whose history cannot be replayed is stuck for good. An errand is issued at condition-check time too, by the
 * workflow's own coroutine, like the recorder's writes; the handler only waits for the result.
 */
import { condition } from '@temporalio/workflow';

export interface Errand {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** One queue of errands per workflow, run one at a time in the order handlers asked. */
export class Errands {
  private readonly queue: Errand[] = [];

  /** Runs forever: started once, before the workflow's first await (like the recorder); histories before the driver. */
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

  /** Errands waiting to be started. */
  get size(): number {
    return this.queue.length;
  }

  /** The next errand, for a caller that runs it itself (the driver, workflows/driver.ts). */
  take(): Errand | undefined {
    return this.queue.shift();
  }

  /** Has the workflow's coroutine do `work` and answers with its result (or its failure). */
  do<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }
}
