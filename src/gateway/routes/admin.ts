/** Administration: people, roles and scopes, units, councils and rule packs (a new version, never an edit). */
import { z } from 'zod';
import { isDuplicateKeyError } from '../../db/cases';
import type { PersonRecord } from '../../db/directory';
import type { RulePack } from '../../domain/rule-pack';
import { foldVietnamese } from '../../domain/text';
import { toPerson } from '../answers';
import { hashPassword } from '../auth';
import type { GatewayDeps } from '../deps';
import { councilMembers } from '../lookups';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import {
  createCouncilSchema,
  createPersonSchema,
  createUnitSchema,
  idParamsSchema,
  personSchema,
  updateCouncilSchema,
  updatePersonSchema,
  versionParamsSchema,
} from '../schemas';

const ADMIN = ['ADMIN'] as const;
const unitSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), closed: z.boolean() });
const councilSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  members: z.array(z.object({ personId: z.string(), fullName: z.string(), position: z.string() })),
});
const rulePackSchema = z.object({ version: z.string(), effectiveFrom: z.string() }).loose();

/** A rule pack as an administrator publishes it: same shape as the default pack, checked in depth by the server. */
const rulePackBody = z
  .object({
    version: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
    effectiveFrom: z.iso.datetime({ offset: true }),
    description: z.string().min(1).max(1000),
  })
  .loose();

