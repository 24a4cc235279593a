/** The gateway's route table as declared in its registry (no server needed to read it). */
import { allRoutes } from '../../src/gateway/app';
import type { GatewayDeps } from '../../src/gateway/deps';
import type { Route } from '../../src/gateway/registry';

/** Every declared route (handlers are not called here). */
export function declaredRoutes(): Route[] {
  return allRoutes({
    version: 'test',
    repos: {},
    attachments: { maxFileBytes: 1024, maxCaseBytes: 2048 },
  } as unknown as GatewayDeps);
}

/** A concrete path for a route: `:id` and `:unitId` filled in. */
export function concretePath(
  path: string,
  ids: { id?: string; unitId?: string; version?: string } = {},
): string {
  return path
    .replace('/reports/documents/:docId', '/reports/documents/report%3A2026-01-01%3A2026-12-31')
    .replace(':docId', 'khong-ton-tai%3ARECEIPT')
    .replace(':attachmentId', 'khong-ton-tai%3Aabcdef')
    .replace(':format', 'pdf')
    .replace(':unitId', ids.unitId ?? 'tram-y-te')
    .replace(':version', ids.version ?? '2026.1')
    .replace(':id', ids.id ?? 'khong-ton-tai');
}

/** One demo person per role (see src/seed/demo.ts) and the roles each holds. */
export const DEMO_BY_ROLE = {
  SUBMITTER: { username: 'giaovien.thcs', roles: ['SUBMITTER'] },
  UNIT_HEAD: { username: 'hieutruong.thcs', roles: ['UNIT_HEAD'] },
  SECRETARY: { username: 'thuky', roles: ['SECRETARY', 'COUNCIL_MEMBER'] },
  COUNCIL_MEMBER: { username: 'uyvien1', roles: ['COUNCIL_MEMBER'] },
  CHAIRMAN: { username: 'phochutich', roles: ['CHAIRMAN'] },
  SUPERVISOR: { username: 'giamsat', roles: ['SUPERVISOR'] },
  ADMIN: { username: 'quantri', roles: ['ADMIN'] },
} as const;
