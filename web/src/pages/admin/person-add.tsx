/** Quản trị › Người dùng › Thêm người dùng: the half-filled form survives a reload; the password never leaves memory. */
import { IdField, PasswordField } from './fields';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { Role } from '../../../../src/contracts/initiative';
import { Button, Field } from '../../components/forms';
import { ScopeFields } from './scope-fields';
import { AddCard, firstSegment, lacksRole, useAddForm, type Council, type Unit } from './shared';

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

export function AddPerson({ units, councils }: { units: Unit[]; councils: Council[] }) {
  const [password, setPassword] = useState('');
  const { form, set, add, done, setDone } = useAddForm({
    storageKey: 'quan-tri:nguoi-moi',
    empty: EMPTY_PERSON,
    invalidate: ['admin', 'people'],
    send: (f, key) =>
      call(() =>
        api.POST('/api/v1/admin/people', {
          body: {
            ...f,
            id: f.id.trim(),
            username: f.username.trim(),
            fullName: f.fullName.trim(),
            password,
          },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    doneText: (r) => `Đã thêm ${r.fullName} (${r.username}).`,
    onAdded: () => setPassword(''),
  });
  const errors = firstSegment(add.errors);
  return (
    <AddCard
      titleId="add-person-title"
      title="Thêm người dùng"
      message={add.message}
      errors={errors}
      fieldIds={{ id: 'np-id', username: 'np-username', fullName: 'np-name', password: 'np-pw' }}
      done={done}
      onSubmit={() => {
        setDone(null);
        if (lacksRole(form.roles, add)) return;
        void add.submit();
      }}
    >
      <div className="inline-fields">
        <Field label="Họ và tên" id="np-name" error={errors['fullName']} required>
          {(p) => <input {...p} value={form.fullName} onChange={(e) => set('fullName', e.target.value)} />}
        </Field>
        <IdField
          label="Mã người dùng"
          hint="Chữ thường không dấu, số và dấu gạch ngang, ví dụ p-nguyen-van-a."
          id="np-id"
          error={errors['id']}
          value={form.id}
          onChange={(v) => set('id', v)}
        />
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
        <PasswordField
          label="Mật khẩu ban đầu"
          hint="Tối thiểu 12 ký tự."
          id="np-pw"
          error={errors['password']}
          required
          value={password}
          onChange={setPassword}
        />
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
    </AddCard>
  );
}
