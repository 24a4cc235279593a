/**
 * Authors as stable people: the filer picks an author who is already known (an account or an author record), and a
 * dossier that names someone new gets a record for them before its case starts (src/db/authors.ts).
 */
import { z } from 'zod';
import type { Author } from '../../contracts/initiative';
import { escapeRegex, foldVietnamese } from '../../domain/text';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';

/**
 * The authors with a person id each: a given id must be a known account or author record of the same name, and an
 * author without one gets a new record. Refused (422, naming the field) when an id is unknown or names someone else.
 */
export async function withAuthorIds(
  deps: GatewayDeps,
  initiativeId: string,
  unitId: string,
  authors: readonly Author[],
): Promise<Author[]> {
  const given = authors.flatMap((a) => (a.personId ? [a.personId] : []));
  const [accounts, records] = await Promise.all([
    deps.repos.directory.people
      .find({ _id: { $in: given } }, { fullName: 1 })
      .lean<{ _id: string; fullName: string }[]>()
      .exec(),
    deps.repos.authors.byIds(given),
  ]);
  const known = new Map([...accounts, ...records].map((p) => [p._id, foldVietnamese(p.fullName)]));
  const errors = authors.flatMap((a, i) => {
    if (!a.personId) return [];
    const name = known.get(a.personId);
    if (name === undefined)
      return [
        { path: `body.authors.${i}.personId`, message: `Không có người mã ${a.personId} trong danh bạ.` },
      ];
    if (name !== foldVietnamese(a.fullName))
      return [
        {
          path: `body.authors.${i}.fullName`,
          message: 'Họ tên không khớp với người đã chọn trong danh bạ; chọn lại hoặc bỏ liên kết.',
        },
      ];
    return [];
  });
  if (errors.length > 0)
    throw new ProblemError(
      422,
      'UNKNOWN_PERSON',
      'Có tác giả không khớp với danh bạ, vui lòng kiểm tra các trường được nêu.',
      { errors },
    );
  return Promise.all(
    authors.map(async (a, i) =>
      a.personId ? a : { ...a, personId: await deps.repos.authors.create(initiativeId, i, a, unitId) },
    ),
  );
}

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
