/** The case page's record and files: the legal record as a timeline, issued documents and attachments. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InitiativeState } from '../../../src/contracts/initiative';
import { api, call, download } from '../api/client';
import { formatDateTime, formatNumber, humanizeDates } from '../format';
import { Failure, Loading } from './layout';
import { QueryItems } from './feedback';

/** The legal record as a readable timeline (newest last), with the chain's verification. */
export function RecordTimeline({ id }: { id: string }) {
  const record = useQuery({
    queryKey: ['record', id],
    queryFn: () => call(() => api.GET('/api/v1/initiatives/{id}/record', { params: { path: { id } } })),
  });
  const [all, setAll] = useState(false);
  if (record.isPending) return <Loading what="diễn biến" />;
  if (record.isError) return <Failure error={record.error} />;
  const entries = all ? record.data.entries : record.data.entries.slice(-12);
  return (
    <section className="card" aria-labelledby="h-record">
      <h2 id="h-record">Diễn biến hồ sơ</h2>
      <p className={`tag ${record.data.verified ? 'tag-ok' : 'tag-bad'}`}>
        {record.data.verified ? 'Nhật ký toàn vẹn (chuỗi băm khớp)' : 'Cảnh báo: chuỗi băm không khớp'}
      </p>
      {record.data.entries.length > entries.length && (
        <p>
          <button type="button" className="btn btn-link" onClick={() => setAll(true)}>
            Xem cả {record.data.entries.length} mục
          </button>
        </p>
      )}
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            <div>
              {humanizeDates(e.summary)}
              {e.actorName ? <span className="meta"> — {e.actorName}</span> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Issued documents (PDF/DOCX) and attachments, downloaded with the session's token. */
export function FilesSection({ state }: { state: InitiativeState }) {
  const id = state.initiativeId;
  const docs = useQuery({
    queryKey: ['documents', id, state.legalSeq],
    queryFn: () => call(() => api.GET('/api/v1/initiatives/{id}/documents', { params: { path: { id } } })),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const get = (url: string, name: string) =>
    void download(url, name).catch((err: unknown) =>
      setProblem(err instanceof Error ? err.message : 'Không tải được.'),
    );
  return (
    <section className="card" aria-labelledby="h-files">
      <h2 id="h-files">Văn bản và tệp đính kèm</h2>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <h3>Văn bản đã ban hành</h3>
      <QueryItems query={docs} what="văn bản" empty={<p>Chưa có văn bản.</p>}>
        {(items) => (
          <ul className="list">
            {items.map((d) => (
              <li key={d.id}>
                <strong>{d.title}</strong> {d.number && <span className="meta">Số {d.number}</span>}{' '}
                {d.revoked && <span className="tag tag-bad">Đã hủy bỏ</span>}
                <div className="meta">
                  <span>Ban hành {formatDateTime(d.issuedAt)}</span>
                </div>
                <div className="actions-row">
                  {(['pdf', 'docx'] as const).map((f) => (
                    <button
                      key={f}
                      type="button"
                      className="btn btn-secondary"
                      onClick={() =>
                        get(
                          `/api/v1/initiatives/${encodeURIComponent(id)}/documents/${encodeURIComponent(d.id)}/${f}`,
                          `${d.title}.${f}`,
                        )
                      }
                    >
                      Tải {f.toUpperCase()}
                      <span className="visually-hidden"> {d.title}</span>
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryItems>
      <h3>Tệp đính kèm</h3>
      {(state.attachments ?? []).length === 0 ? (
        <p>Chưa có tệp đính kèm.</p>
      ) : (
        <ul className="list">
          {state.attachments!.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="btn btn-link"
                onClick={() =>
                  get(
                    `/api/v1/initiatives/${encodeURIComponent(id)}/attachments/${encodeURIComponent(a.id)}`,
                    a.filename,
                  )
                }
              >
                {a.filename}
              </button>{' '}
              <span className="meta">
                <span>{formatNumber(Math.ceil(a.size / 1024))} KB</span>
                <span>{formatDateTime(a.at)}</span>
                {a.confidential && <span>bảo mật</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
