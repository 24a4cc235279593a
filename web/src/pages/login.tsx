/** Sign-in: username and password; back to the page the person wanted. */
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { Button, ErrorSummary, Field } from '../components/forms';
import { PageTitle } from '../components/layout';
import { useSession } from '../session';

export function LoginPage() {
  const { person, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (person) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing['username'] = 'Nhập tên đăng nhập';
    if (!password) missing['password'] = 'Nhập mật khẩu';
    setErrors(missing);
    setMessage(null);
    if (Object.keys(missing).length) return;
    setPending(true);
    try {
      await signIn(username.trim(), password);
      void navigate(from, { replace: true });
    } catch (err) {
      setMessage(err instanceof ApiError ? err.problem.detail : 'Không đăng nhập được.');
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle lead="Dành cho tác giả, thủ trưởng đơn vị, Hội đồng sáng kiến, lãnh đạo và cán bộ của xã.">
        Đăng nhập
      </PageTitle>
      <ErrorSummary
        message={message}
        errors={errors}
        fieldIds={{ username: 'login-username', password: 'login-password' }}
      />
      <form onSubmit={(e) => void submit(e)} noValidate className="card">
        <Field label="Tên đăng nhập" error={errors['username']} id="login-username">
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label="Mật khẩu" error={errors['password']} id="login-password">
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" pending={pending} pendingText="Đang đăng nhập…">
          Đăng nhập
        </Button>
      </form>
    </div>
  );
}