/** Admin routes. */
export function adminRoutes(deps: GatewayDeps): Route[] {
  const dir = deps.repos.directory;
  const audit = (
    actorId: string,
    action: string,
    target: string,
    details: Record<string, unknown>,
    requestId: unknown,
  ) =>
    deps.repos.audit.log({
      actorId,
      action,
      target,
      details,
      requestId: typeof requestId === 'string' ? requestId : null,
    });

  return [
    route({
      method: 'get',
      path: '/api/v1/admin/people',
      summary: 'Danh sách người dùng',
      tag: 'Quản trị',
      access: ADMIN,
      success: { status: 200, description: 'Người dùng', schema: z.array(personSchema) },
      handler: async () => ({
        status: 200,
        body: (await dir.people.find().sort({ _id: 1 }).lean<PersonRecord[]>().exec()).map(toPerson),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/people',
      summary: 'Thêm người dùng với vai trò và phạm vi',
      tag: 'Quản trị',
      access: ADMIN,
      body: createPersonSchema,
      errors: [409],
      success: { status: 201, description: 'Đã thêm', schema: personSchema },
      handler: async ({ body, actor, req }) => {
        try {
          const p = await dir.addPerson({
            _id: body.id,
            username: body.username,
            fullName: body.fullName,
            passwordHash: await hashPassword(body.password),
            roles: body.roles,
            unitIds: body.unitIds,
            councilIds: body.councilIds,
          });
          await audit(
            actor!.personId,
            'PERSON_CREATED',
            body.id,
            { roles: body.roles, unitIds: body.unitIds, councilIds: body.councilIds },
            req.id,
          );
          return { status: 201, body: toPerson(p) };
        } catch (err) {
          if (isDuplicateKeyError(err))
            throw new ProblemError(409, 'PERSON_EXISTS', 'Mã hoặc tên đăng nhập đã được dùng.');
          throw err;
        }
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/admin/people/:id',
      summary: 'Sửa vai trò, phạm vi, mật khẩu hoặc khóa tài khoản',
      tag: 'Quản trị',
      access: ADMIN,
      params: idParamsSchema,
      body: updatePersonSchema,
      errors: [404],
      success: { status: 200, description: 'Đã sửa', schema: personSchema },
      handler: async ({ params, body, actor, req }) => {
        const { password, ...rest } = body;
        const set: Record<string, unknown> = { ...rest };
        if (rest.fullName) set['fullNameFolded'] = foldVietnamese(rest.fullName);
        if (password) set['passwordHash'] = await hashPassword(password);
        const updated = await dir.people
          .findOneAndUpdate({ _id: { $eq: params.id } }, { $set: set }, { returnDocument: 'after' })
          .lean<PersonRecord>()
          .exec();
        if (!updated) throw new ProblemError(404, 'PERSON_NOT_FOUND', `Không có người dùng mã ${params.id}.`);
        if (body.active === false || password)
          await deps.repos.sessions.model
            .updateMany({ personId: params.id, revokedAt: null }, { $set: { revokedAt: new Date() } })
            .exec();
        await audit(
          actor!.personId,
          'PERSON_UPDATED',
          params.id,
          { ...rest, passwordChanged: !!password },
          req.id,
        );
        return { status: 200, body: toPerson(updated) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/units',
      summary: 'Danh sách đơn vị của xã (công khai: người xem danh sách sáng kiến lọc theo đơn vị)',
      tag: 'Danh mục',
      access: 'public',
      success: { status: 200, description: 'Đơn vị', schema: z.array(unitSchema) },
      handler: async () => ({
        status: 200,
        body: (await dir.units.find().sort({ _id: 1 }).lean().exec()).map((u) => ({
          id: u._id,
          name: u.name,
          kind: u.kind,
          closed: !!u.closedAt,
        })),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/units',
      summary: 'Thêm đơn vị',
      tag: 'Quản trị',
      access: ADMIN,
      body: createUnitSchema,
      errors: [409],
      success: { status: 201, description: 'Đã thêm', schema: unitSchema },
      handler: async ({ body, actor, req }) => {
        try {
          await dir.units.create({ _id: body.id, name: body.name, kind: body.kind, createdAt: new Date() });
        } catch (err) {
          if (isDuplicateKeyError(err))
            throw new ProblemError(409, 'UNIT_EXISTS', `Đơn vị mã ${body.id} đã có.`);
          throw err;
        }
        await audit(actor!.personId, 'UNIT_CREATED', body.id, { name: body.name, kind: body.kind }, req.id);
        return { status: 201, body: { ...body, closed: false } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/councils',
      summary: 'Danh sách Hội đồng sáng kiến',
      tag: 'Quản trị',
      access: ['ADMIN', 'CHAIRMAN', 'SECRETARY'],
      success: { status: 200, description: 'Hội đồng', schema: z.array(councilSchema) },
      handler: async () => ({
        status: 200,
        body: (await dir.councils.find().sort({ _id: 1 }).lean().exec()).map((c) => ({
          id: c._id,
          name: c.name,
          year: c.year,
          members: c.members,
        })),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/councils',
      summary: 'Thành lập Hội đồng thường trực',
      tag: 'Quản trị',
      access: ADMIN,
      body: createCouncilSchema,
      errors: [409],
      success: { status: 201, description: 'Đã thêm', schema: councilSchema },
      handler: async ({ body, actor, req }) => {
        const members = await councilMembers(dir, body.members);
        try {
          await dir.councils.create({
            _id: body.id,
            name: body.name,
            year: body.year,
            members,
            createdAt: new Date(),
          });
        } catch (err) {
          if (isDuplicateKeyError(err))
            throw new ProblemError(409, 'COUNCIL_EXISTS', `Hội đồng mã ${body.id} đã có.`);
          throw err;
        }
        await dir.people
          .updateMany(
            { _id: { $in: members.map((m) => m.personId) } },
            { $addToSet: { councilIds: body.id } },
          )
          .exec();
        await audit(actor!.personId, 'COUNCIL_CREATED', body.id, { members }, req.id);
        return { status: 201, body: { id: body.id, name: body.name, year: body.year, members } };
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/admin/councils/:id',
      summary: 'Sửa tên hoặc thành viên Hội đồng',
      tag: 'Quản trị',
      access: ADMIN,
      params: idParamsSchema,
      body: updateCouncilSchema,
      errors: [404],
      success: { status: 200, description: 'Đã sửa', schema: councilSchema },
      handler: async ({ params, body, actor, req }) => {
        const set: Record<string, unknown> = {};
        if (body.name) set['name'] = body.name;
        if (body.members) set['members'] = await councilMembers(dir, body.members);
        const c = await dir.councils
          .findOneAndUpdate({ _id: { $eq: params.id } }, { $set: set }, { returnDocument: 'after' })
          .lean()
          .exec();
        if (!c) throw new ProblemError(404, 'COUNCIL_NOT_FOUND', `Không có Hội đồng mã ${params.id}.`);
        if (body.members) {
          await dir.people
            .updateMany(
              { _id: { $in: body.members.map((m) => m.personId) } },
              { $addToSet: { councilIds: params.id } },
            )
            .exec();
        }
        await audit(actor!.personId, 'COUNCIL_UPDATED', params.id, set, req.id);
        return { status: 200, body: { id: c._id, name: c.name, year: c.year, members: c.members } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/rule-packs',
      summary: 'Các phiên bản bộ quy tắc',
      tag: 'Quản trị',
      access: ['ADMIN', 'SUPERVISOR'],
      success: { status: 200, description: 'Phiên bản', schema: z.array(rulePackSchema) },
      handler: async () => {
        await deps.repos.rulePacks.inForce(new Date());
        const packs = await deps.repos.rulePacks.model.find().sort({ effectiveFrom: 1 }).lean().exec();
        return {
          status: 200,
          body: packs.map((p) => ({
            version: p._id,
            effectiveFrom: p.effectiveFrom.toISOString(),
            description: p.pack.description,
          })),
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/rule-packs/:version',
      summary: 'Một phiên bản bộ quy tắc, từng con số với căn cứ',
      tag: 'Quản trị',
      access: ['ADMIN', 'SUPERVISOR'],
      params: versionParamsSchema,
      errors: [404],
      success: { status: 200, description: 'Bộ quy tắc', schema: rulePackSchema },
      handler: async ({ params }) => {
        const doc = await deps.repos.rulePacks.model.findById(params.version).lean().exec();
        if (!doc)
          throw new ProblemError(404, 'RULE_PACK_NOT_FOUND', `Không có bộ quy tắc ${params.version}.`);
        return { status: 200, body: doc.pack };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/rule-packs',
      summary: 'Ban hành phiên bản bộ quy tắc mới (không sửa phiên bản đang dùng)',
      tag: 'Quản trị',
      access: ADMIN,
      body: rulePackBody,
      errors: [409],
      success: { status: 201, description: 'Đã ban hành', schema: rulePackSchema },
      handler: async ({ body, actor, req }) => {
        const current = await deps.repos.rulePacks.inForce(new Date());
        // Every key of the current pack must be present with the same shape: a new version, not a partial patch.
        const missing = Object.keys(current).filter((k) => !(k in body));
        if (missing.length > 0) {
          throw new ProblemError(422, 'RULE_PACK_INCOMPLETE', `Bộ quy tắc thiếu: ${missing.join(', ')}.`);
        }
        const published = await deps.repos.rulePacks.publish(body as unknown as RulePack);
        if (!published)
          throw new ProblemError(
            409,
            'RULE_PACK_EXISTS',
            `Phiên bản ${body.version} đã có và không được sửa.`,
          );
        await audit(
          actor!.personId,
          'RULE_PACK_PUBLISHED',
          body.version,
          { effectiveFrom: body.effectiveFrom },
          req.id,
        );
        return {
          status: 201,
          body: { version: body.version, effectiveFrom: body.effectiveFrom, description: body.description },
        };
      },
    }),
  ];
}
