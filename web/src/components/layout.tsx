/** The page frame: skip link, header with the person's places (each screen one click away), main content. */
import { useEffect, useRef, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../session';
import { ROLE_VI } from '../labels';

export function Layout() {
  const { person, has, signOut } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // Moving between pages: focus the new page's content, as a screen-reader user expects after a page load.
  useEffect(() => {
    main.current?.focus();
  }, [location.pathname]);

  const links: [string, string, boolean][] = person
    ? [
        ['/', 'Việc cần làm', true],
        ['/ho-so', 'Hồ sơ', true],
        ['/ho-so/moi', 'Nộp hồ sơ', has('SUBMITTER')],
        ['/dot-xet', 'Đợt xét', true],
        ['/giam-sat', 'Giám sát', has('SUPERVISOR', 'CHAIRMAN')],
        ['/quan-tri', 'Quản trị', has('ADMIN', 'CHAIRMAN', 'SECRETARY', 'SUPERVISOR')],
        ['/thanh-tich', 'Thành tích', true],
        ['/cong-khai', 'Công khai', true],
        ['/ca-nhan', 'Cá nhân', true],
      ]
    : [
        ['/cong-khai', 'Sáng kiến được công nhận', true],
        ['/dang-nhap', 'Đăng nhập', true],
      ];

  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="site-header">
        <div className="header-inner">
          <NavLink to={person ? '/' : '/cong-khai'} className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            <span>
              Sáng kiến <small>UBND xã</small>
            </span>
          </NavLink>
          {person && (
            <div className="who">
              <span className="who-name">{person.fullName}</span>
              <span className="who-role">{person.roles.map((r) => ROLE_VI[r]).join(', ')}</span>
              <button type="button" className="btn btn-link" onClick={() => void signOut()}>
                Đăng xuất
              </button>
            </div>
          )}
        </div>
        <nav aria-label="Chính" className="site-nav">
          <ul>
            {links
              .filter(([, , shown]) => shown)
              .map(([to, label]) => (
                <li key={to}>
                  <NavLink to={to} end={to === '/' || to === '/ho-so'}>
                    {label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Phong trào thi đua sáng kiến của xã · <a href="/api/v1/public/initiatives.csv">Dữ liệu mở (CSV)</a>{' '}
          · <a href="/api/v1/public/initiatives.json">JSON</a>
        </p>
      </footer>
    </>
  );
}

/** A page's title (also the document title) and its lead. */
export function PageTitle({
  children,
  lead,
  actions,
}: {
  children: string;
  lead?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${children} — Sáng kiến`;
  }, [children]);
  return (
    <div className="page-title">
      <div>
        <h1>{children}</h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** Loading and failure states of a query, in Vietnamese. */
export function Loading({ what = 'dữ liệu' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Đang tải {what}…
    </p>
  );
}

export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Không tải được dữ liệu.';
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" className="btn btn-secondary" onClick={retry}>
          Thử lại
        </button>
      )}
    </div>
  );
}
