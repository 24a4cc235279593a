/** Giám sát › Thông báo chưa gửi được: who did not get which notification, through which channel, and why. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { QueryStatus } from '../../components/feedback';
import { Button, useAction } from '../../components/forms';
import { formatDateTime } from '../../format';

const CHANNEL_VI = { email: 'Thư điện tử', webhook: 'Webhook (Zalo/SMS)' } as const;

export function DeliveriesSection() {
  const failing = useQuery({
    queryKey: ['supervision', 'deliveries'],
    queryFn: () => call(() => api.GET('/api/v1/supervision/deliveries')),
    refetchInterval: 30_000,
  });
  const items = failing.data?.items ?? [];
  return (
    <section aria-labelledby="thong-bao">
      <h2 id="thong-bao">Thông báo chưa gửi được</h2>
      <QueryStatus query={failing} what="thông báo" />
      {failing.data && items.length === 0 && <p className="meta">Mọi thông báo đều đã gửi được.</p>}
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Bảng thông báo chưa gửi được">
          <table>
            <thead>
              <tr>
                <th scope="col">Người nhận</th>
                <th scope="col">Kênh</th>
                <th scope="col">Thông báo</th>
                <th scope="col">Lý do</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.fullName}
                    <br />
                    <small>{d.address}</small>
                  </td>
                  <td>{CHANNEL_VI[d.channel]}</td>
                  <td>
                    {d.initiativeId ? <Link to={`/ho-so/${d.initiativeId}`}>{d.subject}</Link> : d.subject}
                  </td>
                  <td>
                    <code>{d.lastError}</code>
                    <br />
                    <small>{d.attempts} lần thử</small>
                  </td>
                  <td>
                    {d.status === 'FAILED' ? (
                      <RetryButton id={d.id} />
                    ) : (
                      `Sẽ thử lại lúc ${formatDateTime(d.nextAttemptAt)}`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RetryButton({ id }: { id: string }) {
  const queries = useQueryClient();
  const retry = useAction(async () => {
    const r = await call(() => api.POST('/api/v1/supervision/deliveries/retry', { body: { id } }));
    await queries.invalidateQueries({ queryKey: ['supervision', 'deliveries'] });
    return r;
  });
  return (
    <>
      Đã ngừng gửi.{' '}
      <Button
        variant="secondary"
        onClick={() => void retry.submit()}
        pending={retry.pending}
        pendingText="Đang xếp…"
      >
        Gửi lại
      </Button>
      {retry.message && <p className="error-message">{retry.message}</p>}
    </>
  );
}
