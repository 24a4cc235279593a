/** Quản trị › Người dùng: everyone with their roles, scopes and state; each row opens its edit form. */
import { useState } from 'react';
import { QueryStatus } from '../../components/feedback';
import { ROLE_VI } from '../../labels';
import { AddPerson } from './person-add';
import { PeopleImport } from './people-import';
import { EditPerson } from './person-edit';
import { useCouncils, usePeople, useUnits, type Council, type Person, type Unit } from './shared';

export function PeopleTab() {
  const people = usePeople();
  const units = useUnits();
  const councils = useCouncils();
  const [editing, setEditing] = useState<string | null>(null);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const councilName = (id: string) => councils.data?.find((c) => c.id === id)?.name ?? id;

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">Người dùng</h2>
      <QueryStatus query={people} what="danh sách người dùng" />
      {people.data && (
        <table className="responsive people-table">
          <caption className="visually-hidden">Người dùng, vai trò và phạm vi</caption>
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Vai trò</th>
              <th scope="col">Phạm vi</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">
                <span className="visually-hidden">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((p) => (
              <PersonRow
                key={p.id}
                person={p}
                unitName={unitName}
                councilName={councilName}
                editing={editing === p.id}
                onEdit={() => setEditing(editing === p.id ? null : p.id)}
                onClose={() => setEditing(null)}
                units={units.data ?? []}
                councils={councils.data ?? []}
              />
            ))}
          </tbody>
        </table>
      )}
      <AddPerson units={units.data ?? []} councils={councils.data ?? []} />
      <PeopleImport />
    </section>
  );
}

function PersonRow({
  person: p,
  unitName,
  councilName,
  editing,
  onEdit,
  onClose,
  units,
  councils,
}: {
  person: Person;
  unitName: (id: string) => string;
  councilName: (id: string) => string;
  editing: boolean;
  onEdit: () => void;
  onClose: () => void;
  units: Unit[];
  councils: Council[];
}) {
  const scopes = [...p.unitIds.map(unitName), ...p.councilIds.map(councilName)];
  return (
    <>
      <tr className={p.active ? undefined : 'locked-row'}>
        <td data-label="Họ và tên" className="person-name">
          <strong>{p.fullName}</strong>
          <div className="meta">
            <span>{p.username}</span>
            <span>mã {p.id}</span>
          </div>
        </td>
        <td data-label="Vai trò">{p.roles.map((r) => ROLE_VI[r]).join(', ')}</td>
        <td data-label="Phạm vi">{scopes.length ? scopes.join('; ') : '—'}</td>
        <td data-label="Trạng thái">
          {p.active ? (
            <span className="tag tag-ok">Đang hoạt động</span>
          ) : (
            <span className="tag tag-bad">Đã khóa</span>
          )}
        </td>
        <td data-label="Thao tác">
          <button type="button" className="btn btn-secondary" aria-expanded={editing} onClick={onEdit}>
            {editing ? 'Đóng' : 'Sửa'}
            <span className="visually-hidden"> {p.fullName}</span>
          </button>
        </td>
      </tr>
      {editing && (
        <tr className="edit-row">
          <td colSpan={5}>
            <EditPerson person={p} units={units} councils={councils} onClose={onClose} />
          </td>
        </tr>
      )}
    </>
  );
}
