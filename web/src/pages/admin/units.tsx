/** Quản trị › Đơn vị: the commune's units and the form to add one. */
import { Fragment, useState } from 'react';
import { IdField } from './fields';
import { EditUnit } from './unit-edit';
import { api, call } from '../../api/client';
import { QueryStatus } from '../../components/feedback';
import { Button, Field } from '../../components/forms';
import { UNIT_KIND_VI } from '../../labels';
import { AddCard, useAddForm, useUnits, type UnitKind } from './shared';

const EMPTY_UNIT = { id: '', name: '', kind: 'OFFICE' as UnitKind };

export function UnitsTab() {
  const units = useUnits();
  const [editing, setEditing] = useState<string | null>(null);
  const { form, set, add, done, setDone } = useAddForm({
    storageKey: 'quan-tri:don-vi-moi',
    empty: EMPTY_UNIT,
    invalidate: ['units'],
    send: (f, key) =>
      call(() =>
        api.POST('/api/v1/admin/units', {
          body: { id: f.id.trim(), name: f.name.trim(), kind: f.kind },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    doneText: (r) => `Đã thêm đơn vị ${r.name}.`,
  });
  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">Đơn vị</h2>
      <QueryStatus query={units} what="danh sách đơn vị" />
      {units.data && (
        <table className="responsive">
          <caption className="visually-hidden">Các đơn vị của xã</caption>
          <thead>
            <tr>
              <th scope="col">Tên đơn vị</th>
              <th scope="col">Loại</th>
              <th scope="col">Mã</th>
              <th scope="col">Tình trạng</th>
              <th scope="col">
                <span className="visually-hidden">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {units.data.map((u) => (
              <Fragment key={u.id}>
                <tr>
                  <td data-label="Tên đơn vị">{u.name}</td>
                  <td data-label="Loại">{UNIT_KIND_VI[u.kind as UnitKind] ?? u.kind}</td>
                  <td data-label="Mã">{u.id}</td>
                  <td data-label="Tình trạng">
                    {u.closed ? (
                      <span className="tag tag-bad">Đã đóng</span>
                    ) : (
                      <span className="tag tag-ok">Đang hoạt động</span>
                    )}
                  </td>
                  <td data-label="Thao tác">
                    <button
                      type="button"
                      className="btn btn-secondary"
                      aria-expanded={editing === u.id}
                      onClick={() => setEditing(editing === u.id ? null : u.id)}
                    >
                      {editing === u.id ? 'Đóng' : 'Sửa'}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>
                  </td>
                </tr>
                {editing === u.id && (
                  <tr>
                    <td colSpan={5}>
                      <EditUnit unit={u} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <AddCard
        titleId="add-unit-title"
        title="Thêm đơn vị"
        message={add.message}
        errors={add.errors}
        fieldIds={{ id: 'nu-id', name: 'nu-name' }}
        done={done}
        onSubmit={() => {
          setDone(null);
          void add.submit();
        }}
      >
        <div className="inline-fields">
          <Field label="Tên đơn vị" id="nu-name" error={add.errors['name']} required>
            {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <IdField
            label="Mã đơn vị"
            hint="Chữ thường không dấu, số và dấu gạch ngang, ví dụ truong-tieu-hoc."
            id="nu-id"
            error={add.errors['id']}
            value={form.id}
            onChange={(v) => set('id', v)}
          />
          <Field label="Loại đơn vị" id="nu-kind" error={add.errors['kind']} required>
            {(p) => (
              <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as UnitKind)}>
                {(Object.keys(UNIT_KIND_VI) as UnitKind[]).map((k) => (
                  <option key={k} value={k}>
                    {UNIT_KIND_VI[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Button type="submit" pending={add.pending}>
          Thêm đơn vị
        </Button>
      </AddCard>
    </section>
  );
}
