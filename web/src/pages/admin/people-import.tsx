/** Quản trị › Người dùng › Nhập từ bảng tính: the template, the upload, and each row's result. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, newKey, upload, type Problem } from '../../api/client';
import { DownloadButton } from '../../components/download';
import { Button, Field } from '../../components/forms';

interface Imported {
  imported: number;
  units: { id: string; name: string }[];
  people: { row: number; personId: string; username: string; link: string; mailedTo: string | null }[];
}

export function PeopleImport() {
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const send = async () => {
    if (!file || pending) return;
    setPending(true);
    setDone(null);
    setProblem(null);
    try {
      const form = new FormData();
      form.append('file', file);
      setDone((await upload('/api/v1/admin/people/import', form, newKey(), () => undefined)) as Imported);
      setFile(null);
      setInputKey((k) => k + 1);
      await queries.invalidateQueries({ queryKey: ['admin', 'people'] });
      await queries.invalidateQueries({ queryKey: ['units'] });
    } catch (err) {
      setProblem(
        err instanceof ApiError ? err.problem : { status: 0, code: 'ERROR', detail: 'Không tải lên được.' },
      );
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="card" aria-labelledby="import-h">
      <h3 id="import-h">Nhập người dùng và đơn vị từ bảng tính</h3>
      <p className="hint">
        Mỗi dòng một người; đơn vị mới ghi ở trang “Đơn vị mới” và người dùng ghi được ngay đơn vị đó. Một
        dòng có lỗi thì chưa nhập gì; người được nhập nhận liên kết tự đặt mật khẩu (7 ngày) qua thư điện tử.
      </p>
      <p>
        <DownloadButton
          href="/api/v1/admin/people/import-template.xlsx"
          filename="mau-nhap-nguoi-dung.xlsx"
          label="Tải bảng tính mẫu"
          fetchBlob={() =>
            call(() => api.GET('/api/v1/admin/people/import-template.xlsx', { parseAs: 'blob' }))
          }
        />
      </p>
      <Field label="Bảng tính (.xlsx)" id="import-file">
        {(p) => (
          <input
            {...p}
            key={inputKey}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <div className="actions-row">
        <Button onClick={() => void send()} pending={pending} pendingText="Đang nhập…" disabled={!file}>
          Nhập người dùng
        </Button>
      </div>
      {problem && (
        <div className="error-summary" role="alert">
          <h4>Chưa nhập được</h4>
          <p>{problem.detail}</p>
          {problem.rows && (
            <table>
              <thead>
                <tr>
                  <th scope="col">Trang, dòng</th>
                  <th scope="col">Tên đăng nhập hoặc mã đơn vị</th>
                  <th scope="col">Lỗi</th>
                </tr>
              </thead>
              <tbody>
                {problem.rows.map((r) => (
                  <tr key={`${r.sheet ?? ''}:${r.row}`}>
                    <td>
                      {r.sheet ?? 'Người dùng'}, dòng {r.row}
                    </td>
                    <td>{r.username ?? ''}</td>
                    <td>{r.errors.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {done && (
        <div className="notice notice-ok" role="status">
          <p>
            Đã nhập {done.imported} người dùng
            {done.units.length > 0
              ? ` và ${done.units.length} đơn vị (${done.units.map((u) => u.name).join(', ')})`
              : ''}
            .
          </p>
          <ul>
            {done.people.map((p) => (
              <li key={p.personId}>
                Dòng {p.row}: {p.username} —{' '}
                {p.mailedTo ? (
                  `đã gửi liên kết đặt mật khẩu tới ${p.mailedTo}`
                ) : (
                  <>
                    chưa có thư điện tử, hãy trao liên kết: <code>{p.link}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
