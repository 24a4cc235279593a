/** One row of the stuck-case board: the case, where it is, who it waits on, why it is stuck and its deadline. */
import { useId } from 'react';
import { Link } from 'react-router';
import type { Stage, Step } from '../../../../src/contracts/initiative';
import { formatDate, formatNumber } from '../../format';
import { STAGE_VI, STEP_VI } from '../../labels';
import type { StuckRow } from './shared';

const stageVi = (s: string) => STAGE_VI[s as Stage] ?? s;
const stepVi = (s: string) => STEP_VI[s as Step] ?? s;

export function StuckTableRow({
  row,
  unitName,
  checked,
  onToggle,
}: {
  row: StuckRow;
  unitName: string;
  checked: boolean;
  onToggle: () => void;
}) {
  const checkId = useId();
  return (
    <tr className={row.overdueDays > 0 ? 'overdue-row' : undefined}>
      <td data-label="Chọn" className="check-col">
        <input id={checkId} type="checkbox" checked={checked} onChange={onToggle} />
        <label htmlFor={checkId} className="visually-hidden">
          Chọn hồ sơ {row.title}
        </label>
      </td>
      <td data-label="Hồ sơ" className="stuck-title">
        <Link to={`/ho-so/${encodeURIComponent(row.id)}`} className="row-title">
          {row.title}
        </Link>
        <div className="meta">
          {row.code && <span>{row.code}</span>}
          <span>{unitName}</span>
        </div>
      </td>
      <td data-label="Giai đoạn">
        <div>
          {stageVi(row.stage)}
          <div className="meta">{stepVi(row.step)}</div>
        </div>
      </td>
      <td data-label="Đang chờ">
        <div>
          {row.waitingOn ? (
            <>
              {row.waitingOn.who}
              <div className="meta">{row.waitingOn.description}</div>
            </>
          ) : (
            '—'
          )}
        </div>
      </td>
      <td data-label="Vì sao">
        <ul className="reasons">
          {row.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </td>
      <td data-label="Từ ngày">
        <div>
          {formatDate(row.since)}
          <div className="meta">{formatNumber(row.idleWorkingDays)} ngày làm việc không tiến triển</div>
        </div>
      </td>
      <td data-label="Hạn xử lý">
        <div>
          {formatDate(row.dueAt)}
          <div>
            {row.overdueDays > 0 ? (
              <span className="tag tag-bad">Quá hạn {row.overdueDays} ngày</span>
            ) : row.dueAt ? (
              <span className="tag tag-ok">Trong hạn</span>
            ) : (
              <span className="tag tag-muted">Chưa có hạn</span>
            )}
          </div>
        </div>
      </td>
    </tr>
  );
}
