/** Rounds (đợt xét) as every page uses them: the list, their status in words, a filter, where a filing would go. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { formatDate } from '../format';
import { FilterSelect } from './filter-select';

export type RoundItem =
  paths['/api/v1/rounds']['get']['responses'][200]['content']['application/json']['items'][number];

export const ROUND_STATUS_VI: Record<RoundItem['status'], string> = {
  UPCOMING: 'Sắp mở',
  OPEN: 'Đang nhận hồ sơ',
  CLOSED: 'Đã kết thúc nhận hồ sơ',
};

/** The rounds, newest first, with the year's standing round where the commune takes dossiers all year. */
export function useRounds() {
  return useQuery({ queryKey: ['rounds'], queryFn: () => call(() => api.GET('/api/v1/rounds')) });
}

/** "01/09/2026 – 30/09/2026", with the early close when there was one. */
export function roundWindow(r: Pick<RoundItem, 'opensOn' | 'closesOn' | 'closedEarlyOn'>): string {
  const last = r.closedEarlyOn && r.closedEarlyOn < r.closesOn ? r.closedEarlyOn : r.closesOn;
  return `${formatDate(r.opensOn)} – ${formatDate(last)}`;
}

/** A list's round filter. */
export function RoundFilter({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const rounds = useRounds();
  return (
    <FilterSelect
      id={id}
      label="Đợt xét"
      all="Tất cả đợt xét"
      value={value}
      onChange={onChange}
      options={(rounds.data?.items ?? []).map((r) => [r.id, r.name] as const)}
    />
  );
}

/** Where a dossier of this unit and field would go if sent now: a round, or why none takes it. */
export function RoundPlacement({ unitId, field }: { unitId: string; field: string }) {
  const ready = unitId !== '' && field.trim() !== '';
  const placement = useQuery({
    queryKey: ['rounds', 'placement', unitId, field.trim()],
    queryFn: () =>
      call(() => api.GET('/api/v1/rounds/placement', { params: { query: { unitId, field: field.trim() } } })),
    enabled: ready,
  });
  if (!ready || !placement.data) return null;
  const { round, refused } = placement.data;
  if (refused)
    return (
      <p className="notice notice-warn" role="status">
        {refused.message}
      </p>
    );
  return (
    <p className="meta" role="status">
      Hồ sơ gửi hôm nay được xét trong <strong>{round!.name}</strong> (nhận hồ sơ đến{' '}
      {formatDate(round!.closesOn)}).
    </p>
  );
}
