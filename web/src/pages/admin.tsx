/**
 * Quản trị: people with roles and scopes, units, councils and rule packs, as tabs. Each person sees only the tabs their
 * roles may use (the gateway's access rules in src/gateway/routes/admin.ts): the administrator manages everything, the
 * chairman and the secretary read councils, the supervisor reads rule packs. A rule pack is never edited: a new version
 * is published from a copy.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import type { Role } from '../../../src/contracts/initiative';
import type { Basis, RewardLevel, RubricCriterion, RulePack } from '../../../src/domain/rule-pack';
import type { Duration, HolidayTable } from '../../../src/domain/duration';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from '../components/forms';
import { Failure, Loading, PageTitle } from '../components/layout';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../format';
import { POSITION_VI, ROLE_VI } from '../labels';
import { useSession } from '../session';

type Person = paths['/api/v1/admin/people']['get']['responses'][200]['content']['application/json'][number];
type Unit = paths['/api/v1/units']['get']['responses'][200]['content']['application/json'][number];
type Council =
  paths['/api/v1/admin/councils']['get']['responses'][200]['content']['application/json'][number];
type UnitKind = NonNullable<
  paths['/api/v1/admin/units']['post']['requestBody']
>['content']['application/json']['kind'];
type Position = NonNullable<
  paths['/api/v1/admin/councils']['post']['requestBody']
>['content']['application/json']['members'][number]['position'];

const ALL_ROLES: Role[] = [
  'SUBMITTER',
  'UNIT_HEAD',
  'SECRETARY',
  'COUNCIL_MEMBER',
  'CHAIRMAN',
  'SUPERVISOR',
  'ADMIN',
];
const UNIT_KIND_VI: Record<UnitKind, string> = {
  OFFICE: 'Cơ quan, phòng ban',
  SCHOOL: 'Trường học',
  HEALTH_STATION: 'Trạm y tế',
  RESIDENTIAL_AREA: 'Khu dân cư',
  ORGANISATION: 'Tổ chức đoàn thể',
};
const POSITIONS: Position[] = ['CHAIR', 'VICE_CHAIR', 'SECRETARY', 'MEMBER', 'UNION_REP'];

type TabKey = 'nguoi-dung' | 'don-vi' | 'hoi-dong' | 'bo-quy-tac';
const TABS: { key: TabKey; label: string; roles: Role[] }[] = [
  { key: 'nguoi-dung', label: 'Người dùng', roles: ['ADMIN'] },
  { key: 'don-vi', label: 'Đơn vị', roles: ['ADMIN'] },
  { key: 'hoi-dong', label: 'Hội đồng sáng kiến', roles: ['ADMIN', 'CHAIRMAN', 'SECRETARY'] },
  { key: 'bo-quy-tac', label: 'Bộ quy tắc', roles: ['ADMIN', 'SUPERVISOR'] },
];

export default function AdminPage() {
  const { has } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((t) => has(...t.roles));
  const wanted = params.get('muc');
  const current = tabs.find((t) => t.key === wanted) ?? tabs[0];
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (key: TabKey, focus = false) => {
    setParams({ muc: key }, { replace: true });
    if (focus) refs.current[key]?.focus();
  };
  const onKey = (e: KeyboardEvent, index: number) => {
    const n = tabs.length;
    const to =
      e.key === 'ArrowRight'
        ? (index + 1) % n
        : e.key === 'ArrowLeft'
          ? (index - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    select(tabs[to]!.key, true);
  };

  if (!current)
    return (
      <>
        <PageTitle>Quản trị</PageTitle>
        <p className="notice">Tài khoản của bạn không có quyền quản trị.</p>
      </>
    );
  const admin = has('ADMIN');
  return (
    <>
      <PageTitle
        lead={
          admin
            ? 'Người dùng, vai trò và phạm vi; đơn vị; Hội đồng sáng kiến; bộ quy tắc.'
            : 'Xem thông tin theo quyền của bạn.'
        }
      >
        Quản trị
      </PageTitle>
      <div role="tablist" aria-label="Các mục quản trị" className="tabs">
        {tabs.map((t, i) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={t.key === current.key}
            aria-controls={`panel-${t.key}`}
            tabIndex={t.key === current.key ? 0 : -1}
            ref={(el) => {
              refs.current[t.key] = el;
            }}
            onClick={() => select(t.key)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.key}`} aria-labelledby={`tab-${current.key}`} tabIndex={0}>
        {current.key === 'nguoi-dung' && <PeopleTab />}
        {current.key === 'don-vi' && <UnitsTab />}
        {current.key === 'hoi-dong' && <CouncilsTab canEdit={admin} />}
        {current.key === 'bo-quy-tac' && <RulePacksTab canPublish={admin} />}
      </div>
    </>
  );
}

/* ---------- shared lookups ---------- */

