/** A download that needs the session: the file is fetched as a blob and saved under its name by the page. */
import { useState, type MouseEvent } from 'react';
import { ApiError } from '../api/client';

export function DownloadButton({
  href,
  filename,
  label,
  fetchBlob,
}: {
  /** The file's address (what a plain link would open). */
  href: string;
  filename: string;
  label: string;
  fetchBlob: () => Promise<Blob>;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const url = URL.createObjectURL(await fetchBlob());
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
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
        download={filename}
      >
        {pending ? 'Đang tải…' : label}
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
