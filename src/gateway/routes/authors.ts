/**
 * Authors as stable people: the filer picks an author who is already known (an account or an author record), and a
 * dossier that names someone new gets a record for them before its case starts (src/db/authors.ts; the check and the
 * new records: withAuthorIds in ../lookups.ts).
 */
import { z } from 'zod';
import { escapeRegex, foldVietnamese } from '../../domain/text';
import type { GatewayDeps } from '../deps';
import { route, type Route } from '../registry';

const personSchema = z.object({
  personId: z.string(),
  fullName: z.string(),
  workplace: z.string().nullable(),
  hasAccount: z.boolean(),
});

/** The author look-up of the dossier form. */
export function authorRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/authors',
      summary: 'Tìm tác giả đã có (người dùng hoặc tác giả của hồ sơ trước) để ghi đúng một người',
      tag: 'Hồ sơ',
      access: ['SUBMITTER', 'UNIT_HEAD', 'SECRETARY', 'SUPERVISOR'],
      query: z.strictObject({ q: z.string().trim().min(2).max(120) }),
      success: {
        status: 200,
        description: 'Những người có tên khớp (nhiều nhất 10)',
        schema: z.object({ items: z.array(personSchema) }),
      },
      handler: async ({ query }) => {
        const pattern = escapeRegex(foldVietnamese(query.q));
        const [accounts, records] = await Promise.all([
          deps.repos.directory.people
            .find({ fullNameFolded: { $regex: pattern }, active: true }, { fullName: 1, unitIds: 1 })
            .sort({ fullNameFolded: 1, _id: 1 })
            .limit(10)
            .lean<{ _id: string; fullName: string; unitIds: string[] }[]>()
            .exec(),
          deps.repos.authors.search(pattern, 10),
        ]);
        const units = new Map(
          (await deps.repos.directory.units.find({}, { name: 1 }).lean().exec()).map((u) => [u._id, u.name]),
        );
        const items = [
          ...accounts.map((p) => ({
            personId: p._id,
            fullName: p.fullName,
            workplace: p.unitIds.map((u) => units.get(u) ?? u).join(', ') || null,
            hasAccount: true,
          })),
          ...records.map((r) => ({
            personId: r._id,
            fullName: r.fullName,
            workplace: r.workplace ?? units.get(r.unitId) ?? null,
            hasAccount: false,
          })),
        ].slice(0, 10);
        return { status: 200, body: { items } };
      },
    }),
  ];
}
