/** Quản trị › Hội đồng sáng kiến: each council with its members; the administrator edits them and forms new ones. */
import { useState } from 'react';
import { QueryStatus } from '../../components/feedback';
import { POSITION_VI } from '../../labels';
import { CouncilForm } from './council-form';
import { useCouncils, usePeople } from './shared';

export function CouncilsTab({ canEdit }: { canEdit: boolean }) {
  const councils = useCouncils();
  const people = usePeople(canEdit);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="councils-title">
      <h2 id="councils-title">Hội đồng sáng kiến</h2>
      <QueryStatus query={councils} what="danh sách Hội đồng" />
      {councils.data?.length === 0 && <p>Chưa có Hội đồng nào.</p>}
      {councils.data?.map((c) => (
        <article key={c.id} className="card" aria-labelledby={`council-${c.id}`}>
          <h3 id={`council-${c.id}`}>
            {c.name} <span className="tag tag-muted">Năm {c.year}</span>
          </h3>
          {editing === c.id ? (
            <CouncilForm council={c} people={people.data ?? []} onDone={() => setEditing(null)} />
          ) : (
            <>
              <table className="responsive">
                <caption className="visually-hidden">Thành viên {c.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Họ và tên</th>
                    <th scope="col">Chức danh trong Hội đồng</th>
                  </tr>
                </thead>
                <tbody>
                  {c.members.map((m) => (
                    <tr key={m.personId}>
                      <td data-label="Họ và tên">{m.fullName}</td>
                      <td data-label="Chức danh">{POSITION_VI[m.position] ?? m.position}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="meta">{c.members.length} thành viên</p>
              {canEdit && (
                <button type="button" className="btn btn-secondary" onClick={() => setEditing(c.id)}>
                  Sửa thành viên<span className="visually-hidden"> {c.name}</span>
                </button>
              )}
            </>
          )}
        </article>
      ))}
      {canEdit && (
        <section className="card" aria-labelledby="new-council-title">
          <h2 id="new-council-title">Thành lập Hội đồng thường trực</h2>
          <CouncilForm people={people.data ?? []} />
        </section>
      )}
    </section>
  );
}
