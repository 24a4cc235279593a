/** The administrator keeps the signing offices: who holds which office for which term, and the delegations. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoDate } from '../dossier-schema';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';

const ADMIN = ['ADMIN'] as const;
const period = {
  from: isoDate,
  to: isoDate.nullable().default(null),
  basis: z.string().trim().min(5).max(500),
};
const OFFICES = ['CHU_TICH', 'PHO_CHU_TICH', 'THU_TRUONG_DON_VI'] as const;
const termSchema = z.object({
  id: z.string(),
  office: z.enum(OFFICES),
  personId: z.string(),
  unitId: z.string().optional(),
  from: z.string(),
  to: z.string().nullable(),
  basis: z.string(),
});
const delegationSchema = z.object({
  id: z.string(),
  personId: z.string(),
  scope: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  basis: z.string(),
});

/** Office routes. */
export function officeRoutes(deps: GatewayDeps): Route[] {
  const offices = deps.repos.offices;
  const knownPerson = async (personId: string) => {
    if (!(await deps.repos.directory.byId(personId)))
      throw new ProblemError(422, 'UNKNOWN_PERSON', `Không có người dùng mã ${personId}.`);
  };
  const ordered = (p: { from: string; to: string | null }) => {
    if (p.to !== null && p.to < p.from)
      throw new ProblemError(422, 'INVALID_PERIOD', 'Ngày kết thúc phải sau ngày bắt đầu.');
  };
  const audit = (actorId: string, action: string, target: string, details: Record<string, unknown>) =>
    deps.repos.audit.log({ actorId, action, target, details, requestId: null });

  return [
    route({
      method: 'get',
      path: '/api/v1/admin/offices',
      summary: 'Chức vụ ký văn bản (Chủ tịch, Phó Chủ tịch) và phân công ký thay',
      tag: 'Quản trị',
      access: ADMIN,
      success: {
        status: 200,
        description: 'Nhiệm kỳ và phân công',
        schema: z.object({ terms: z.array(termSchema), delegations: z.array(delegationSchema) }),
      },
      handler: async () => ({
        status: 200,
        body: {
          terms: await offices.terms.find({}, { _id: 0 }).sort({ from: -1 }).lean().exec(),
          delegations: await offices.delegations.find({}, { _id: 0 }).sort({ from: -1 }).lean().exec(),
        },
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/offices',
      summary:
        'Ghi nhiệm kỳ chức vụ: Chủ tịch, Phó Chủ tịch, thủ trưởng đơn vị (người giữ chức, đơn vị, từ ngày, đến ngày, căn cứ)',
      tag: 'Quản trị',
      access: ADMIN,
      body: z.strictObject({
        office: z.enum(OFFICES),
        personId: z.string().min(1).max(100),
        unitId: z.string().min(1).max(64).optional(),
        ...period,
      }),
      errors: [422],
      success: { status: 201, description: 'Đã ghi', schema: termSchema },
      handler: async ({ body, actor }) => {
        await knownPerson(body.personId);
        ordered(body);
        if ((body.office === 'THU_TRUONG_DON_VI') !== (body.unitId !== undefined))
          throw new ProblemError(
            422,
            'INVALID_INPUT',
            'Nhiệm kỳ thủ trưởng đơn vị cần ghi đơn vị; chức vụ của UBND xã thì không ghi đơn vị.',
          );
        if (body.unitId && !(await deps.repos.directory.units.exists({ _id: { $eq: body.unitId } })))
          throw new ProblemError(422, 'UNKNOWN_UNIT', `Không có đơn vị mã ${body.unitId}.`);
        const term = { id: `term-${randomUUID()}`, ...body };
        await offices.terms.create({ _id: term.id, ...term });
        await audit(actor!.personId, 'OFFICE_TERM_RECORDED', term.id, term);
        return { status: 201, body: term };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/delegations',
      summary: 'Ghi phân công Phó Chủ tịch ký thay Chủ tịch (lĩnh vực, thời hạn, căn cứ)',
      tag: 'Quản trị',
      access: ADMIN,
      body: z.strictObject({
        personId: z.string().min(1).max(100),
        scope: z.string().trim().min(3).max(300),
        ...period,
      }),
      errors: [422],
      success: { status: 201, description: 'Đã ghi', schema: delegationSchema },
      handler: async ({ body, actor }) => {
        await knownPerson(body.personId);
        ordered(body);
        const delegation = { id: `delegation-${randomUUID()}`, ...body };
        await offices.delegations.create({ _id: delegation.id, ...delegation });
        await audit(actor!.personId, 'DELEGATION_RECORDED', delegation.id, delegation);
        return { status: 201, body: delegation };
      },
    }),
  ];
}
