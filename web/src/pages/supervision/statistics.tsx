/** Giám sát › Số liệu hồ sơ: open cases by stage and by unit, and the mean time in each stage, as bar charts. */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useRounds } from '../../components/rounds';
import { api, call } from '../../api/client';
import { Bars } from '../../components/bars';
import { DownloadButton } from '../../components/download';
import { QueryStatus } from '../../components/feedback';
import { formatNumber } from '../../format';
import { STAGE_ORDER, STAGE_VI } from '../../labels';
import { statusCounts, useUnitNames, type Stats } from './shared';

export function StatsSection() {
  const { name: unitName } = useUnitNames();
  // The board's round filter applies here too: the figures of one round, or of every case.
  const [params] = useSearchParams();
  const roundId = params.get('dotXet') ?? '';
  const query = roundId ? { roundId } : {};
  const round = useRounds().data?.items.find((r) => r.id === roundId);
  const stats = useQuery({
    queryKey: ['supervision', 'stats', roundId],
    queryFn: () => call(() => api.GET('/api/v1/supervision/stats', { params: { query } })),
  });
  return (
    <section aria-labelledby="so-lieu">
      <h2 id="so-lieu">Số liệu hồ sơ{round ? ` – ${round.name}` : ''}</h2>
      <p>
        <DownloadButton
          href={`/api/v1/supervision/stats.xlsx${roundId ? `?roundId=${encodeURIComponent(roundId)}` : ''}`}
          filename={roundId ? `so-lieu-${roundId}.xlsx` : 'so-lieu-ho-so.xlsx'}
          label="Tải bảng tính (XLSX)"
          fetchBlob={() =>
            call(() => api.GET('/api/v1/supervision/stats.xlsx', { params: { query }, parseAs: 'blob' }))
          }
        />
      </p>
      <QueryStatus query={stats} what="số liệu" />
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
  const statuses = statusCounts(stats.byStatus);
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
