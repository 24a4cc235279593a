/** Filters and choices kept in the address, so a reload and "back" keep them. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Sets one parameter of the address (an empty value removes it), keeping the others, without a new history entry.
 * Returns the current parameters and the setter.
 */
export function useSearchParam() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (key: string, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, set, setParams] as const;
}