function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => call(() => api.GET('/api/v1/units')) });
}
function usePeople(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'people'],
    queryFn: () => call(() => api.GET('/api/v1/admin/people')),
    enabled,
  });
}
function useCouncils() {
  return useQuery({
    queryKey: ['admin', 'councils'],
    queryFn: () => call(() => api.GET('/api/v1/admin/councils')),
  });
}

/** A group of checkboxes with a legend. */
function Checks<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  options: { value: T; label: ReactNode }[];
  value: T[];
  onChange: (next: T[]) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`checks ${error ? 'field-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
      {options.length === 0 && <p className="meta">Chưa có mục nào.</p>}
      <div className="checks-grid">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
              }
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Errors keyed by their first path segment (`roles.0` → `roles`). */
function firstSegment(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k.split('.')[0] ?? k] ??= v;
  return out;
}

/* ---------- People ---------- */

function PeopleTab() {
  const people = usePeople();
  const units = useUnits();
  const councils = useCouncils();
  const [editing, setEditing] = useState<string | null>(null);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const councilName = (id: string) => councils.data?.find((c) => c.id === id)?.name ?? id;

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">Người dùng</h2>
      {people.isPending && <Loading what="danh sách người dùng" />}
      {people.isError && <Failure error={people.error} retry={() => void people.refetch()} />}
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

function EditPerson({
  person,
  units,
  councils,
  onClose,
}: {
  person: Person;
  units: Unit[];
  councils: Council[];
  onClose: () => void;
}) {
  const queries = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(person.roles);
  const [unitIds, setUnitIds] = useState<string[]>(person.unitIds);
  const [councilIds, setCouncilIds] = useState<string[]>(person.councilIds);
  const [fullName, setFullName] = useState(person.fullName);
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const patch = (
    body: NonNullable<
      paths['/api/v1/admin/people/{id}']['patch']['requestBody']
    >['content']['application/json'],
  ) =>
    call(() => api.PATCH('/api/v1/admin/people/{id}', { params: { path: { id: person.id } }, body })).then(
      async (r) => {
        await queries.invalidateQueries({ queryKey: ['admin', 'people'] });
        return r;
      },
    );
  const save = useAction(async () => {
    const r = await patch({
      fullName: fullName.trim(),
      roles,
      unitIds,
      councilIds,
      ...(password ? { password } : {}),
    });
    setPassword('');
    setSaved('Đã lưu thay đổi.');
    return r;
  });
  const lock = useAction(async () => {
    const r = await patch({ active: !person.active });
    setSaved(
      r.active
        ? 'Đã mở khóa tài khoản.'
        : 'Đã khóa tài khoản; các phiên đăng nhập của người này đã kết thúc.',
    );
    return r;
  });
  const errors = firstSegment({ ...save.errors, ...lock.errors });
  const base = `edit-${person.id}`;
  return (
    <div className="edit-person">
      <h3>Sửa {person.fullName}</h3>
      <ErrorSummary
        message={save.message ?? lock.message}
        errors={errors}
        fieldIds={{ fullName: `${base}-name`, password: `${base}-pw` }}
      />
      {saved && (
        <p className="notice notice-ok" role="status">
          {saved}
        </p>
      )}
      <div className="inline-fields">
        <Field label="Họ và tên" id={`${base}-name`} error={errors['fullName']} required>
          {(p) => <input {...p} value={fullName} onChange={(e) => setFullName(e.target.value)} />}
        </Field>
        <Field
          label="Mật khẩu mới"
          hint="Để trống nếu không đổi. Tối thiểu 12 ký tự; đổi mật khẩu sẽ đăng xuất người này."
          id={`${base}-pw`}
          error={errors['password']}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
      </div>
      <ScopeFields
        roles={roles}
        setRoles={setRoles}
        unitIds={unitIds}
        setUnitIds={setUnitIds}
        councilIds={councilIds}
        setCouncilIds={setCouncilIds}
        units={units}
        councils={councils}
        errors={errors}
      />
      <div className="actions-row">
        <Button
          onClick={() => {
            setSaved(null);
            if (roles.length === 0) {
              save.setMessage(null);
              save.setErrors({ roles: 'Chọn ít nhất một vai trò' });
              return;
            }
            void save.submit();
          }}
          pending={save.pending}
          pendingText="Đang lưu…"
        >
          Lưu thay đổi
        </Button>
        <Button
          variant={person.active ? 'danger' : 'secondary'}
          onClick={() => void lock.submit()}
          pending={lock.pending}
          pendingText="Đang lưu…"
        >
          {person.active ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}
        </Button>
        <button type="button" className="btn btn-link" onClick={onClose}>
          Đóng
        </button>
      </div>
    </div>
  );
}

function ScopeFields({
  roles,
  setRoles,
  unitIds,
  setUnitIds,
  councilIds,
  setCouncilIds,
  units,
  councils,
  errors,
}: {
  roles: Role[];
  setRoles: (r: Role[]) => void;
  unitIds: string[];
  setUnitIds: (u: string[]) => void;
  councilIds: string[];
  setCouncilIds: (c: string[]) => void;
  units: Unit[];
  councils: Council[];
  errors: Record<string, string>;
}) {
  return (
    <div className="grid scope-grid">
      <Checks
        legend="Vai trò"
        options={ALL_ROLES.map((r) => ({ value: r, label: ROLE_VI[r] }))}
        value={roles}
        onChange={setRoles}
        error={errors['roles']}
      />
      <Checks
        legend="Phạm vi đơn vị"
        hint="Tác giả và thủ trưởng đơn vị chỉ làm việc với hồ sơ của các đơn vị được chọn."
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        value={unitIds}
        onChange={setUnitIds}
        error={errors['unitIds']}
      />
      <Checks
        legend="Phạm vi Hội đồng"
        hint="Thành viên chỉ chấm hồ sơ giao cho Hội đồng được chọn."
        options={councils.map((c) => ({
          value: c.id,
          label: c.name.includes(String(c.year)) ? c.name : `${c.name} (${c.year})`,
        }))}
        value={councilIds}
        onChange={setCouncilIds}
        error={errors['councilIds']}
      />
    </div>
  );
}

interface NewPerson {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  unitIds: string[];
  councilIds: string[];
}
const EMPTY_PERSON: NewPerson = {
  id: '',
  username: '',
  fullName: '',
  roles: [],
  unitIds: [],
  councilIds: [],
};

function AddPerson({ units, councils }: { units: Unit[]; councils: Council[] }) {
  const queries = useQueryClient();
  // The half-filled form survives a reload; the password never leaves memory.
  const [form, setForm, clear] = usePersistentState<NewPerson>('quan-tri:nguoi-moi', EMPTY_PERSON);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const set = <K extends keyof NewPerson>(k: K, v: NewPerson[K]) => setForm((f) => ({ ...f, [k]: v }));
  const add = useAction(async (key) => {
    const r = await call(() =>
      api.POST('/api/v1/admin/people', {
        body: {
          ...form,
          id: form.id.trim(),
          username: form.username.trim(),
          fullName: form.fullName.trim(),
          password,
        },
        headers: { 'Idempotency-Key': key },
      }),
    );
    await queries.invalidateQueries({ queryKey: ['admin', 'people'] });
    setDone(`Đã thêm ${r.fullName} (${r.username}).`);
    setForm(EMPTY_PERSON);
    setPassword('');
    clear();
    return r;
  });
  const errors = firstSegment(add.errors);
  return (
    <section className="card" aria-labelledby="add-person-title">
      <h2 id="add-person-title">Thêm người dùng</h2>
      <ErrorSummary
        message={add.message}
        errors={errors}
        fieldIds={{ id: 'np-id', username: 'np-username', fullName: 'np-name', password: 'np-pw' }}
      />
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          if (form.roles.length === 0) {
            add.setMessage(null);
            add.setErrors({ roles: 'Chọn ít nhất một vai trò' });
            return;
          }
          void add.submit();
        }}
      >
        <div className="inline-fields">
          <Field label="Họ và tên" id="np-name" error={errors['fullName']} required>
            {(p) => <input {...p} value={form.fullName} onChange={(e) => set('fullName', e.target.value)} />}
          </Field>
          <Field
            label="Mã người dùng"
            hint="Chữ thường không dấu, số và dấu gạch ngang, ví dụ p-nguyen-van-a."
            id="np-id"
            error={errors['id']}
            required
          >
            {(p) => (
              <input
                {...p}
                autoCapitalize="none"
                spellCheck={false}
                value={form.id}
                onChange={(e) => set('id', e.target.value)}
              />
            )}
          </Field>
          <Field label="Tên đăng nhập" id="np-username" error={errors['username']} required>
            {(p) => (
              <input
                {...p}
                autoCapitalize="none"
                autoComplete="off"
                spellCheck={false}
                value={form.username}
                onChange={(e) => set('username', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Mật khẩu ban đầu"
            hint="Tối thiểu 12 ký tự."
            id="np-pw"
            error={errors['password']}
            required
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
        </div>
        <ScopeFields
          roles={form.roles}
          setRoles={(v) => set('roles', v)}
          unitIds={form.unitIds}
          setUnitIds={(v) => set('unitIds', v)}
          councilIds={form.councilIds}
          setCouncilIds={(v) => set('councilIds', v)}
          units={units}
          councils={councils}
          errors={errors}
        />
        <Button type="submit" pending={add.pending}>
          Thêm người dùng
        </Button>
      </form>
    </section>
  );
}

/* ---------- Units ---------- */

function UnitsTab() {
  const units = useUnits();
  const queries = useQueryClient();
  const [form, setForm, clear] = usePersistentState('quan-tri:don-vi-moi', {
    id: '',
    name: '',
    kind: 'OFFICE' as UnitKind,
  });
  const [done, setDone] = useState<string | null>(null);
  const add = useAction(async (key) => {
    const r = await call(() =>
      api.POST('/api/v1/admin/units', {
        body: { id: form.id.trim(), name: form.name.trim(), kind: form.kind },
        headers: { 'Idempotency-Key': key },
      }),
    );
    await queries.invalidateQueries({ queryKey: ['units'] });
    setDone(`Đã thêm đơn vị ${r.name}.`);
    setForm({ id: '', name: '', kind: 'OFFICE' });
    clear();
    return r;
  });
  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">Đơn vị</h2>
      {units.isPending && <Loading what="danh sách đơn vị" />}
      {units.isError && <Failure error={units.error} retry={() => void units.refetch()} />}
      {units.data && (
        <table className="responsive">
          <caption className="visually-hidden">Các đơn vị của xã</caption>
          <thead>
            <tr>
              <th scope="col">Tên đơn vị</th>
              <th scope="col">Loại</th>
              <th scope="col">Mã</th>
            </tr>
          </thead>
          <tbody>
            {units.data.map((u) => (
              <tr key={u.id}>
                <td data-label="Tên đơn vị">{u.name}</td>
                <td data-label="Loại">{UNIT_KIND_VI[u.kind as UnitKind] ?? u.kind}</td>
                <td data-label="Mã">{u.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="card" aria-labelledby="add-unit-title">
        <h2 id="add-unit-title">Thêm đơn vị</h2>
        <ErrorSummary message={add.message} errors={add.errors} fieldIds={{ id: 'nu-id', name: 'nu-name' }} />
        {done && (
          <p className="notice notice-ok" role="status">
            {done}
          </p>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setDone(null);
            void add.submit();
          }}
        >
          <div className="inline-fields">
            <Field label="Tên đơn vị" id="nu-name" error={add.errors['name']} required>
              {(p) => (
                <input
                  {...p}
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Mã đơn vị"
              hint="Chữ thường không dấu, số và dấu gạch ngang, ví dụ truong-tieu-hoc."
              id="nu-id"
              error={add.errors['id']}
              required
            >
              {(p) => (
                <input
                  {...p}
                  autoCapitalize="none"
                  spellCheck={false}
                  value={form.id}
                  onChange={(e) => setForm({ ...form, id: e.target.value })}
                />
              )}
            </Field>
            <Field label="Loại đơn vị" id="nu-kind" error={add.errors['kind']} required>
              {(p) => (
                <select
                  {...p}
                  value={form.kind}
                  onChange={(e) => setForm({ ...form, kind: e.target.value as UnitKind })}
                >
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
        </form>
      </section>
    </section>
  );
}

/* ---------- Councils ---------- */

interface MemberDraft {
  personId: string;
  position: Position;
}

function CouncilsTab({ canEdit }: { canEdit: boolean }) {
  const councils = useCouncils();
  const people = usePeople(canEdit);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="councils-title">
      <h2 id="councils-title">Hội đồng sáng kiến</h2>
      {councils.isPending && <Loading what="danh sách Hội đồng" />}
      {councils.isError && <Failure error={councils.error} retry={() => void councils.refetch()} />}
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

/** Creates a council (no `council`) or edits one's name and members; at least 3 members. */
function CouncilForm({
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
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <div className="inline-fields">
        <Field label="Tên Hội đồng" id={`${base}-name`} error={errors['name']} required>
          {(p) => (
            <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          )}
        </Field>
        {!council && (
          <>
            <Field
              label="Mã Hội đồng"
              hint="Chữ thường không dấu, ví dụ hdsk-2027."
              id={`${base}-id`}
              error={errors['id']}
              required
            >
              {(p) => (
                <input
                  {...p}
                  autoCapitalize="none"
                  spellCheck={false}
                  value={form.id}
                  onChange={(e) => setForm({ ...form, id: e.target.value })}
                />
              )}
            </Field>
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

/* ---------- Rule packs ---------- */

// The voting mode and the likely-duplicate rule are edited through the API for now; the form covers the periods and
// the figures every pack has.
type RuleKey = Exclude<
  keyof RulePack,
  'version' | 'effectiveFrom' | 'description' | 'votingMode' | 'duplicateCheck'
>;

/** Each number of a pack in Vietnamese, in the order of the process. */
const RULE_VI: Record<RuleKey, string> = {
  timeBar: 'Thời hạn từ lần áp dụng đầu tiên đến khi nộp đơn',
  unitReviewSla: 'Thời hạn thủ trưởng đơn vị xem xét',
  amendmentPeriod: 'Thời hạn tác giả bổ sung hồ sơ',
  amendmentGrace: 'Thời gian chờ sau lời nhắc cuối trước khi coi như rút hồ sơ',
  registrationSla: 'Thời hạn tiếp nhận, vào sổ',
  formalCheckSla: 'Thời hạn kiểm tra tính hợp lệ',
  councilFormationSla: 'Thời hạn thành lập hoặc giao Hội đồng',
  scoringSla: 'Thời hạn chấm điểm (mỗi thành viên)',
  meetingSla: 'Thời hạn họp Hội đồng',
  decisionClock: 'Thời hạn ra quyết định công nhận',
  reminderFractions: 'Thời điểm nhắc việc (phần của thời hạn)',
  quorumFraction: 'Tỷ lệ thành viên có mặt để họp',
  approvalFraction: 'Tỷ lệ thành viên đồng ý để đề nghị công nhận',
  recusedLeaveDenominator: 'Thành viên không biểu quyết vì xung đột lợi ích được trừ khỏi tổng số',
  passMark: 'Điểm đạt (thang 100)',
  rubric: 'Tiêu chí chấm điểm',
  rewardLevels: 'Mức khen thưởng',
  trackingPeriod: 'Thời gian theo dõi hiệu quả áp dụng',
  reportingInterval: 'Kỳ báo cáo hiệu quả',
  reportReminderLead: 'Nhắc trước hạn báo cáo hiệu quả',
  confirmationSla: 'Thời hạn xác nhận hiệu quả',
  complaintWindow: 'Thời hạn khiếu nại',
  replicationCheckpoints: 'Các mốc theo dõi nhân rộng (sau khi công nhận)',
  provincialShare: 'Tỷ lệ đơn vị tương tự nhân rộng để đề xuất phạm vi tỉnh',
  remuneration: 'Thù lao cho tác giả',
  holidays: 'Ngày nghỉ lễ, Tết theo từng năm',
};
const RULE_KEYS = Object.keys(RULE_VI) as RuleKey[];
const FRACTION_KEYS = new Set<RuleKey>(['quorumFraction', 'approvalFraction', 'provincialShare']);

function isDuration(v: unknown): v is Duration {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['workingDays', 'days', 'months', 'seconds'].includes(keys[0]!);
}
const DURATION_UNIT_VI = {
  workingDays: 'ngày làm việc',
  days: 'ngày',
  months: 'tháng',
  seconds: 'giây',
} as const;
type DurationUnit = keyof typeof DURATION_UNIT_VI;
function durationVi(d: Duration): string {
  const [unit, n] = Object.entries(d)[0] as [DurationUnit, number];
  return `${formatNumber(n)} ${DURATION_UNIT_VI[unit]}`;
}
const percent = (f: number) => `${formatNumber(Math.round(f * 10000) / 100)}%`;
const VERDICT_VI = {
  EFFECTIVE: 'có hiệu quả',
  NOT_EFFECTIVE: 'chưa đạt hiệu quả',
  ANY: 'mọi kết luận',
} as const;

function ruleValueVi(key: RuleKey, value: unknown): ReactNode {
  if (isDuration(value)) return durationVi(value);
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return FRACTION_KEYS.has(key) ? percent(value) : formatNumber(value);
  if (key === 'reminderFractions') return (value as number[]).map(percent).join(', ');
  if (key === 'replicationCheckpoints') return (value as Duration[]).map(durationVi).join('; ');
  if (key === 'rubric')
    return (
      <ul className="plain">
        {(value as RubricCriterion[]).map((c) => (
          <li key={c.key}>
            {c.label}: tối đa {formatNumber(c.max)} điểm
          </li>
        ))}
      </ul>
    );
  if (key === 'rewardLevels')
    return (
      <ul className="plain">
        {(value as RewardLevel[]).map((l) => (
          <li key={l.key}>
            {l.label}: từ {formatNumber(l.minScore)} điểm, {VERDICT_VI[l.verdict]}, {formatMoney(l.amountVnd)}
          </li>
        ))}
      </ul>
    );
  if (key === 'remuneration') {
    const r = value as RulePack['remuneration']['value'];
    return `${formatNumber(r.percentOfBenefit)}% số tiền làm lợi mỗi năm, trong ${formatNumber(r.years)} năm, trả trong ${durationVi(r.payWithin)}`;
  }
  if (key === 'holidays')
    return (
      <ul className="plain">
        {Object.entries(value as HolidayTable).map(([year, days]) => (
          <li key={year}>
            Năm {year}: {days.length} ngày ({days.map((d) => formatDate(d)).join(', ')})
          </li>
        ))}
      </ul>
    );
  return <code>{JSON.stringify(value)}</code>;
}

function basisVi(b: Basis | undefined): string {
  if (!b) return '—';
  if (b.kind === 'legal')
    return `Văn bản pháp luật: ${b.source} (${b.confidence === 'V' ? 'đã đối chiếu văn bản gốc' : 'theo nguồn thứ cấp'})`;
  return `Chính sách của xã: ${b.note}`;
}

function RulePacksTab({ canPublish }: { canPublish: boolean }) {
  const list = useQuery({
    queryKey: ['admin', 'rule-packs'],
    queryFn: () => call(() => api.GET('/api/v1/admin/rule-packs')),
  });
  const [params, setParams] = useSearchParams();
  const now = Date.now();
  const inForce = useMemo(
    () =>
      [...(list.data ?? [])].filter((p) => Date.parse(p.effectiveFrom) <= now).at(-1)?.version ??
      list.data?.[0]?.version,
    [list.data, now],
  );
  const version = params.get('phienBan') ?? inForce ?? null;
  const [publishing, setPublishing] = useState(false);
  const choose = (v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('phienBan', v);
        return next;
      },
      { replace: true },
    );

  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Bộ quy tắc</h2>
      <p className="meta">
        Mỗi hồ sơ dùng phiên bản có hiệu lực khi nộp đơn. Phiên bản đã ban hành không được sửa; muốn đổi một
        con số, ban hành phiên bản mới.
      </p>
      {list.isPending && <Loading what="các phiên bản" />}
      {list.isError && <Failure error={list.error} retry={() => void list.refetch()} />}
      {list.data && (
        <table className="responsive">
          <caption className="visually-hidden">Các phiên bản bộ quy tắc</caption>
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Hiệu lực từ</th>
              <th scope="col">Mô tả</th>
              <th scope="col">
                <span className="visually-hidden">Xem</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.version} aria-current={p.version === version ? 'true' : undefined}>
                <td data-label="Phiên bản">
                  <strong>{p.version}</strong>{' '}
                  {p.version === inForce ? (
                    <span className="tag tag-ok">Đang áp dụng</span>
                  ) : Date.parse(p.effectiveFrom) > now ? (
                    <span className="tag tag-warn">Sắp có hiệu lực</span>
                  ) : (
                    <span className="tag tag-muted">Phiên bản cũ</span>
                  )}
                </td>
                <td data-label="Hiệu lực từ">{formatDateTime(p.effectiveFrom)}</td>
                <td data-label="Mô tả">{typeof p['description'] === 'string' ? p['description'] : ''}</td>
                <td data-label="Xem">
                  <button
                    type="button"
                    className="btn btn-secondary"
                    aria-pressed={p.version === version}
                    onClick={() => {
                      setPublishing(false);
                      choose(p.version);
                    }}
                  >
                    Xem<span className="visually-hidden"> phiên bản {p.version}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {version && (
        <RulePackView
          key={version}
          version={version}
          canPublish={canPublish}
          publishing={publishing}
          setPublishing={setPublishing}
          onPublished={(v) => {
            setPublishing(false);
            choose(v);
          }}
        />
      )}
    </section>
  );
}

function RulePackView({
  version,
  canPublish,
  publishing,
  setPublishing,
  onPublished,
}: {
  version: string;
  canPublish: boolean;
  publishing: boolean;
  setPublishing: (b: boolean) => void;
  onPublished: (v: string) => void;
}) {
  const pack = useQuery({
    queryKey: ['admin', 'rule-pack', version],
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/admin/rule-packs/{version}', { params: { path: { version } } }),
      ) as Promise<unknown> as Promise<RulePack>,
  });
  if (pack.isPending) return <Loading what={`bộ quy tắc ${version}`} />;
  if (pack.isError) return <Failure error={pack.error} retry={() => void pack.refetch()} />;
  const p = pack.data;
  return (
    <section className="card" aria-labelledby="pack-view-title">
      <h3 id="pack-view-title">Phiên bản {p.version}</h3>
      <p>
        {p.description}
        <br />
        <span className="meta">Hiệu lực từ {formatDateTime(p.effectiveFrom)}</span>
      </p>
      {publishing ? (
        <PublishPack from={p} onCancel={() => setPublishing(false)} onPublished={onPublished} />
      ) : (
        <>
          {canPublish && (
            <div className="actions-row">
              <button type="button" className="btn btn-primary" onClick={() => setPublishing(true)}>
                Ban hành phiên bản mới từ bản này
              </button>
            </div>
          )}
          <table className="responsive rules-table">
            <caption className="visually-hidden">Các con số của phiên bản {p.version} và căn cứ</caption>
            <thead>
              <tr>
                <th scope="col">Quy định</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Căn cứ</th>
              </tr>
            </thead>
            <tbody>
              {RULE_KEYS.filter((k) => p[k]).map((k) => (
                <tr key={k}>
                  <th scope="row" data-label="Quy định">
                    {RULE_VI[k]}
                  </th>
                  <td data-label="Giá trị">{ruleValueVi(k, p[k].value)}</td>
                  <td data-label="Căn cứ" className="meta">
                    {basisVi(p[k].basis)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The next version's name: the last number raised by one ("2026.1" → "2026.2"). */
function nextVersion(v: string): string {
  const m = /^(.*?)(\d+)$/.exec(v);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${v}-2`;
}
/** Tomorrow at 00:00 in Vietnam, as the value of a datetime-local input. */
function tomorrowLocal(): string {
  const d = new Date(Date.now() + 7 * 3600_000 + 86_400_000);
  return `${d.toISOString().slice(0, 10)}T00:00`;
}

