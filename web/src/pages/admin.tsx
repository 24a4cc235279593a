/**
 * Quản trị: people with roles and scopes, units, councils and rule packs, as tabs. Each person sees only the tabs their
 * roles may use (the gateway's access rules in src/gateway/routes/admin.ts): the administrator manages everything, the
 * chairman and the secretary read councils, the supervisor reads rule packs. A rule pack is never edited: a new version
 * is published from a copy. Each tab is its own file in admin/.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Role } from '../../../src/contracts/initiative';
import { PageTitle } from '../components/layout';
import { useSession } from '../session';
import { CouncilsTab } from './admin/councils';
import { PeopleTab } from './admin/people';
import { RulePacksTab } from './admin/rule-packs';
import { UnitsTab } from './admin/units';

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
