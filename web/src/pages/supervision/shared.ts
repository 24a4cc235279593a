/** What the Giám sát sections share: the API's types, the unit names, and counts by status in words. */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatNumber } from '../../format';
import { STATUS_VI } from '../../labels';

export type StuckQuery = NonNullable<paths['/api/v1/supervision/stuck']['get']['parameters']['query']>;
export type StuckRow =
  paths['/api/v1/supervision/stuck']['get']['responses'][200]['content']['application/json']['items'][number];
export type Stats =
  paths['/api/v1/supervision/stats']['get']['responses'][200]['content']['application/json'];
export type Summary =
  paths['/api/v1/reports/summary']['get']['responses'][200]['content']['application/json'];
export type BulkResult = { id: string; ok: boolean; code?: string; dueAt?: string | null };

/** The commune's units and a unit's name by its id (the id itself when unknown). */
export function useUnitNames() {
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => call(() => api.GET('/api/v1/units')),
    staleTime: 10 * 60_000,
  });
  const names = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  return { units: units.data ?? [], name: (id: string) => names.get(id) ?? id };
}

/** "Đang xử lý: 3 · Đã công nhận: 1": counts by status, in the order given. */
export function statusCounts(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .map(([s, n]) => `${STATUS_VI[s as keyof typeof STATUS_VI] ?? s}: ${formatNumber(n)}`)
    .join(' · ');
}