type Draft = Record<RuleKey, string>;
function draftOf(p: RulePack): Draft {
  const out = {} as Draft;
  for (const k of RULE_KEYS) {
    const v = p[k]?.value as unknown;
    out[k] = isDuration(v)
      ? JSON.stringify(v)
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v, null, 2);
  }
  return out;
}

function PublishPack({
  from,
  onCancel,
  onPublished,
}: {
  from: RulePack;
  onCancel: () => void;
  onPublished: (version: string) => void;
}) {
  const queries = useQueryClient();
  const [form, setForm, clear] = usePersistentState(`quan-tri:bo-quy-tac:${from.version}`, () => ({
    version: nextVersion(from.version),
    effectiveFrom: tomorrowLocal(),
    description: from.description,
    values: draftOf(from),
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const setValue = (k: RuleKey, v: string) => setForm((f) => ({ ...f, values: { ...f.values, [k]: v } }));

  const build = (): { pack?: RulePack; errors: Record<string, string> } => {
    const errors: Record<string, string> = {};
    const pack = structuredClone(from) as unknown as Record<string, unknown>;
    pack['version'] = form.version.trim();
    pack['description'] = form.description.trim();
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(form.version.trim()))
      errors['version'] = 'Tên phiên bản gồm chữ, số, dấu chấm, gạch ngang; tối đa 40 ký tự';
    if (!form.description.trim()) errors['description'] = 'Nêu mô tả của phiên bản';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(form.effectiveFrom))
      errors['effectiveFrom'] = 'Chọn ngày giờ hiệu lực';
    else pack['effectiveFrom'] = `${form.effectiveFrom}:00+07:00`;
    for (const k of RULE_KEYS) {
      const old = from[k].value as unknown;
      const text = form.values[k];
      let value: unknown;
      if (typeof old === 'boolean') value = text === 'true';
      else if (typeof old === 'number') {
        value = Number(text);
        if (text.trim() === '' || !Number.isFinite(value)) errors[k] = 'Nhập một số';
        else if (FRACTION_KEYS.has(k) && ((value as number) <= 0 || (value as number) > 1))
          errors[k] = 'Tỷ lệ phải lớn hơn 0 và không quá 1';
      } else {
        try {
          value = JSON.parse(text);
          if (isDuration(old) && !isDuration(value)) errors[k] = 'Thời hạn không hợp lệ';
        } catch {
          errors[k] = 'Giá trị JSON không đọc được; kiểm tra dấu ngoặc và dấu phẩy';
        }
      }
      pack[k] = { ...from[k], value };
    }
    return { pack: pack as unknown as RulePack, errors };
  };

  const publish = useAction(async (key) => {
    const { pack } = build();
    const r = await call(() =>
      api.POST('/api/v1/admin/rule-packs', {
        body: pack as unknown as NonNullable<
          paths['/api/v1/admin/rule-packs']['post']['requestBody']
        >['content']['application/json'],
        headers: { 'Idempotency-Key': key },
      }),
    );
    await queries.invalidateQueries({ queryKey: ['admin', 'rule-packs'] });
    clear();
    onPublished(r.version);
    return r;
  });
  const submit = () => {
    const { errors } = build();
    setLocal(errors);
    if (Object.keys(errors).length === 0) void publish.submit();
  };
  const errors = { ...firstSegment(publish.errors), ...local };
  const fieldIds = Object.fromEntries(
    ['version', 'effectiveFrom', 'description', ...RULE_KEYS].map((k) => [k, `rp-${k}`]),
  );

  return (
    <form
      noValidate
      className="publish-pack"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h4>Ban hành phiên bản mới (bản sao của {from.version})</h4>
      <p className="notice">
        Phiên bản {from.version} giữ nguyên cho các hồ sơ đã nộp theo nó. Phiên bản mới áp dụng cho hồ sơ nộp
        từ ngày hiệu lực.
      </p>
      <ErrorSummary message={publish.message} errors={errors} fieldIds={fieldIds} />
      <div className="inline-fields">
        <Field label="Tên phiên bản mới" id="rp-version" error={errors['version']} required>
          {(p) => (
            <input
              {...p}
              value={form.version}
              onChange={(e) => setForm({ ...form, version: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Hiệu lực từ (giờ Việt Nam)"
          id="rp-effectiveFrom"
          error={errors['effectiveFrom']}
          required
        >
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={form.effectiveFrom}
              onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label="Mô tả" id="rp-description" error={errors['description']} required>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        )}
      </Field>
      {RULE_KEYS.map((k) => (
        <RuleInput
          key={k}
          ruleKey={k}
          old={from[k].value}
          basis={from[k].basis}
          text={form.values[k]}
          onChange={(v) => setValue(k, v)}
          error={errors[k]}
        />
      ))}
      <div className="actions-row">
        <Button type="submit" pending={publish.pending} pendingText="Đang ban hành…">
          Ban hành phiên bản mới
        </Button>
        <button
          type="button"
          className="btn btn-link"
          onClick={() => {
            clear();
            onCancel();
          }}
        >
          Hủy
        </button>
      </div>
    </form>
  );
}

function RuleInput({
  ruleKey,
  old,
  basis,
  text,
  onChange,
  error,
}: {
  ruleKey: RuleKey;
  old: unknown;
  basis: Basis;
  text: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const id = `rp-${ruleKey}`;
  const hint = (
    <>
      Đang là: {ruleValueVi(ruleKey, old)}. {basisVi(basis)}.
      {FRACTION_KEYS.has(ruleKey) ? ' Nhập tỷ lệ từ 0 đến 1, ví dụ 0.6667 là 2/3.' : ''}
    </>
  );
  if (typeof old === 'boolean')
    return (
      <div className={`field ${error ? 'field-error' : ''}`}>
        <label className="choice" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={text === 'true'}
            onChange={(e) => onChange(String(e.target.checked))}
          />
          <span>{RULE_VI[ruleKey]}</span>
        </label>
        <p className="hint">{hint}</p>
      </div>
    );
  if (isDuration(old)) {
    let parsed: Duration | null = null;
    try {
      const v = JSON.parse(text) as unknown;
      parsed = isDuration(v) ? v : null;
    } catch {
      parsed = null;
    }
    const [unit, n] = parsed
      ? (Object.entries(parsed)[0] as [DurationUnit, number])
      : ['workingDays' as DurationUnit, 0];
    return (
      <fieldset className={`duration-field ${error ? 'field-error' : ''}`} id={id} tabIndex={-1}>
        <legend>{RULE_VI[ruleKey]}</legend>
        <p className="hint">{hint}</p>
        {error && <p className="error-message">{error}</p>}
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={`${id}-n`}>Số</label>
            <input
              id={`${id}-n`}
              type="number"
              min={0}
              step="any"
              value={String(n)}
              onChange={(e) => onChange(JSON.stringify({ [unit]: Number(e.target.value) }))}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-u`}>Đơn vị tính</label>
            <select
              id={`${id}-u`}
              value={unit}
              onChange={(e) => onChange(JSON.stringify({ [e.target.value]: n }))}
            >
              {(Object.keys(DURATION_UNIT_VI) as DurationUnit[]).map((u) => (
                <option key={u} value={u}>
                  {DURATION_UNIT_VI[u]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    );
  }
  return (
    <Field label={RULE_VI[ruleKey]} hint={hint} id={id} error={error}>
      {(p) =>
        typeof old === 'number' ? (
          <input {...p} type="number" step="any" value={text} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <textarea
            {...p}
            className="json-input"
            spellCheck={false}
            rows={Math.min(12, text.split('\n').length + 1)}
            value={text}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
