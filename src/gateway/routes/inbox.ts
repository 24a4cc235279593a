/** My work: the tasks I must do (overdue first) and my notifications. */
import { z } from 'zod';
import type { Actor } from '../../contracts/initiative';
import { COMMUNE_WIDE_ROLES } from '../../domain/access';
import type { CaseRecord } from '../../db/cases';
import { MAX_DRAFTS_PER_PERSON, type DraftRecord } from '../../db/drafts';
import { ProblemError } from '../problem';
import type { GatewayDeps } from '../deps';
import { route, type Route } from '../registry';

const taskSchema = z.object({
  taskId: z.string(),
  initiativeId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  role: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  since: z.string(),
});

/** The notifications addressed to a person: by name, or to a role they hold in its scope. */
function addressedTo(a: Actor): Record<string, unknown> {
  const or: Record<string, unknown>[] = [{ 'to.personIds': { $eq: a.personId } }];
  for (const role of a.roles) {
    if (COMMUNE_WIDE_ROLES.includes(role)) or.push({ 'to.role': { $eq: role } });
    if (role === 'UNIT_HEAD' && a.unitIds.length)
      or.push({ 'to.role': 'UNIT_HEAD', 'to.unitId': { $in: a.unitIds } });
  }
  return { $or: or };
}

/** Inbox routes. */
export function inboxRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/me/tasks',
      summary: 'Việc cần làm của tôi: hồ sơ nào, việc gì, hạn khi nào; quá hạn lên đầu',
      tag: 'Việc cần làm',
      access: 'authenticated',
      success: { status: 200, description: 'Việc cần làm', schema: z.object({ items: z.array(taskSchema) }) },
      handler: async ({ actor }) => {
        const items = await deps.repos.tasks.inbox(actor!);
        return { status: 200, body: { items } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/me/notifications',
      summary: 'Thông báo nhắc việc và báo cáo quá hạn gửi tôi',
      tag: 'Việc cần làm',
      access: 'authenticated',
      success: {
        status: 200,
        description: 'Thông báo',
        schema: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              initiativeId: z.string(),
              code: z.string().nullable(),
              kind: z.string(),
              message: z.string(),
              at: z.string(),
              read: z.boolean(),
            }),
          ),
        }),
      },
      handler: async ({ actor }) => {
        const notes = await deps.repos.tasks.notifications
          .find(addressedTo(actor!))
          .sort({ at: -1 })
          .limit(50)
          .lean()
          .exec();
        const cases = await namesOf(deps, notes);
        return {
          status: 200,
          body: {
            items: notes.map((n) => ({
              id: n._id,
              initiativeId: n.initiativeId,
              code: cases.get(n.initiativeId)?.code ?? null,
              kind: n.kind,
              message: n.message,
              at: n.at.toISOString(),
              read: (n.readBy ?? []).includes(actor!.personId),
            })),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/me/notifications/read',
      summary: 'Đánh dấu đã đọc thông báo (các mã đã cho, hoặc tất cả khi không cho mã)',
      tag: 'Việc cần làm',
      access: 'authenticated',
      body: z.strictObject({ ids: z.array(z.string().min(1).max(300)).max(200).optional() }),
      success: {
        status: 200,
        description: 'Số thông báo đã đánh dấu',
        schema: z.object({ marked: z.number() }),
      },
      handler: async ({ actor, body }) => {
        // Only notifications addressed to this person can be marked, and only for them.
        const filter = { $and: [addressedTo(actor!), ...(body.ids ? [{ _id: { $in: body.ids } }] : [])] };
        const res = await deps.repos.tasks.notifications
          .updateMany(filter, { $addToSet: { readBy: actor!.personId } })
          .exec();
        return { status: 200, body: { marked: res.modifiedCount } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/me/drafts',
      summary: 'Bản nháp hồ sơ của tôi (mới nhất trước)',
      tag: 'Việc cần làm',
      access: ['SUBMITTER'],
      success: { status: 200, description: 'Bản nháp', schema: z.object({ items: z.array(draftSchema) }) },
      handler: async ({ actor }) => {
        const drafts = await deps.repos.drafts.list(actor!.personId);
        return { status: 200, body: { items: drafts.map(toDraft) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/me/drafts/:id',
      summary: 'Một bản nháp của tôi',
      tag: 'Việc cần làm',
      access: ['SUBMITTER'],
      params: draftParams,
      errors: [404],
      success: { status: 200, description: 'Bản nháp', schema: draftSchema },
      handler: async ({ actor, params }) => {
        const draft = await deps.repos.drafts.get(actor!.personId, params.id);
        if (!draft) throw new ProblemError(404, 'DRAFT_NOT_FOUND', 'Không tìm thấy bản nháp này.');
        return { status: 200, body: toDraft(draft) };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/me/drafts/:id',
      summary: 'Lưu bản nháp (tạo mới hoặc ghi đè; chưa kiểm tra nội dung)',
      tag: 'Việc cần làm',
      access: ['SUBMITTER'],
      params: draftParams,
      body: z.strictObject({ title: z.string().max(300), data: z.record(z.string(), z.unknown()) }),
      errors: [404, 409],
      success: { status: 204, description: 'Đã lưu' },
      handler: async ({ actor, params, body }) => {
        const saved = await deps.repos.drafts.save(actor!.personId, params.id, body.title, body.data);
        if (saved === 'taken')
          throw new ProblemError(
            409,
            'DRAFT_ID_TAKEN',
            'Mã bản nháp này đã được dùng, hãy tạo bản nháp mới.',
          );
        if (saved === 'full')
          throw new ProblemError(
            409,
            'TOO_MANY_DRAFTS',
            `Mỗi người giữ tối đa ${MAX_DRAFTS_PER_PERSON} bản nháp; hãy gửi hoặc xóa bớt bản nháp cũ.`,
          );
        return { status: 204 };
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/me/drafts/:id',
      summary: 'Xóa bản nháp',
      tag: 'Việc cần làm',
      access: ['SUBMITTER'],
      params: draftParams,
      errors: [404],
      success: { status: 204, description: 'Đã xóa' },
      handler: async ({ actor, params }) => {
        if (!(await deps.repos.drafts.remove(actor!.personId, params.id)))
          throw new ProblemError(404, 'DRAFT_NOT_FOUND', 'Không tìm thấy bản nháp này.');
        return { status: 204 };
      },
    }),
  ];
}

const draftParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã bản nháp gồm 8–64 chữ cái, chữ số, "-" hoặc "_"'),
});
const draftSchema = z.object({
  id: z.string(),
  title: z.string(),
  data: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
const toDraft = (d: DraftRecord) => ({
  id: d._id,
  title: d.title,
  data: d.data,
  updatedAt: d.updatedAt.toISOString(),
});

/**
 * The title and short code of each case the rows name: from the open cases' rows, then the rest one by `_id` each
 * (a filter on `_id` with `$in` would read every case on FerretDB).
 */
async function namesOf(
  deps: GatewayDeps,
  rows: readonly { initiativeId: string }[],
): Promise<Map<string, { title: string; code: string | null }>> {
  const ids = new Set(rows.map((r) => r.initiativeId));
  const names = new Map<string, { title: string; code: string | null }>();
  for (const r of await deps.repos.cases.openWork.openRows())
    if (ids.has(r.id)) names.set(r.id, { title: r.title, code: r.code });
  await Promise.all(
    [...ids]
      .filter((id) => !names.has(id))
      .map(async (id) => {
        const c = await deps.repos.cases.model
          .findById(id, { title: 1, code: 1 })
          .lean<Pick<CaseRecord, 'title' | 'code'>>()
          .exec();
        if (c) names.set(id, { title: c.title, code: c.code ?? null });
      }),
  );
  return names;
}
