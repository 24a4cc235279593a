/**
 * The case page's record and files: the legal record as a timeline, issued documents and attachments (each current
 * file with the earlier versions it replaced, and a form to replace it while the dossier may be amended).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { AttachmentRef } from '../../../src/contracts/initiative';
import { api, call, download, upload } from '../api/client';
import { formatDateTime, formatNumber, humanizeDates } from '../format';
import type { CaseView } from './actions/shared';
import { Button, ErrorSummary, Field, useAction } from './forms';
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

/** The versions a file replaced, newest first. */
function earlierVersions(a: AttachmentRef, byId: Map<string, AttachmentRef>): AttachmentRef[] {
  const out: AttachmentRef[] = [];
  for (let p = a.replaces ? byId.get(a.replaces) : undefined; p && !out.includes(p);) {
    out.push(p);
    p = p.replaces ? byId.get(p.replaces) : undefined;
  }
  return out;
}

/** Issued documents (PDF/DOCX) and attachments, downloaded with the session's token. */
export function FilesSection({ state, onDone }: { state: CaseView; onDone: (text: string) => void }) {
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
  const all = state.attachments ?? [];
  const byId = new Map(all.map((a) => [a.id, a]));
  const current = all.filter((a) => !a.replacedBy);
  const mayReplace = state.available.actions.includes('attachment-replacement');
  const fileUrl = (a: AttachmentRef) =>
    `/api/v1/initiatives/${encodeURIComponent(id)}/attachments/${encodeURIComponent(a.id)}`;
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
      {mayReplace && current.length > 0 && (
        <p className="hint">
          Hồ sơ đang được trả lại để bổ sung: bạn có thể thay tệp bằng phiên bản mới; tệp cũ vẫn được lưu
          trong hồ sơ.
        </p>
      )}
      {current.length === 0 ? (
        <p>Chưa có tệp đính kèm.</p>
      ) : (
        <ul className="list" aria-label="Tệp đính kèm hiện hành">
          {current.map((a) => {
            const older = earlierVersions(a, byId);
            return (
              <li key={a.id}>
                <button type="button" className="btn btn-link" onClick={() => get(fileUrl(a), a.filename)}>
                  {a.filename}
                </button>{' '}
                <span className="meta">
                  <span>{formatNumber(Math.ceil(a.size / 1024))} KB</span>
                  <span>{formatDateTime(a.at)}</span>
                  {a.confidential && <span>bảo mật</span>}
                  {older.length > 0 && <span>phiên bản {older.length + 1}</span>}
                </span>
                {older.length > 0 && (
                  <div className="versions">
                    <p className="meta">Phiên bản trước (vẫn được lưu trong hồ sơ):</p>
                    <ul aria-label={`Phiên bản trước của ${a.filename}`}>
                      {older.map((o) => (
                        <li key={o.id}>
                          <button
                            type="button"
                            className="btn btn-link"
                            onClick={() => get(fileUrl(o), o.filename)}
                          >
                            {o.filename}
                          </button>{' '}
                          <span className="tag">Đã được thay</span>{' '}
                          <span className="meta">
                            <span>
                              Thay lúc {formatDateTime(o.replacedBy!.at)} bởi {o.replacedBy!.byName}
                            </span>
                            {o.replacedBy!.reason && <span>Lý do: {o.replacedBy!.reason}</span>}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {mayReplace && <ReplaceFile caseId={id} file={a} onDone={onDone} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Replacing one file by a newer version: a button that opens a small form (file, optional reason). */
function ReplaceFile({
  caseId,
  file,
  onDone,
}: {
  caseId: string;
  file: AttachmentRef;
  onDone: (text: string) => void;
}) {
  const uid = useId();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const action = useAction(async (key) => {
    const form = new FormData();
    if (reason.trim()) form.append('reason', reason.trim());
    form.append('file', chosen!);
    setProgress(0);
    try {
      await upload(
        `/api/v1/initiatives/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(file.id)}/replacement`,
        form,
        key,
        setProgress,
      );
    } finally {
      setProgress(null);
    }
    return chosen!.name;
  });
  const errors: Record<string, string> = { ...(missing ? { file: missing } : {}), ...action.errors };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setMissing('Chọn tệp thay thế');
      action.setMessage('Còn trường chưa hợp lệ; chưa gửi.');
      return;
    }
    setMissing(null);
    const name = await action.submit();
    if (name === undefined) return;
    setOpen(false);
    void queries.invalidateQueries({ queryKey: ['case', caseId] });
    void queries.invalidateQueries({ queryKey: ['record', caseId] });
    onDone(`Đã thay tệp "${file.filename}" bằng "${name}". Tệp cũ vẫn được lưu trong hồ sơ.`);
  };
  if (!open)
    return (
      <div>
        <Button variant="secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          Thay tệp<span className="visually-hidden"> {file.filename}</span>
        </Button>
      </div>
    );
  return (
    <form
      className="card action"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={`Thay tệp ${file.filename}`}
    >
      <ErrorSummary
        message={action.message}
        errors={errors}
        fieldIds={Object.fromEntries(Object.keys(errors).map((k) => [k, `${uid}-${k}`]))}
      />
      <Field label={`Tệp mới thay cho "${file.filename}"`} error={errors['file']} id={`${uid}-file`} required>
        {(p) => <input {...p} type="file" onChange={(e) => setChosen(e.target.files?.[0] ?? null)} />}
      </Field>
      <Field
        label="Lý do thay"
        hint="Không bắt buộc; được ghi vào nhật ký hồ sơ."
        error={errors['reason']}
        id={`${uid}-reason`}
      >
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      {progress !== null && (
        <p>
          <label htmlFor={`${uid}-progress`}>Đang tải lên {Math.round(progress * 100)}%</label>
          <progress id={`${uid}-progress`} className="progress" max={1} value={progress} />
        </p>
      )}
      <div className="actions-row">
        <Button type="submit" pending={action.pending}>
          Tải lên tệp thay thế
        </Button>
        <Button variant="secondary" aria-expanded onClick={() => setOpen(false)}>
          Hủy
        </Button>
      </div>
    </form>
  );
}
