/** A download link for an issued report (PDF or DOCX). */
import { useState, type MouseEvent } from 'react';
import { api, ApiError, call } from '../../api/client';

/** A download link for the issued report: the file needs the session, so it is fetched and saved by the page. */
export function DownloadLink({ docId, format }: { docId: string; format: 'pdf' | 'docx' }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const href = `/api/v1/reports/documents/${encodeURIComponent(docId)}/${format}`;
  const click = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const blob = await call(() =>
        api.GET('/api/v1/reports/documents/{docId}/{format}', {
          params: { path: { docId, format } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `bao-cao-tong-ket.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không tải được tệp.');
    } finally {
      setPending(false);
    }
  };
  return (
    <span>
      <a
        href={href}
        className="btn btn-secondary"
        onClick={(e) => void click(e)}
        aria-busy={pending || undefined}
      >
        {pending ? 'Đang tải…' : `Tải ${format.toUpperCase()}`}
      </a>
      {error && (
        <span className="error-message" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
