/** What a bulk action did: how many cases it reached, each new deadline, and why the others were refused. */
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { REFUSAL_VI } from '../../labels';
import type { BulkResult } from './shared';

export function BulkOutcome({
  outcome,
  titles,
}: {
  outcome: { kind: 'remind' | 'extend'; results: BulkResult[] };
  titles: Map<string, string>;
}) {
  const done = outcome.results.filter((r) => r.ok);
  const refused = outcome.results.filter((r) => !r.ok);
  const verb = outcome.kind === 'remind' ? 'nhắc việc' : 'gia hạn';
  return (
    <div className={`notice ${refused.length ? 'notice-warn' : 'notice-ok'}`} role="status">
      <p>
        <strong>
          Đã {verb} {done.length} hồ sơ
          {refused.length > 0 ? `; ${refused.length} hồ sơ không ${verb} được` : ''}.
        </strong>
      </p>
      {outcome.kind === 'extend' && done.length > 0 && (
        <ul>
          {done.map((r) => (
            <li key={r.id}>
              {titles.get(r.id) ?? r.id}: hạn mới {formatDate(r.dueAt ?? null)}
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => (
            <li key={r.id}>
              <Link to={`/ho-so/${encodeURIComponent(r.id)}`}>{titles.get(r.id) ?? r.id}</Link>:{' '}
              {REFUSAL_VI[r.code ?? ''] ?? `bị từ chối (${r.code ?? 'không rõ lý do'})`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
