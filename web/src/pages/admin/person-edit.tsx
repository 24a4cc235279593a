/** Quản trị › Người dùng › Sửa: a person's name, password, roles and scopes; locking and unlocking the account. */
import { PasswordField } from './fields';
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ContactForm } from '../profile';
import { formatDateTime } from '../../format';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Role } from '../../../../src/contracts/initiative';
import { DoneNotice } from '../../components/feedback';
import { Button, ErrorSummary, Field, useAction } from '../../components/forms';
import { ScopeFields } from './scope-fields';
import { firstSegment, lacksRole, type Council, type Person, type Unit } from './shared';

type PersonPatch = NonNullable<
  paths['/api/v1/admin/people/{id}']['patch']['requestBody']
>['content']['application/json'];

/** The person's address and notification choices, as they see them on their own page. */
function PersonContact({ personId }: { personId: string }) {
  const queryKey = ['admin', 'contact', personId];
  const contact = useQuery({
    queryKey,
    queryFn: () =>
      call(() => api.GET('/api/v1/admin/people/{id}/contact', { params: { path: { id: personId } } })),
  });
  if (!contact.data) return null;
  return (
    <ContactForm
      contact={contact.data}
      queryKey={queryKey}
      save={(body) =>
        call(() => api.PUT('/api/v1/admin/people/{id}/contact', { params: { path: { id: personId } }, body }))
      }
    />
  );
}

export function EditPerson({
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
  const patch = (body: PersonPatch) =>
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
  const testMail = useAction(async () => {
    const r = await call(() =>
      api.POST('/api/v1/admin/notifications/test', { body: { personId: person.id, channel: 'email' } }),
    );
    setSaved(
      'Đã xếp thư thử vào hàng gửi; nếu không tới, xem mục "Thông báo chưa gửi được" ở trang Giám sát.',
    );
    return r;
  });
  const [resetLink, setResetLink] = useState<{
    link: string;
    expiresAt: string;
    mailedTo: string | null;
  } | null>(null);
  const reset = useAction(async () => {
    const r = await call(() =>
      api.POST('/api/v1/admin/people/{id}/password-reset', { params: { path: { id: person.id } } }),
    );
    setResetLink(r);
    return r;
  });
  const errors = firstSegment({ ...save.errors, ...lock.errors });
  const base = `edit-${person.id}`;
  return (
    <div className="edit-person">
      <h3>Sửa {person.fullName}</h3>
      <ErrorSummary
        message={save.message ?? lock.message ?? testMail.message ?? reset.message}
        errors={errors}
        fieldIds={{ fullName: `${base}-name`, password: `${base}-pw` }}
      />
      <DoneNotice text={saved} />
      <div className="inline-fields">
        <Field label="Họ và tên" id={`${base}-name`} error={errors['fullName']} required>
          {(p) => <input {...p} value={fullName} onChange={(e) => setFullName(e.target.value)} />}
        </Field>
        <PasswordField
          label="Mật khẩu mới"
          hint="Để trống nếu không đổi. Tối thiểu 12 ký tự; đổi mật khẩu sẽ đăng xuất người này."
          id={`${base}-pw`}
          error={errors['password']}
          value={password}
          onChange={setPassword}
        />
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
            if (lacksRole(roles, save)) return;
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
        <Button
          variant="secondary"
          onClick={() => void reset.submit()}
          pending={reset.pending}
          pendingText="Đang tạo…"
        >
          Tạo liên kết đặt lại mật khẩu
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setSaved(null);
            void testMail.submit();
          }}
          pending={testMail.pending}
          pendingText="Đang xếp…"
        >
          Gửi thư thử
        </Button>
        <button type="button" className="btn btn-link" onClick={onClose}>
          Đóng
        </button>
      </div>
      {resetLink && (
        <div className="notice notice-ok" role="status">
          <p>
            Liên kết đặt lại mật khẩu (dùng một lần, đến {formatDateTime(resetLink.expiresAt)}):{' '}
            <code className="reset-link">{resetLink.link}</code>
          </p>
          <p>
            {resetLink.mailedTo
              ? `Đã gửi liên kết tới ${resetLink.mailedTo}.`
              : 'Người này chưa có địa chỉ thư điện tử: hãy trao liên kết trực tiếp.'}
          </p>
        </div>
      )}
      <PersonContact personId={person.id} />
    </div>
  );
}
