/** Giám sát › Hồ sơ ách tắc: the filters, the board of stuck cases (overdue first) and the selection to act on. */
import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { DownloadButton } from '../../components/download';
import { QueryStatus } from '../../components/feedback';
import { formatNumber } from '../../format';
import { BoardFilters, useBoardFilters } from './board-filters';
import { BulkActions } from './bulk-actions';
import { useUnitNames } from './shared';
import { StuckTableRow } from './stuck-row';

export function StuckBoard() {
  const { units, name: unitName } = useUnitNames();
  const filters = useBoardFilters();
  const { query } = filters;
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

  return (
    <section aria-labelledby="ach-tac" className="supervision-board">
      <h2 id="ach-tac">Hồ sơ ách tắc</h2>
      <p className="meta">
        Không chọn “số ngày không tiến triển” thì bảng chỉ gồm hồ sơ quá hạn, đã báo cáo lãnh đạo hoặc chưa
        tính được hạn. Quá hạn lên đầu.
      </p>
      <BoardFilters filters={filters} units={units} />
      <p>
        <DownloadButton
          href="/api/v1/supervision/stuck.xlsx"
          filename="ho-so-ach-tac.xlsx"
          label="Tải bảng tính (XLSX)"
          fetchBlob={() =>
            call(() => api.GET('/api/v1/supervision/stuck.xlsx', { params: { query }, parseAs: 'blob' }))
          }
        />
      </p>

      <p role="status" aria-live="polite" className="meta">
        {stuck.data
          ? stuck.data.total === 0
            ? 'Không có hồ sơ nào khớp với bộ lọc.'
            : `${formatNumber(stuck.data.total)} hồ sơ${stuck.data.total > rows.length ? `, hiện ${rows.length} hồ sơ đầu` : ''}; đã chọn ${selected.size}.`
          : ''}
      </p>
      <QueryStatus query={stuck} what="hồ sơ ách tắc" />
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
