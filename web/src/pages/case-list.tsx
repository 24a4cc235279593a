/** The cases this person may see (a submitter: their own): where each is and what it waits on; filters in the URL. */
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { DownloadButton } from '../components/download';
import { PageTitle } from '../components/layout';
import { DueChip, StatusTag, waitingText } from '../components/status';
import { formatDate } from '../format';
import { STAGE_ORDER, STAGE_VI, STATUS_VI, STEP_VI } from '../labels';
import { useSession } from '../session';
import type { CaseStatus, Stage, WaitingOn } from '../../../src/contracts/initiative';
import { FilterSelect } from '../components/filter-select';
import { RoundFilter } from '../components/rounds';
import { QueryItems } from '../components/feedback';

const PAGE = 20;

export default function CaseListPage() {
  const { has } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const stage = (params.get('giai-doan') ?? '') as Stage | '';
  const status = (params.get('trang-thai') ?? '') as CaseStatus | '';
  const roundId = params.get('dot-xet') ?? '';
  const offset = Number(params.get('tu') ?? 0) || 0;
  const [search, setSearch] = useState(q);

  const list = useQuery({
    queryKey: ['cases', q, stage, status, roundId, offset],
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/initiatives', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(stage ? { stage } : {}),
              ...(status ? { status } : {}),
              ...(roundId ? { roundId } : {}),
              sort: '-updatedAt',
              limit: PAGE,
              offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const filters = {
    ...(q ? { q } : {}),
    ...(stage ? { stage } : {}),
    ...(status ? { status } : {}),
    ...(roundId ? { roundId } : {}),
  };
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('tu' in changes)) next.delete('tu');
    setParams(next);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: search.trim() });
  };

  const total = list.data?.total ?? 0;
  return (
    <>
      <PageTitle
        lead={
          has('SUBMITTER') && !has('SECRETARY', 'SUPERVISOR', 'CHAIRMAN')
            ? 'Hồ sơ tôi đã nộp hoặc đứng tên tác giả.'
            : 'Các hồ sơ bạn được xem.'
        }
        actions={
          <>
            <DownloadButton
              href={`/api/v1/initiatives.xlsx?${new URLSearchParams(filters).toString()}`}
              filename="danh-sach-ho-so.xlsx"
              label="Tải bảng tính (XLSX)"
              fetchBlob={() =>
                call(() =>
                  api.GET('/api/v1/initiatives.xlsx', {
                    params: { query: { ...filters, sort: '-updatedAt' } },
                    parseAs: 'blob',
                  }),
                )
              }
            />
            {has('SUBMITTER') && (
              <Link className="btn btn-primary" to="/ho-so/moi">
                Nộp hồ sơ mới
              </Link>
            )}
          </>
        }
      >
        Hồ sơ sáng kiến
      </PageTitle>
      <form className="card filters" onSubmit={onSearch} role="search" aria-label="Lọc hồ sơ">
        <div className="inline-fields">
          <div className="field">
            <label htmlFor="f-q">Tìm theo tên, mã hồ sơ (không cần dấu)</label>
            <input id="f-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <FilterSelect
            id="f-stage"
            label="Giai đoạn"
            all="Tất cả"
            value={stage}
            onChange={(v) => update({ 'giai-doan': v })}
            options={STAGE_ORDER.map((s) => [s, STAGE_VI[s]] as const)}
          />
          <div className="field">
            <label htmlFor="f-status">Trạng thái</label>
            <select id="f-status" value={status} onChange={(e) => update({ 'trang-thai': e.target.value })}>
              <option value="">Tất cả</option>
              {(Object.keys(STATUS_VI) as CaseStatus[]).map((s) => (
                <option key={s} value={s}>
                  {STATUS_VI[s]}
                </option>
              ))}
            </select>
          </div>
          <RoundFilter id="f-round" value={roundId} onChange={(v) => update({ 'dot-xet': v })} />
        </div>
        <button className="btn btn-secondary" type="submit">
          Tìm
        </button>
      </form>
      <QueryItems query={list} what="hồ sơ" retry empty={<p className="card">Không có hồ sơ nào phù hợp.</p>}>
        {(items) => (
          <>
            <p role="status" className="meta">
              {total} hồ sơ
            </p>
            <table className="responsive card">
              <thead>
                <tr>
                  <th scope="col">Sáng kiến</th>
                  <th scope="col">Giai đoạn, bước</th>
                  <th scope="col">Đang chờ</th>
                  <th scope="col">Hạn xử lý</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td data-label="Sáng kiến">
                      <Link to={`/ho-so/${encodeURIComponent(c.id)}`} className="row-title">
                        {c.title}
                      </Link>
                      <div className="meta">
                        <span>Mã hồ sơ {c.code ?? c.id}</span>
                        <span>Nộp {formatDate(c.filedAt)}</span>
                      </div>
                    </td>
                    <td data-label="Giai đoạn">
                      {STAGE_VI[c.stage]}
                      <div className="meta">{STEP_VI[c.step]}</div>
                    </td>
                    <td data-label="Đang chờ">
                      {c.status === 'OPEN' ? waitingText(c.waitingOn as WaitingOn | null) : '—'}
                    </td>
                    <td data-label="Hạn xử lý">
                      {c.status === 'OPEN' ? <DueChip dueAt={c.dueAt} overdue={c.overdue} /> : '—'}
                    </td>
                    <td data-label="Trạng thái">
                      <StatusTag status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="actions-row" aria-label="Trang">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset === 0}
                onClick={() => update({ tu: String(Math.max(0, offset - PAGE)) })}
              >
                Trang trước
              </button>
              <span>
                {offset + 1}–{Math.min(offset + PAGE, total)} / {total}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset + PAGE >= total}
                onClick={() => update({ tu: String(offset + PAGE) })}
              >
                Trang sau
              </button>
            </nav>
          </>
        )}
      </QueryItems>
    </>
  );
}
