/**
 * The public list of recognised initiatives (no sign-in): search that ignores diacritics (the API folds them), filters
 * by unit, field and year, paging, and the open-data downloads. In the first-load bundle, so it stays small.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, call, newKey } from '../api/client';
import { useSession } from '../session';
import type { paths } from '../api/schema';
import { Failure, Loading, PageTitle } from '../components/layout';
import { formatDate, formatMoney, formatNumber } from '../format';
import { FilterSelect } from '../components/filter-select';

type PublicQuery = NonNullable<paths['/api/v1/public/initiatives']['get']['parameters']['query']>;
type PublicItem =
  paths['/api/v1/public/initiatives']['get']['responses'][200]['content']['application/json']['items'][number];

const PAGE_SIZE = 10;
const FIRST_YEAR = 2020;

export function PublicListPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = params.get('donVi') ?? '';
  const field = params.get('linhVuc') ?? '';
  const year = params.get('nam') ?? '';
  const page = Math.max(1, Number(params.get('trang')) || 1);

  // The search box is typed into freely; the list follows after a short pause (or at once on "Tìm").
  const [draft, setDraft] = useState(q);
  const [fieldDraft, setFieldDraft] = useState(field);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => setFieldDraft(field), [field]);

  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('trang' in changes)) next.delete('trang');
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (draft.trim() === q && fieldDraft.trim() === field) return;
    const t = setTimeout(() => update({ q: draft.trim(), linhVuc: fieldDraft.trim() }), 400);
    return () => clearTimeout(t);
  }, [draft, fieldDraft]);

  const query: PublicQuery = {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(unitId ? { unitId } : {}),
    ...(field ? { field } : {}),
    ...(year ? { year: Number(year) } : {}),
  };
  const list = useQuery({
    queryKey: ['public-initiatives', query],
    queryFn: () => call(() => api.GET('/api/v1/public/initiatives', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => call(() => api.GET('/api/v1/units')),
    staleTime: 10 * 60_000,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim(), linhVuc: fieldDraft.trim() });
  };
  const reset = () => {
    setDraft('');
    setFieldDraft('');
    setParams(new URLSearchParams(), { replace: true });
  };

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const thisYear = new Date().getFullYear();
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push(y);
  const filtered = !!(q || unitId || field || year);
  const ids = {
    q: useId(),
    unit: useId(),
    field: useId(),
    year: useId(),
  };

  return (
    <>
      <PageTitle lead="Các sáng kiến đã được Chủ tịch UBND xã công nhận. Ai cũng xem được, không cần đăng nhập.">
        Sáng kiến được công nhận
      </PageTitle>

      <form className="card public-filters" role="search" aria-label="Tìm sáng kiến" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.q}>Tìm theo tên hoặc nội dung</label>
          <p className="hint" id={`${ids.q}-hint`}>
            Gõ có dấu hay không dấu đều được, ví dụ “sang kien” tìm được “Sáng kiến”.
          </p>
          <div className="search-row">
            <input
              id={ids.q}
              type="search"
              value={draft}
              aria-describedby={`${ids.q}-hint`}
              onChange={(e) => setDraft(e.target.value)}
              autoComplete="off"
            />
            <button type="submit" className="btn btn-primary">
              Tìm
            </button>
          </div>
        </div>
        <div className="inline-fields">
          <FilterSelect
            id={ids.unit}
            label="Đơn vị"
            all="Tất cả đơn vị"
            value={unitId}
            onChange={(v) => update({ donVi: v })}
            options={(units.data ?? []).map((u) => [u.id, u.name] as const)}
          />
          <div className="field">
            <label htmlFor={ids.field}>Lĩnh vực áp dụng</label>
            <input
              id={ids.field}
              type="text"
              value={fieldDraft}
              onChange={(e) => setFieldDraft(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor={ids.year}>Năm</label>
            <select id={ids.year} value={year} onChange={(e) => update({ nam: e.target.value })}>
              <option value="">Tất cả các năm</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </div>
        {filtered && (
          <button type="button" className="btn btn-secondary" onClick={reset}>
            Xóa bộ lọc
          </button>
        )}
      </form>

      <section aria-labelledby="results-title">
        <h2 id="results-title">Kết quả</h2>
        <p role="status" aria-live="polite" className="meta">
          {list.isPending
            ? 'Đang tìm…'
            : list.isError
              ? ''
              : total === 0
                ? filtered
                  ? 'Không có sáng kiến nào khớp với điều kiện tìm.'
                  : 'Chưa có sáng kiến nào được công nhận.'
                : `Tìm thấy ${formatNumber(total)} sáng kiến${pages > 1 ? `, trang ${page}/${pages}` : ''}.`}
        </p>
        {list.isPending && <Loading what="danh sách" />}
        {list.isError && <Failure error={list.error} retry={() => void list.refetch()} />}
        {list.data && list.data.items.length > 0 && (
          <ol className="list public-list" start={(page - 1) * PAGE_SIZE + 1}>
            {list.data.items.map((item) => (
              <PublicEntry key={item.id} item={item} />
            ))}
          </ol>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label="Phân trang">
            <button
              type="button"
              className="btn btn-secondary"
              disabled={page <= 1}
              onClick={() => update({ trang: String(page - 1) })}
            >
              ‹ Trang trước
            </button>
            <span>
              Trang {page}/{pages}
            </span>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={page >= pages}
              onClick={() => update({ trang: String(page + 1) })}
            >
              Trang sau ›
            </button>
          </nav>
        )}
      </section>
      <section className="card" aria-labelledby="open-data-title">
        <h2 id="open-data-title">Dữ liệu mở</h2>
        <p className="meta">Toàn bộ danh sách, không gồm phần bảo mật của hồ sơ, mã hóa UTF-8.</p>
        <div className="actions-row">
          <a className="btn btn-secondary" href="/api/v1/public/initiatives.xlsx" download>
            Tải bảng tính (XLSX)
          </a>
          <a className="btn btn-secondary" href="/api/v1/public/initiatives.csv" download>
            Tải CSV
          </a>
          <a className="btn btn-secondary" href="/api/v1/public/initiatives.json" download>
            Tải JSON
          </a>
        </div>
      </section>
    </>
  );
}

function PublicEntry({ item }: { item: PublicItem }) {
  return (
    <li className="card public-item">
      <h3>{item.title}</h3>
      <dl className="facts">
        <dt>Đơn vị</dt>
        <dd>{item.unitName}</dd>
        <dt>Lĩnh vực</dt>
        <dd>{item.field}</dd>
        <dt>Tác giả</dt>
        <dd>
          {item.authors
            .map((a) =>
              item.authors.length > 1 ? `${a.fullName} (${formatNumber(a.sharePercent)}%)` : a.fullName,
            )
            .join(', ')}
        </dd>
        <dt>Quyết định công nhận</dt>
        <dd>
          {item.decisionNumber ? `Số ${item.decisionNumber}, ` : ''}ngày {formatDate(item.decisionDate)}
        </dd>
        {item.effect && (
          <>
            <dt>Hiệu quả</dt>
            <dd>
              {item.effect}
              {item.monetaryBenefitVnd ? `; số tiền làm lợi ${formatMoney(item.monetaryBenefitVnd)}` : ''}
            </dd>
          </>
        )}
      </dl>
      {item.summary && <p className="public-summary">{item.summary}</p>}
      {item.replicationOpen && <Volunteer item={item} />}
    </li>
  );
}

/** A unit head offers their own units to replicate the initiative; the case then appears in their list. */
function Volunteer({ item }: { item: PublicItem }) {
  const { person, has } = useSession();
  const [key] = useState(newKey);
  const units = (person?.unitIds ?? []).filter((u) => u !== item.unitId);
  const volunteer = useMutation({
    mutationFn: () =>
      call(() =>
        api.POST('/api/v1/initiatives/{id}/replication', {
          params: { path: { id: item.id }, header: { 'Idempotency-Key': key } },
          body: { unitIds: units },
        }),
      ),
  });
  if (!has('UNIT_HEAD') || units.length === 0) return null;
  if (volunteer.isSuccess)
    return (
      <p role="status" className="notice notice-ok">
        Đã đăng ký nhân rộng tại đơn vị của bạn.{' '}
        <Link to={`/ho-so/${encodeURIComponent(item.id)}`}>Mở hồ sơ</Link> để lập kế hoạch áp dụng.
      </p>
    );
  return (
    <div className="actions-row">
      <button
        type="button"
        className="btn btn-secondary"
        disabled={volunteer.isPending}
        onClick={() => volunteer.mutate()}
      >
        {volunteer.isPending ? 'Đang gửi…' : 'Đăng ký nhân rộng tại đơn vị mình'}
      </button>
      {volunteer.isError && (
        <p role="alert" className="error-message">
          {volunteer.error.message}
        </p>
      )}
    </div>
  );
}
