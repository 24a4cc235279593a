/**
 * A unit renamed or closed without losing its history: its id stays (every case, person, office and number refers
 * to it), a rename keeps the former name with its date, and a closed unit takes no new filing while everything it
 * had stays readable. Audited.
 */
import { z } from 'zod';
import type { UnitRecord } from '../../db/directory';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { idParamsSchema } from '../schemas';
import { text } from '../dossier-schema';

const body = z
  .strictObject({
    name: text(200).optional(),
    closed: z.boolean().optional(),
    reason: text(500).optional(),
  })
  .refine((b) => b.closed !== true || !!b.reason?.trim(), {
    message: 'Cần ghi lý do đóng đơn vị (ví dụ: sáp nhập vào đơn vị khác)',
    path: ['reason'],
  });

const answer = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  closed: z.boolean(),
  closedReason: z.string().nullable(),
  formerNames: z.array(z.object({ name: z.string(), until: z.string() })),
});

/** Unit administration routes. */
export function unitRoutes(deps: GatewayDeps): Route[] {
  const dir = deps.repos.directory;
  return [
    route({
      method: 'patch',
      path: '/api/v1/admin/units/:id',
      summary: 'Đổi tên, đóng hoặc mở lại một đơn vị (lịch sử hồ sơ giữ nguyên)',
      tag: 'Quản trị',
      access: ['ADMIN'],
      params: idParamsSchema,
      body,
      errors: [404],
      success: { status: 200, description: 'Đã lưu', schema: answer },
      handler: async ({ params, body: b, actor, req }) => {
        const units = dir.units;
        const unit = await units.findById(params.id).lean<UnitRecord>().exec();
        if (!unit) throw new ProblemError(404, 'UNIT_NOT_FOUND', `Không có đơn vị mã ${params.id}.`);
        const now = new Date();
        const set: Record<string, unknown> = {};
        const formerNames = [...(unit.formerNames ?? [])];
        if (b.name && b.name.trim() !== unit.name) {
          set['name'] = b.name.trim();
          formerNames.push({ name: unit.name, until: now });
          set['formerNames'] = formerNames;
        }
        if (b.closed === true && !unit.closedAt)
          Object.assign(set, { closedAt: now, closedReason: b.reason!.trim() });
        if (b.closed === false && unit.closedAt) Object.assign(set, { closedAt: null, closedReason: null });
        const updated = Object.keys(set).length
          ? await units
              .findOneAndUpdate({ _id: unit._id }, { $set: set }, { returnDocument: 'after' })
              .lean<UnitRecord>()
              .exec()
          : unit;
        if (Object.keys(set).length)
          await deps.repos.audit.log({
            actorId: actor!.personId,
            action: 'UNIT_UPDATED',
            target: unit._id,
            details: { before: { name: unit.name, closed: !!unit.closedAt }, changes: set },
            requestId: typeof req.id === 'string' ? req.id : null,
          });
        const u = updated!;
        return {
          status: 200,
          body: {
            id: u._id,
            name: u.name,
            kind: u.kind,
            closed: !!u.closedAt,
            closedReason: u.closedReason ?? null,
            formerNames: (u.formerNames ?? []).map((f) => ({
              name: f.name,
              until: new Date(f.until).toISOString(),
            })),
          },
        };
      },
    }),
  ];
}
