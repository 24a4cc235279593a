/** The stuck-case board's filters, kept in the address (so reload and back keep them), and their form. */
import { useId } from 'react';
import type { Role, Stage } from '../../../../src/contracts/initiative';
import { useSearchParam } from '../../components/search-params';
import { ROLE_VI, STAGE_ORDER, STAGE_VI } from '../../labels';
import type { StuckQuery } from './shared';
import { FilterSelect } from '../../components/filter-select';
import { RoundFilter } from '../../components/rounds';

/** Roles a case can wait on. */
const WAITING_ROLES: Role[] = ['SUBMITTER', 'UNIT_HEAD', 'SECRETARY', 'COUNCIL_MEMBER', 'CHAIRMAN'];

/** The filters read from the address, the board's query they make, and their setters. */
export function useBoardFilters() {
  const [params, set, setParams] = useSearchParam();
  const stage = params.get('giaiDoan') ?? '';
  const unitId = params.get('donVi') ?? '';
  const waitingOn = params.get('dangCho') ?? '';
  const idle = params.get('khongTienTrien') ?? '';
  const overdue = params.get('quaHan') === '1';
  const roundId = params.get('dotXet') ?? '';

  const idleNumber = /^\d{1,3}$/.test(idle) ? Number(idle) : undefined;
  const query: StuckQuery = {
    limit: 200,
    ...(stage ? { stage: stage as Stage } : {}),
    ...(unitId ? { unitId } : {}),
    ...(waitingOn ? { waitingOn: waitingOn as Role } : {}),
    ...(idleNumber !== undefined ? { idleWorkingDays: idleNumber } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
    ...(roundId ? { roundId } : {}),
  };
  const filtered = !!(stage || unitId || waitingOn || idle || overdue || roundId);
  const clearAll = () => setParams(new URLSearchParams(), { replace: true });
  return { stage, unitId, waitingOn, idle, overdue, roundId, idleNumber, query, filtered, set, clearAll };
}

export function BoardFilters({
  filters,
  units,
}: {
  filters: ReturnType<typeof useBoardFilters>;
  units: { id: string; name: string }[];
}) {
  const { stage, unitId, waitingOn, idle, overdue, roundId, idleNumber, filtered, set } = filters;
  const ids = {
    stage: useId(),
    unit: useId(),
    waiting: useId(),
    idle: useId(),
    overdue: useId(),
    round: useId(),
  };
  return (
    <form className="card filters" aria-label="Lọc hồ sơ ách tắc" onSubmit={(e) => e.preventDefault()}>
      <div className="inline-fields">
        <RoundFilter id={ids.round} value={roundId} onChange={(v) => set('dotXet', v)} />
        <FilterSelect
          id={ids.stage}
          label="Giai đoạn"
          all="Tất cả giai đoạn"
          value={stage}
          onChange={(v) => set('giaiDoan', v)}
          options={STAGE_ORDER.map((s) => [s, STAGE_VI[s]] as const)}
        />
        <FilterSelect
          id={ids.unit}
          label="Đơn vị"
          all="Tất cả đơn vị"
          value={unitId}
          onChange={(v) => set('donVi', v)}
          options={units.map((u) => [u.id, u.name] as const)}
        />
        <div className="field">
          <label htmlFor={ids.waiting}>Đang chờ</label>
          <select id={ids.waiting} value={waitingOn} onChange={(e) => set('dangCho', e.target.value)}>
            <option value="">Bất kỳ ai</option>
            {WAITING_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_VI[r]}
              </option>
            ))}
          </select>
        </div>
        <div className={`field ${idle && idleNumber === undefined ? 'field-error' : ''}`}>
          <label htmlFor={ids.idle}>Không tiến triển từ (ngày làm việc)</label>
          {idle && idleNumber === undefined && (
            <p className="error-message" id={`${ids.idle}-error`}>
              <span className="visually-hidden">Lỗi: </span>Nhập một số ngày từ 0 đến 999
            </p>
          )}
          <input
            id={ids.idle}
            type="number"
            inputMode="numeric"
            min={0}
            max={999}
            value={idle}
            aria-invalid={idle && idleNumber === undefined ? true : undefined}
            aria-describedby={idle && idleNumber === undefined ? `${ids.idle}-error` : undefined}
            onChange={(e) => set('khongTienTrien', e.target.value)}
          />
        </div>
      </div>
      <div className="actions-row">
        <label className="choice" htmlFor={ids.overdue}>
          <input
            id={ids.overdue}
            type="checkbox"
            checked={overdue}
            onChange={(e) => set('quaHan', e.target.checked ? '1' : '')}
          />
          Chỉ hồ sơ quá hạn
        </label>
        {filtered && (
          <button type="button" className="btn btn-secondary" onClick={filters.clearAll}>
            Xóa bộ lọc
          </button>
        )}
      </div>
    </form>
  );
}
