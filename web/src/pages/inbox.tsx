/** Home: my tasks (overdue first, marked), my reminders, my drafts; a submitter can start a new dossier from here. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { PageTitle } from '../components/layout';
import { DueChip } from '../components/status';
import { formatDateTime, humanizeDates } from '../format';
import { ROLE_VI } from '../labels';
import { useSession } from '../session';
import type { Role } from '../../../src/contracts/initiative';
import { QueryItems } from '../components/feedback';

export function InboxPage() {
  const { person, has } = useSession();
  const tasks = useQuery({
    queryKey: ['tasks'],
    queryFn: () => call(() => api.GET('/api/v1/me/tasks')),
    refetchInterval: 30_000,
  });
  const notes = useQuery({
    queryKey: ['notifications'],
    queryFn: () => call(() => api.GET('/api/v1/me/notifications')),
  });
  const queryClient = useQueryClient();
  const markRead = useMutation({
    mutationFn: (ids: string[] | undefined) =>
      call(() => api.POST('/api/v1/me/notifications/read', { body: ids ? { ids } : {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const drafts = useQuery({
    queryKey: ['drafts'],
    queryFn: () => call(() => api.GET('/api/v1/me/drafts')),
    enabled: has('SUBMITTER'),
  });
  const overdue = tasks.data?.items.filter((t) => t.overdue).length ?? 0;

  return (
    <>
      <PageTitle
        lead={`Xin chào ${person?.fullName ?? ''}. Đây là những hồ sơ đang chờ bạn xử lý.`}
        actions={
          has('SUBMITTER') && (
            <Link className="btn btn-primary" to="/ho-so/moi">
              Nộp hồ sơ mới
            </Link>
          )
        }
      >
        Việc cần làm
      </PageTitle>
      <div className="grid grid-2">
        <section aria-labelledby="tasks-h" className="card">
          <h2 id="tasks-h">
            Chờ tôi xử lý{' '}
            {tasks.data && (
              <span className="badge-count" aria-label={`${tasks.data.items.length} việc`}>
                {tasks.data.items.length}
              </span>
            )}
          </h2>
          {overdue > 0 && (
            <p className="notice notice-error">
              Có <strong>{overdue}</strong> việc đã quá hạn, đứng đầu danh sách.
            </p>
          )}
          <QueryItems
            query={tasks}
            what="việc cần làm"
            retry
            empty={<p className="empty">Không có việc nào đang chờ bạn. </p>}
          >
            {(items) => (
              <ul className="list" aria-label="Danh sách việc cần làm">
                {items.map((t) => (
                  <li key={t.taskId} className={t.overdue ? 'overdue-row' : undefined}>
                    <Link className="row-link" to={`/ho-so/${encodeURIComponent(t.initiativeId)}`}>
                      <span className="row-title">{t.title}</span>
                      <span className="task-what">{humanizeDates(t.description)}</span>
                    </Link>
                    <p className="meta">
                      <span>Mã hồ sơ {t.code ?? t.initiativeId}</span>
                      <span>{ROLE_VI[t.role as Role] ?? t.role}</span>
                      <span>Từ {formatDateTime(t.since)}</span>
                    </p>
                    <DueChip dueAt={t.dueAt} overdue={t.overdue} />
                    {t.escalated && <span className="tag tag-bad">Đã báo cáo lãnh đạo</span>}
                  </li>
                ))}
              </ul>
            )}
          </QueryItems>
        </section>
        <div>
          {has('SUBMITTER') && (
            <section aria-labelledby="drafts-h" className="card">
              <h2 id="drafts-h">Bản nháp</h2>
              <QueryItems query={drafts} what="bản nháp" empty={<p>Chưa có bản nháp.</p>}>
                {(items) => (
                  <ul className="list">
                    {items.map((d) => (
                      <li key={d.id}>
                        <Link to={`/ho-so/moi?nhap=${encodeURIComponent(d.id)}`}>
                          {d.title || 'Hồ sơ chưa đặt tên'}
                        </Link>
                        <p className="meta">
                          <span>Lưu lúc {formatDateTime(d.updatedAt)}</span>
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </QueryItems>
            </section>
          )}
          <section aria-labelledby="notes-h" className="card">
            <h2 id="notes-h">Thông báo nhắc việc</h2>
            <QueryItems query={notes} what="thông báo" empty={<p>Không có thông báo.</p>}>
              {(items) => (
                <>
                  <ul className="list">
                    {items.slice(0, 10).map((n) => (
                      <li key={n.id} className={n.read ? 'read' : undefined}>
                        <Link to={`/ho-so/${encodeURIComponent(n.initiativeId)}`}>
                          {n.read ? humanizeDates(n.message) : <strong>{humanizeDates(n.message)}</strong>}
                        </Link>
                        <p className="meta">
                          {n.code && <span>{n.code}</span>}
                          <span>{formatDateTime(n.at)}</span>
                          {!n.read && <span className="tag">Chưa đọc</span>}
                          {!n.read && (
                            <button
                              type="button"
                              className="btn btn-link"
                              onClick={() => markRead.mutate([n.id])}
                            >
                              Đánh dấu đã đọc
                            </button>
                          )}
                        </p>
                      </li>
                    ))}
                  </ul>
                  {items.some((n) => !n.read) && (
                    <button type="button" className="btn" onClick={() => markRead.mutate(undefined)}>
                      Đánh dấu tất cả đã đọc
                    </button>
                  )}
                </>
              )}
            </QueryItems>
          </section>
        </div>
      </div>
    </>
  );
}
