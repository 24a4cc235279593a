/** Sending again a decision the case refused for now. Free of browser APIs, so a plain unit test can run it. */

/** What a typed call returns: its answer's status and, for a problem, its body. */
export interface Answer {
  error?: unknown;
  response: { status: number };
}

/**
 * A decision the case refused for now (503 CASE_BUSY: it was being updated, and the decision left no trace) is sent
 * again after 0.5, 1 and 1.5 s; any other answer is returned as it is. The caller's request keeps its Idempotency-Key,
 * so the gateway applies it at most once.
 */
export async function againWhileBusy<A extends Answer>(
  first: A,
  send: () => Promise<A>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<A> {
  let answer = first;
  for (let retry = 1; retry <= 3 && isBusy(answer); retry++) {
    await wait(retry * 500);
    answer = await send();
  }
  return answer;
}

function isBusy(answer: Answer): boolean {
  return (
    answer.response.status === 503 && (answer.error as { code?: unknown } | undefined)?.code === 'CASE_BUSY'
  );
}
