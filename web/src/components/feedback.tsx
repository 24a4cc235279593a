/** Feedback pieces repeated across the management screens: a query's loading and failure, a "done" notice. */
import type { ReactNode } from 'react';
import { Failure, Loading } from './layout';

/** The parts of a query result the states below read (a `useQuery` result fits). */
interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/** "Đang tải …" while the query loads, and its failure with "Thử lại". */
export function QueryStatus({ query, what }: { query: QueryLike; what: string }) {
  return (
    <>
      {query.isPending && <Loading what={what} />}
      {query.isError && <Failure error={query.error} retry={() => void query.refetch()} />}
    </>
  );
}

/**
 * A query's list: "Đang tải …" while it loads, its failure (with "Thử lại" when `retry`), the `empty` text, or the
 * items as `children` lays them out.
 */
export function QueryItems<T>({
  query,
  what,
  retry,
  empty,
  children,
}: {
  query: QueryLike & { data?: { items: T[] } | undefined };
  what: string;
  retry?: boolean;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError || !query.data)
    return <Failure error={query.error} {...(retry ? { retry: () => void query.refetch() } : {})} />;
  return query.data.items.length === 0 ? empty : children(query.data.items);
}

/** What a form just did ("Đã thêm …"), announced politely; nothing when there is nothing to say. */
export function DoneNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="notice notice-ok" role="status">
      {text}
    </p>
  );
}
