/** The app's one query cache, and how a decision's answer goes into it before anything is read again. */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

export const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (count, err) =>
        count < 2 && !(err instanceof ApiError && err.problem.status < 500 && err.problem.status > 0),
      refetchOnWindowFocus: true,
    },
  },
});

/** A decision's answer: the state it left (already stored) and the actions now open to the person. */
export interface DecisionAnswer {
  state: { revision: number };
  available: unknown;
}

/** Shows a decision's result on the case page at once, from its answer (a read after it is never older). */
export function showAnswer(id: string, answer: DecisionAnswer): void {
  queries.setQueryData(['case', id], (old: { revision?: number } | undefined) =>
    old && (old.revision ?? -1) <= answer.state.revision
      ? { ...old, ...answer.state, available: answer.available }
      : old,
  );
}
