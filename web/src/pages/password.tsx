/** Passwords: my own change (on my page) and the page a reset link opens (no sign-in). */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { DoneNotice } from '../components/feedback';
import { Button, ErrorSummary, Field, useAction } from '../components/forms';
import { PageTitle } from '../components/layout';

function NewPasswordFields({
  value,
  setValue,
  confirm,
  setConfirm,
  error,
}: {
  value: string;
  setValue: (v: string) => void;
  confirm: string;
  setConfirm: (v: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <Field label="Mật khẩu mới" hint="Tối thiểu 12 ký tự." id="pw-new" error={error} required>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <Field label="Nhập lại mật khẩu mới" id="pw-confirm" required>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

const MISMATCH = 'Hai lần nhập mật khẩu mới không giống nhau.';

/** Đổi mật khẩu: the current password, the new one twice. */
export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const change = useAction(async () => {
    await call(() =>
      api.POST('/api/v1/me/password', { body: { currentPassword: current, newPassword: next } }),
    );
    setCurrent('');
    setNext('');
    setConfirm('');
    setDone('Đã đổi mật khẩu; các phiên đăng nhập trên máy khác đã kết thúc.');
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setMismatch(next !== confirm);
    if (next === confirm) void change.submit();
  };
  return (
    <form className="card" aria-labelledby="pw-h" onSubmit={submit}>
      <h2 id="pw-h">Đổi mật khẩu</h2>
      <ErrorSummary
        message={mismatch ? MISMATCH : change.message}
        errors={change.errors}
        fieldIds={{ currentPassword: 'pw-current', newPassword: 'pw-new' }}
      />
      <DoneNotice text={done} />
      <Field label="Mật khẩu hiện tại" id="pw-current" error={change.errors['currentPassword']} required>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <NewPasswordFields
        value={next}
        setValue={setNext}
        confirm={confirm}
        setConfirm={setConfirm}
        error={change.errors['newPassword']}
      />
      <div className="actions-row">
        <Button type="submit" pending={change.pending} pendingText="Đang đổi…">
          Đổi mật khẩu
        </Button>
      </div>
    </form>
  );
}

/** Đặt lại mật khẩu: the page a reset link opens; its token is in the address's fragment. */
export default function ResetPasswordPage() {
  const token = window.location.hash.slice(1);
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const reset = useAction(async () => {
    await call(() => api.POST('/api/v1/auth/password-reset', { body: { token, newPassword: next } }));
    setDone(true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== confirm);
    if (next === confirm) void reset.submit();
  };
  return (
    <>
      <PageTitle lead="Liên kết do quản trị viên tạo, dùng được một lần trong 30 phút.">
        Đặt lại mật khẩu
      </PageTitle>
      {done ? (
        <p className="notice notice-ok" role="status">
          Đã đặt mật khẩu mới. <Link to="/dang-nhap">Đăng nhập</Link> bằng mật khẩu mới.
        </p>
      ) : (
        <form className="card" aria-label="Đặt mật khẩu mới" onSubmit={submit}>
          <ErrorSummary
            message={mismatch ? MISMATCH : reset.message}
            errors={reset.errors}
            fieldIds={{ newPassword: 'pw-new' }}
          />
          <NewPasswordFields
            value={next}
            setValue={setNext}
            confirm={confirm}
            setConfirm={setConfirm}
            error={reset.errors['newPassword']}
          />
          <div className="actions-row">
            <Button type="submit" pending={reset.pending} pendingText="Đang lưu…">
              Đặt mật khẩu mới
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
