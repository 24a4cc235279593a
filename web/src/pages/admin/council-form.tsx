/** Quản trị › Hội đồng sáng kiến: the form that forms a council or edits one's name and members. */
import { IdField } from './fields';
import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { DoneNotice } from '../../components/feedback';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from '../../components/forms';
import { POSITION_VI } from '../../labels';
import { firstSegment, POSITIONS, type Council, type Person, type Position } from './shared';

interface MemberDraft {
  personId: string;
  position: Position;
}

/** Creates a council (no `council`) or edits one's name and members; at least 3 members. */
export function CouncilForm({
  council,
  people,
  onDone,
}: {
  council?: Council;
  people: Person[];
  onDone?: () => void;
}) {
  const queries = useQueryClient();
  const thisYear = new Date().getFullYear();
  const initial = {
    id: '',
    name: council?.name ?? `Hội đồng sáng kiến năm ${thisYear}`,
    year: String(council?.year ?? thisYear),
    members: council?.members.map((m) => ({ personId: m.personId, position: m.position as Position })) ?? [
      { personId: '', position: 'CHAIR' },
      { personId: '', position: 'SECRETARY' },
      { personId: '', position: 'MEMBER' },
    ],
  };
  const [form, setForm, clear] = usePersistentState(`quan-tri:hoi-dong:${council?.id ?? 'moi'}`, initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const base = `council-form-${council?.id ?? 'new'}`;
  const active = useMemo(() => people.filter((p) => p.active), [people]);

  const setMember = (i: number, m: Partial<MemberDraft>) =>
    setForm((f) => ({ ...f, members: f.members.map((x, j) => (j === i ? { ...x, ...m } : x)) }));

  const save = useAction(async (key) => {
    const members = form.members.map((m) => ({ personId: m.personId, position: m.position }));
    const r = council
      ? await call(() =>
          api.PATCH('/api/v1/admin/councils/{id}', {
            params: { path: { id: council.id } },
            body: { name: form.name.trim(), members },
          }),
        )
      : await call(() =>
          api.POST('/api/v1/admin/councils', {
            body: { id: form.id.trim(), name: form.name.trim(), year: Number(form.year), members },
            headers: { 'Idempotency-Key': key },
          }),
        );
    await queries.invalidateQueries({ queryKey: ['admin'] });
    clear();
    if (!council) {
      setForm(initial);
      setDone(`Đã thành lập ${r.name} với ${r.members.length} thành viên.`);
    }
    onDone?.();
    return r;
  });
  const submit = () => {
    const errs: Record<string, string> = {};
    const chosen = form.members.filter((m) => m.personId);
    if (chosen.length < 3) errs['members'] = 'Hội đồng cần ít nhất 3 thành viên';
    else if (chosen.length !== form.members.length)
      errs['members'] = 'Chọn người cho mỗi dòng, hoặc bỏ dòng trống';
    else if (new Set(chosen.map((m) => m.personId)).size !== chosen.length)
      errs['members'] = 'Mỗi người chỉ giữ một chức danh trong Hội đồng';
    if (!form.members.some((m) => m.position === 'CHAIR')) errs['members'] ??= 'Cần có Chủ tịch Hội đồng';
    setLocal(errs);
    setDone(null);
    if (Object.keys(errs).length === 0) void save.submit();
  };
  const errors = { ...firstSegment(save.errors), ...local };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ErrorSummary
        message={save.message}
        errors={errors}
        fieldIds={{
          id: `${base}-id`,
          name: `${base}-name`,
          year: `${base}-year`,
          members: `${base}-members`,
        }}
      />
      <DoneNotice text={done} />
      <div className="inline-fields">
        <Field label="Tên Hội đồng" id={`${base}-name`} error={errors['name']} required>
          {(p) => (
            <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          )}
        </Field>
        {!council && (
          <>
            <IdField
              label="Mã Hội đồng"
              hint="Chữ thường không dấu, ví dụ hdsk-2027."
              id={`${base}-id`}
              error={errors['id']}
              value={form.id}
              onChange={(v) => setForm({ ...form, id: v })}
            />
            <Field label="Năm" id={`${base}-year`} error={errors['year']} required>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={2000}
                  max={2100}
                  value={form.year}
                  onChange={(e) => setForm({ ...form, year: e.target.value })}
                />
              )}
            </Field>
          </>
        )}
      </div>
      <fieldset
        id={`${base}-members`}
        tabIndex={-1}
        className={errors['members'] ? 'field-error' : undefined}
        aria-describedby={errors['members'] ? `${base}-members-error` : undefined}
      >
        <legend>Thành viên (ít nhất 3)</legend>
        {errors['members'] && (
          <p className="error-message" id={`${base}-members-error`}>
            <span className="visually-hidden">Lỗi: </span>
            {errors['members']}
          </p>
        )}
        <ol className="member-rows">
          {form.members.map((m, i) => (
            <li key={i} className="member-row">
              <div className="field">
                <label htmlFor={`${base}-p-${i}`}>Người thứ {i + 1}</label>
                <select
                  id={`${base}-p-${i}`}
                  value={m.personId}
                  onChange={(e) => setMember(i, { personId: e.target.value })}
                >
                  <option value="">— Chọn người —</option>
                  {active.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.fullName} ({p.username})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${base}-pos-${i}`}>Chức danh của người thứ {i + 1}</label>
                <select
                  id={`${base}-pos-${i}`}
                  value={m.position}
                  onChange={(e) => setMember(i, { position: e.target.value as Position })}
                >
                  {POSITIONS.map((pos) => (
                    <option key={pos} value={pos}>
                      {POSITION_VI[pos]}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => setForm((f) => ({ ...f, members: f.members.filter((_, j) => j !== i) }))}
              >
                Bỏ<span className="visually-hidden"> người thứ {i + 1}</span>
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() =>
            setForm((f) => ({
              ...f,
              members: [...f.members, { personId: '', position: 'MEMBER' }],
            }))
          }
        >
          Thêm thành viên
        </button>
      </fieldset>
      <div className="actions-row">
        <Button type="submit" pending={save.pending}>
          {council ? 'Lưu thành viên' : 'Thành lập Hội đồng'}
        </Button>
        {council && (
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              clear();
              onDone?.();
            }}
          >
            Hủy
          </button>
        )}
      </div>
    </form>
  );
}
