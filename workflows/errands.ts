/**
 * Errands: work that issues Temporal commands (an activity, a child workflow) on behalf of an Update handler. The
 * handler asks and waits for the result; the driver (workflows/driver.ts), the one coroutine that issues commands,
 * starts the work in its fixed order.
 */
export interface Errand {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** One queue of errands per workflow, started one at a time in the order handlers asked. */
export class Errands {
  private readonly queue: Errand[] = [];

  /** Errands waiting to be started. */
  get size(): number {
    return this.queue.length;
  }

  /** The next errand, for the driver to run. */
  take(): Errand | undefined {
    return this.queue.shift();
  }

  /** Has the driver do `work` and answers with its result (or its failure). */
  do<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }
}
