/** Feedback pieces repeated across the management screens: a query's loading and failure, a "done" notice. */
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

/** What a form just did ("Đã thêm …"), announced politely; nothing when there is nothing to say. */
export function DoneNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="notice notice-ok" role="status">
      {text}
    </p>
  );
}
