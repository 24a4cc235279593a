/**
 * Giám sát: the stuck-case board (filters kept in the address, so reload and back keep them), bulk "Nhắc việc" and
 * "Gia hạn" with a reason, counts and time per stage as bar charts with their numbers, and the summary report.
 */
import { useEffect, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call } from '../api/client';
import type { paths } from '../api/schema';
import type { Role, Stage, Step } from '../../../src/contracts/initiative';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from '../components/forms';
import { Failure, Loading, PageTitle } from '../components/layout';
import { formatDate, formatMoney, formatNumber, todayInVietnam } from '../format';
import { ROLE_VI, STAGE_ORDER, STAGE_VI, STATUS_VI, STEP_VI } from '../labels';

type StuckQuery = NonNullable<paths['/api/v1/supervision/stuck']['get']['parameters']['query']>;
type StuckRow =
  paths['/api/v1/supervision/stuck']['get']['responses'][200]['content']['application/json']['items'][number];
type Stats = paths['/api/v1/supervision/stats']['get']['responses'][200]['content']['application/json'];
type Summary = paths['/api/v1/reports/summary']['get']['responses'][200]['content']['application/json'];
type BulkResult = { id: string; ok: boolean; code?: string; dueAt?: string | null };

/** Roles a case can wait on. */
const WAITING_ROLES: Role[] = ['SUBMITTER', 'UNIT_HEAD', 'SECRETARY', 'COUNCIL_MEMBER', 'CHAIRMAN'];

/** Why a case was refused in a bulk action, in words. */
const REFUSAL_VI: Record<string, string> = {
  CASE_CLOSED: 'hồ sơ đã kết thúc',
  INITIATIVE_NOT_FOUND: 'không tìm thấy hồ sơ',
  NO_DEADLINE: 'bước hiện tại không có hạn xử lý để gia hạn',
  WRONG_STEP: 'hồ sơ đang ở bước không gia hạn được',
  FORBIDDEN_ROLE: 'bạn không có quyền với hồ sơ này',
  OUT_OF_SCOPE: 'hồ sơ ngoài phạm vi của bạn',
  REASONS_REQUIRED: 'cần nêu lý do',
  INVALID_INPUT: 'dữ liệu không hợp lệ',
};

const stageVi = (s: string) => STAGE_VI[s as Stage] ?? s;
const stepVi = (s: string) => STEP_VI[s as Step] ?? s;

function useUnitNames() {
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => call(() => api.GET('/api/v1/units')),
    staleTime: 10 * 60_000,
  });
  const names = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  return { units: units.data ?? [], name: (id: string) => names.get(id) ?? id };
}

export default function SupervisionPage() {
  return (
    <>
      <PageTitle lead="Tìm hồ sơ ách tắc, quá hạn; nhắc việc, gia hạn có lý do; số liệu và báo cáo tổng kết.">
        Giám sát
      </PageTitle>
      <nav aria-label="Trên trang này" className="page-toc">
        <a href="#ach-tac">Hồ sơ ách tắc</a>
        <a href="#so-lieu">Số liệu</a>
        <a href="#bao-cao">Báo cáo tổng kết</a>
      </nav>
      <StuckBoard />
      <StatsSection />
      <ReportSection />
    </>
  );
}

/* ---------- The stuck-case board ---------- */

