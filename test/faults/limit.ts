/** Bounded concurrency for the suite: the cases are driven, and the checks query, a few at a time. */

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}