function StuckBoard() {
  const [params, setParams] = useSearchParams();
  const { units, name: unitName } = useUnitNames();
  const stage = params.get('giaiDoan') ?? '';
  const unitId = params.get('donVi') ?? '';
  const waitingOn = params.get('dangCho') ?? '';
  const idle = params.get('khongTienTrien') ?? '';
  const overdue = params.get('quaHan') === '1';

  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const idleNumber = /^\d{1,3}$/.test(idle) ? Number(idle) : undefined;
  const query: StuckQuery = {
    limit: 200,
    ...(stage ? { stage: stage as Stage } : {}),
    ...(unitId ? { unitId } : {}),
    ...(waitingOn ? { waitingOn: waitingOn as Role } : {}),
    ...(idleNumber !== undefined ? { idleWorkingDays: idleNumber } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
  };
  const stuck = useQuery({
    queryKey: ['supervision', 'stuck', query],
    queryFn: () => call(() => api.GET('/api/v1/supervision/stuck', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => stuck.data?.items ?? [], [stuck.data]);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Only what is on the board can stay selected.
  useEffect(() => {
    setSelected((prev) => {
      const visible = new Set(rows.map((r) => r.id));
      const kept = [...prev].filter((id) => visible.has(id));
      return kept.length === prev.size ? prev : new Set(kept);
    });
  }, [rows]);
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const ids = {
    stage: useId(),
    unit: useId(),
    waiting: useId(),
    idle: useId(),
    overdue: useId(),
  };
  const filtered = !!(stage || unitId || waitingOn || idle || overdue);

  return (
    <section aria-labelledby="ach-tac" className="supervision-board">
      <h2 id="ach-tac">Hồ sơ ách tắc</h2>
      <p className="meta">
        Không chọn “số ngày không tiến triển” thì bảng chỉ gồm hồ sơ quá hạn, đã báo cáo lãnh đạo hoặc chưa
        tính được hạn. Quá hạn lên đầu.
      </p>
      <form className="card filters" aria-label="Lọc hồ sơ ách tắc" onSubmit={(e) => e.preventDefault()}>
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={ids.stage}>Giai đoạn</label>
            <select id={ids.stage} value={stage} onChange={(e) => set('giaiDoan', e.target.value)}>
              <option value="">Tất cả giai đoạn</option>
              {STAGE_ORDER.map((s) => (
                <option key={s} value={s}>
                  {STAGE_VI[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.unit}>Đơn vị</label>
            <select id={ids.unit} value={unitId} onChange={(e) => set('donVi', e.target.value)}>
              <option value="">Tất cả đơn vị</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
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
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => setParams(new URLSearchParams(), { replace: true })}
            >
              Xóa bộ lọc
            </button>
          )}
        </div>
      </form>

      <p role="status" aria-live="polite" className="meta">
        {stuck.data
          ? stuck.data.total === 0
            ? 'Không có hồ sơ nào khớp với bộ lọc.'
            : `${formatNumber(stuck.data.total)} hồ sơ${stuck.data.total > rows.length ? `, hiện ${rows.length} hồ sơ đầu` : ''}; đã chọn ${selected.size}.`
          : ''}
      </p>
      {stuck.isPending && <Loading what="hồ sơ ách tắc" />}
      {stuck.isError && <Failure error={stuck.error} retry={() => void stuck.refetch()} />}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="responsive stuck-table">
            <caption className="visually-hidden">Hồ sơ ách tắc, quá hạn lên đầu</caption>
            <thead>
              <tr>
                <th scope="col" className="check-col">
                  <label className="check-all">
                    <input
                      type="checkbox"
                      checked={allChecked}
                      onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((r) => r.id)))}
                    />
                    <span className="visually-hidden">Chọn tất cả hồ sơ trong bảng</span>
                  </label>
                </th>
                <th scope="col">Hồ sơ</th>
                <th scope="col">Giai đoạn, bước</th>
                <th scope="col">Đang chờ</th>
                <th scope="col">Vì sao ách tắc</th>
                <th scope="col">Từ ngày</th>
                <th scope="col">Hạn xử lý</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <StuckTableRow
                  key={row.id}
                  row={row}
                  unitName={unitName(row.unitId)}
                  checked={selected.has(row.id)}
                  onToggle={() => toggle(row.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BulkActions ids={[...selected]} rows={rows} onDone={() => setSelected(new Set())} />
    </section>
  );
}

function StuckTableRow({
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

/* ---------- Bulk reminders and extensions ---------- */

function BulkActions({ ids, rows, onDone }: { ids: string[]; rows: StuckRow[]; onDone: () => void }) {
  const queries = useQueryClient();
  const [message, setMessage] = usePersistentState('giam-sat:nhac-viec', '');
  const [days, setDays] = usePersistentState('giam-sat:gia-han-ngay', '5');
  const [reason, setReason] = usePersistentState('giam-sat:gia-han-ly-do', '');
  const [outcome, setOutcome] = useState<{ kind: 'remind' | 'extend'; results: BulkResult[] } | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Titles stay known after the acted-on rows leave the board (an extended case is no longer overdue).
  const titlesRef = useRef(new Map<string, string>());
  for (const r of rows) titlesRef.current.set(r.id, r.title);
  const titles = titlesRef.current;

  const refresh = () => void queries.invalidateQueries({ queryKey: ['supervision'] });

  const remind = useAction(async (key) => {
    const body = { ids, ...(message.trim() ? { message: message.trim() } : {}) };
    const res = await call(() =>
      api.POST('/api/v1/supervision/reminders', { body, headers: { 'Idempotency-Key': key } }),
    );
    setOutcome({ kind: 'remind', results: res.results });
    setMessage('');
    onDone();
    refresh();
    return res;
  });
  const extend = useAction(async (key) => {
    const body = { ids, by: { workingDays: Number(days) }, reason: reason.trim() };
    const res = await call(() =>
      api.POST('/api/v1/supervision/extensions', { body, headers: { 'Idempotency-Key': key } }),
    );
    setOutcome({ kind: 'extend', results: res.results });
    setReason('');
    onDone();
    refresh();
    return res;
  });

  const none = ids.length === 0;
  const doRemind = () => {
    setLocalErrors({});
    setOutcome(null);
    void remind.submit();
  };
  const doExtend = () => {
    const errs: Record<string, string> = {};
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 400) errs['by'] = 'Số ngày làm việc gia hạn từ 1 đến 400';
    if (!reason.trim()) errs['reason'] = 'Nêu lý do gia hạn';
    setLocalErrors(errs);
    setOutcome(null);
    if (Object.keys(errs).length === 0) void extend.submit();
  };
  const extendErrors = { ...localErrors, ...byPrefix(extend.errors) };
  const ids2 = { message: 'bulk-message', days: 'bulk-days', reason: 'bulk-reason' };

  return (
    <div className="card bulk-actions" aria-labelledby="bulk-title">
      <h3 id="bulk-title">Xử lý các hồ sơ đã chọn ({ids.length})</h3>
      {none && <p className="meta">Đánh dấu ô “Chọn” ở các hồ sơ trong bảng để nhắc việc hoặc gia hạn.</p>}
      {outcome && <BulkOutcome outcome={outcome} titles={titles} />}
      <div className="grid grid-halves">
        <fieldset>
          <legend>Nhắc việc</legend>
          <ErrorSummary message={remind.message} errors={remind.errors} />
          <Field
            id={ids2.message}
            label="Lời nhắc (không bắt buộc)"
            hint="Gửi kèm thông báo nhắc việc tới người đang phải xử lý."
            error={remind.errors['message']}
          >
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={1000}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            )}
          </Field>
          <Button onClick={doRemind} pending={remind.pending} disabled={none}>
            Nhắc việc{ids.length > 0 ? ` (${ids.length} hồ sơ)` : ''}
          </Button>
        </fieldset>
        <fieldset>
          <legend>Gia hạn</legend>
          <ErrorSummary
            message={extend.message}
            errors={extend.errors}
            fieldIds={{ reason: ids2.reason, 'by.workingDays': ids2.days, by: ids2.days }}
          />
          <Field
            id={ids2.days}
            label="Số ngày làm việc gia hạn thêm"
            hint="Tính theo ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ)."
            error={extendErrors['by']}
            required
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={400}
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
          <Field id={ids2.reason} label="Lý do gia hạn" error={extendErrors['reason']} required>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={5000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <Button onClick={doExtend} pending={extend.pending} disabled={none}>
            Gia hạn{ids.length > 0 ? ` (${ids.length} hồ sơ)` : ''}
          </Button>
        </fieldset>
      </div>
    </div>
  );
}

/** Field errors keyed `by.workingDays` shown at the "by" field. */
function byPrefix(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k.startsWith('by') ? 'by' : k] ??= v;
  return out;
}

function BulkOutcome({
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

/* ---------- Counts and time per stage ---------- */

function Bars({
  items,
  unit,
}: {
  items: { key: string; label: string; value: number; note?: string }[];
  unit: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  if (items.length === 0) return <p className="meta">Chưa có số liệu.</p>;
  return (
    <ul className="bars">
      {items.map((i) => (
        <li key={i.key}>
          <span className="bar-label">{i.label}</span>
          <div className="bar-track" aria-hidden="true">
            <div className="bar" style={{ width: `${(i.value / max) * 100}%` }} />
          </div>
          <span className="bar-value">
            {formatNumber(i.value)} {unit}
            {i.note && <span className="meta"> ({i.note})</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function StatsSection() {
  const { name: unitName } = useUnitNames();
  const stats = useQuery({
    queryKey: ['supervision', 'stats'],
    queryFn: () => call(() => api.GET('/api/v1/supervision/stats')),
  });
  return (
    <section aria-labelledby="so-lieu">
      <h2 id="so-lieu">Số liệu hồ sơ</h2>
      {stats.isPending && <Loading what="số liệu" />}
      {stats.isError && <Failure error={stats.error} retry={() => void stats.refetch()} />}
      {stats.data && <StatsCharts stats={stats.data} unitName={unitName} />}
    </section>
  );
}

function StatsCharts({ stats, unitName }: { stats: Stats; unitName: (id: string) => string }) {
  const byStage = STAGE_ORDER.map((s) => ({ key: s, label: STAGE_VI[s], value: stats.byStage[s] ?? 0 }));
  const byUnit = Object.entries(stats.byUnit)
    .map(([id, n]) => ({ key: id, label: unitName(id), value: n }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'vi'));
  const days = STAGE_ORDER.filter((s) => stats.daysInStage[s]).map((s) => {
    const d = stats.daysInStage[s]!;
    return {
      key: s,
      label: STAGE_VI[s],
      value: d.meanDays,
      note: `${formatNumber(d.cases)} lượt, lâu nhất ${formatNumber(d.maxDays)} ngày`,
    };
  });
  const statuses = Object.entries(stats.byStatus)
    .map(([s, n]) => `${STATUS_VI[s as keyof typeof STATUS_VI] ?? s}: ${formatNumber(n)}`)
    .join(' · ');
  return (
    <>
      {statuses && <p className="meta">Tất cả hồ sơ theo tình trạng: {statuses}</p>}
      <div className="grid grid-halves">
        <div className="card">
          <h3>Hồ sơ đang xử lý theo giai đoạn</h3>
          <Bars items={byStage} unit="hồ sơ" />
        </div>
        <div className="card">
          <h3>Hồ sơ đang xử lý theo đơn vị</h3>
          <Bars items={byUnit} unit="hồ sơ" />
        </div>
      </div>
      <div className="card">
        <h3>Thời gian trung bình ở mỗi giai đoạn (ngày theo lịch)</h3>
        <Bars items={days} unit="ngày" />
      </div>
    </>
  );
}

/* ---------- The summary report ---------- */

function ReportSection() {
  const [params, setParams] = useSearchParams();
  const { name: unitName } = useUnitNames();
  const year = todayInVietnam().slice(0, 4);
  const from = params.get('tu') ?? `${year}-01-01`;
  const to = params.get('den') ?? `${year}-12-31`;
  const setDate = (key: 'tu' | 'den', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const order = valid && from > to ? 'Ngày bắt đầu phải trước ngày kết thúc' : undefined;
  const summary = useQuery({
    queryKey: ['report-summary', from, to],
    queryFn: () => call(() => api.GET('/api/v1/reports/summary', { params: { query: { from, to } } })),
    enabled: valid && !order,
  });
  const apiErrors = summary.error instanceof ApiError ? summary.error.fieldErrors() : {};

  const [issued, setIssued] = usePersistentState<
    Record<string, { documentId: string; number: string | null }>
  >('giam-sat:bao-cao', {});
  const issue = useAction(async (key) => {
    const res = await call(() =>
      api.POST('/api/v1/reports/summary', { body: { from, to }, headers: { 'Idempotency-Key': key } }),
    );
    setIssued((prev) => ({ ...prev, [`${from}:${to}`]: res }));
    return res;
  });
  const doc = issued[`${from}:${to}`];

  return (
    <section aria-labelledby="bao-cao">
      <h2 id="bao-cao">Báo cáo tổng kết</h2>
      <div className="card">
        <div className="inline-fields">
          <Field label="Từ ngày" error={apiErrors['from']} id="report-from">
            {(p) => <input {...p} type="date" value={from} onChange={(e) => setDate('tu', e.target.value)} />}
          </Field>
          <Field label="Đến ngày" error={order ?? apiErrors['to']} id="report-to">
            {(p) => <input {...p} type="date" value={to} onChange={(e) => setDate('den', e.target.value)} />}
          </Field>
        </div>
        <p className="meta">
          Kỳ báo cáo: {formatDate(from)} – {formatDate(to)}. Số hồ sơ tính theo ngày nộp; sáng kiến được công
          nhận tính theo ngày quyết định.
        </p>
        {summary.isPending && summary.fetchStatus !== 'idle' && <Loading what="số liệu báo cáo" />}
        {summary.isError && Object.keys(apiErrors).length === 0 && (
          <Failure error={summary.error} retry={() => void summary.refetch()} />
        )}
        {summary.data && <SummaryFigures data={summary.data} unitName={unitName} />}

        <h3>Lập báo cáo (văn bản BC-UBND)</h3>
        <ErrorSummary message={issue.message} errors={issue.errors} />
        <div className="actions-row">
          <Button
            onClick={() => void issue.submit()}
            pending={issue.pending}
            pendingText="Đang lập báo cáo…"
            disabled={!valid || !!order}
          >
            {doc ? 'Lập lại báo cáo cho kỳ này' : 'Lập báo cáo tổng kết'}
          </Button>
        </div>
        {doc && (
          <div className="notice notice-ok" role="status">
            <p>
              Đã lập báo cáo{doc.number ? ` số ${doc.number}` : ''} cho kỳ {formatDate(from)} –{' '}
              {formatDate(to)}.
            </p>
            <div className="actions-row">
              <DownloadLink docId={doc.documentId} format="pdf" />
              <DownloadLink docId={doc.documentId} format="docx" />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

function SummaryFigures({ data, unitName }: { data: Summary; unitName: (id: string) => string }) {
  const units = Object.entries(data.byUnit).sort((a, b) => b[1] - a[1]);
  const statuses = Object.entries(data.byStatus);
  return (
    <>
      <dl className="facts report-facts">
        <dt>Hồ sơ nộp trong kỳ</dt>
        <dd>{formatNumber(data.filed)}</dd>
        <dt>Sáng kiến được công nhận</dt>
        <dd>{formatNumber(data.recognised.length)}</dd>
        <dt>Nhân rộng</dt>
        <dd>
          {formatNumber(data.replication.initiatives)} sáng kiến, tại{' '}
          {formatNumber(data.replication.adoptingUnits)} đơn vị
        </dd>
        <dt>Hiệu quả áp dụng</dt>
        <dd>
          {formatNumber(data.effect.effective)} có hiệu quả, {formatNumber(data.effect.notEffective)} chưa đạt
        </dd>
        <dt>Số tiền làm lợi</dt>
        <dd>{formatMoney(data.effect.monetaryBenefitVnd)}</dd>
        {statuses.length > 0 && (
          <>
            <dt>Theo tình trạng</dt>
            <dd>
              {statuses
                .map(([s, n]) => `${STATUS_VI[s as keyof typeof STATUS_VI] ?? s}: ${formatNumber(n)}`)
                .join(' · ')}
            </dd>
          </>
        )}
      </dl>
      {units.length > 0 && (
        <table className="responsive report-units">
          <caption>Hồ sơ nộp trong kỳ theo đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col" className="num">
                Số hồ sơ
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map(([id, n]) => (
              <tr key={id}>
                <td data-label="Đơn vị">{unitName(id)}</td>
                <td data-label="Số hồ sơ" className="num">
                  {formatNumber(n)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.recognised.length > 0 && (
        <>
          <h3>Sáng kiến được công nhận trong kỳ</h3>
          <ul className="list">
            {data.recognised.map((r) => (
              <li key={r.id}>
                <Link to={`/ho-so/${encodeURIComponent(r.id)}`} className="row-title">
                  {r.title}
                </Link>
                <div className="meta">
                  <span>{unitName(r.unitId)}</span>
                  <span>{r.authors}</span>
                  <span>
                    {r.decisionNumber ? `QĐ số ${r.decisionNumber}, ` : ''}ngày {formatDate(r.decisionDate)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** A download link for the issued report: the file needs the session, so it is fetched and saved by the page. */
function DownloadLink({ docId, format }: { docId: string; format: 'pdf' | 'docx' }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const href = `/api/v1/reports/documents/${encodeURIComponent(docId)}/${format}`;
  const click = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const blob = await call(() =>
        api.GET('/api/v1/reports/documents/{docId}/{format}', {
          params: { path: { docId, format } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `bao-cao-tong-ket.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không tải được tệp.');
    } finally {
      setPending(false);
    }
  };
  return (
    <span>
      <a
        href={href}
        className="btn btn-secondary"
        onClick={(e) => void click(e)}
        aria-busy={pending || undefined}
      >
        {pending ? 'Đang tải…' : `Tải ${format.toUpperCase()}`}
      </a>
      {error && (
        <span className="error-message" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
