/**
 * How people hear of their work outside the app: their own address and choices per channel (self or administrator),
 * the deliveries that failed (supervisor and administrator) and a test message (administrator).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CHANNELS, DELIVERY_MODES, modeOf, type PersonRecord } from '../../db/directory';
import { ProblemError } from '../problem';
import { idParamsSchema } from '../schemas';
import type { GatewayDeps } from '../deps';
import { route, type Route } from '../registry';

const mode = z.enum(DELIVERY_MODES);
const contactSchema = z.object({
  personId: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  notify: z.object({ email: mode, webhook: mode }),
  /** The channels this deployment delivers through. */
  channels: z.array(z.enum(CHANNELS)),
  /** The hour (Vietnam time) the daily digest goes out. */
  digestHour: z.number(),
});
const contactBody = z.strictObject({
  email: z.union([z.email('Địa chỉ thư điện tử không hợp lệ').max(200), z.null()]).optional(),
  phone: z
    .union([z.string().regex(/^\+?[0-9 .-]{8,20}$/, 'Số điện thoại chỉ gồm chữ số (8–20 ký tự)'), z.null()])
    .optional(),
  notify: z.strictObject({ email: mode.optional(), webhook: mode.optional() }).optional(),
});
type ContactBody = z.infer<typeof contactBody>;

const deliverySchema = z.object({
  id: z.string(),
  initiativeId: z.string().nullable(),
  code: z.string().nullable(),
  title: z.string().nullable(),
  personId: z.string(),
  fullName: z.string(),
  channel: z.enum(CHANNELS),
  address: z.string(),
  subject: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Notification routes. */
export function notificationRoutes(deps: GatewayDeps): Route[] {
  const dir = deps.repos.directory;
  const channels = deps.notify?.webhook ? [...CHANNELS] : CHANNELS.filter((c) => c !== 'webhook');
  const contactOf = (p: PersonRecord) => ({
    personId: p._id,
    fullName: p.fullName,
    email: p.email ?? null,
    phone: p.phone ?? null,
    notify: { email: modeOf(p, 'email'), webhook: modeOf(p, 'webhook') },
    channels,
    digestHour: deps.notify?.digestHour ?? 7,
  });
  const update = async (personId: string, body: ContactBody, actorId: string, requestId: unknown) => {
    const set: Record<string, unknown> = {};
    if (body.email !== undefined) set['email'] = body.email?.toLowerCase() ?? null;
    if (body.phone !== undefined) set['phone'] = body.phone;
    for (const c of CHANNELS) if (body.notify?.[c]) set[`notify.${c}`] = body.notify[c];
    const updated = await dir.people
      .findOneAndUpdate({ _id: { $eq: personId } }, { $set: set }, { returnDocument: 'after' })
      .lean<PersonRecord>()
      .exec();
    if (!updated) throw new ProblemError(404, 'PERSON_NOT_FOUND', `Không có người dùng mã ${personId}.`);
    await deps.repos.audit.log({
      actorId,
      action: 'CONTACT_UPDATED',
      target: personId,
      details: { fields: Object.keys(set) },
      requestId: typeof requestId === 'string' ? requestId : null,
    });
    return contactOf(updated);
  };

  return [
    route({
      method: 'get',
      path: '/api/v1/me/contact',
      summary: 'Địa chỉ nhận thông báo và cách nhận trên từng kênh của tôi',
      tag: 'Thông báo',
      access: 'authenticated',
      success: { status: 200, description: 'Cách nhận thông báo', schema: contactSchema },
      handler: async ({ actor }) => {
        const p = await dir.byId(actor!.personId);
        if (!p) throw new ProblemError(401, 'UNAUTHENTICATED', 'Tài khoản không còn tồn tại.');
        return { status: 200, body: contactOf(p) };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/me/contact',
      summary: 'Đổi địa chỉ nhận thông báo hoặc cách nhận (ngay, tổng hợp hằng ngày, tắt)',
      tag: 'Thông báo',
      access: 'authenticated',
      body: contactBody,
      success: { status: 200, description: 'Đã lưu', schema: contactSchema },
      handler: async ({ actor, body, req }) => ({
        status: 200,
        body: await update(actor!.personId, body, actor!.personId, req.id),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/people/:id/contact',
      summary: 'Địa chỉ nhận thông báo và cách nhận của một người (quản trị viên)',
      tag: 'Thông báo',
      access: ['ADMIN'],
      params: idParamsSchema,
      errors: [404],
      success: { status: 200, description: 'Cách nhận thông báo', schema: contactSchema },
      handler: async ({ params }) => {
        const p = await dir.byId(params.id);
        if (!p) throw new ProblemError(404, 'PERSON_NOT_FOUND', `Không có người dùng mã ${params.id}.`);
        return { status: 200, body: contactOf(p) };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/admin/people/:id/contact',
      summary: 'Quản trị viên đổi địa chỉ nhận thông báo hoặc cách nhận của một người',
      tag: 'Thông báo',
      access: ['ADMIN'],
      params: idParamsSchema,
      body: contactBody,
      errors: [404],
      success: { status: 200, description: 'Đã lưu', schema: contactSchema },
      handler: async ({ actor, params, body, req }) => ({
        status: 200,
        body: await update(params.id, body, actor!.personId, req.id),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/supervision/deliveries',
      summary: 'Thông báo chưa gửi được: người nhận, kênh, số lần thử và lý do',
      tag: 'Thông báo',
      access: ['SUPERVISOR', 'CHAIRMAN', 'ADMIN'],
      success: {
        status: 200,
        description: 'Thông báo gửi lỗi',
        schema: z.object({ items: z.array(deliverySchema) }),
      },
      handler: async () => {
        const items = await deps.repos.outbox.failing();
        return {
          status: 200,
          body: {
            items: items.map((d) => ({
              id: d._id,
              initiativeId: d.initiativeId,
              code: d.caseRef?.code ?? null,
              title: d.caseRef?.title ?? null,
              personId: d.personId,
              fullName: d.fullName,
              channel: d.channel,
              address: d.address,
              subject: d.subject,
              status: d.status,
              attempts: d.attempts.length,
              lastError: d.lastError,
              nextAttemptAt: d.status === 'FAILED' ? null : new Date(d.nextAttemptAt).toISOString(),
              createdAt: new Date(d.createdAt).toISOString(),
            })),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/supervision/deliveries/retry',
      summary: 'Gửi lại một thông báo đã ngừng gửi',
      tag: 'Thông báo',
      access: ['SUPERVISOR', 'CHAIRMAN', 'ADMIN'],
      body: z.strictObject({ id: z.string().min(1).max(500) }),
      errors: [404],
      success: { status: 200, description: 'Đã xếp lại để gửi', schema: z.object({ queued: z.boolean() }) },
      handler: async ({ body }) => {
        if (!(await deps.repos.outbox.retry(body.id)))
          throw new ProblemError(404, 'DELIVERY_NOT_FOUND', 'Không có thông báo ngừng gửi với mã này.');
        return { status: 200, body: { queued: true } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/notifications/test',
      summary: 'Gửi thư thử tới một người qua một kênh, để kiểm tra cấu hình gửi thư',
      tag: 'Thông báo',
      access: ['ADMIN'],
      body: z.strictObject({
        personId: z.string().min(1).max(100),
        channel: z.enum(CHANNELS).default('email'),
      }),
      errors: [404, 422],
      success: { status: 202, description: 'Đã xếp vào hàng gửi', schema: z.object({ id: z.string() }) },
      handler: async ({ body, actor, req }) => {
        const p = await dir.byId(body.personId);
        if (!p) throw new ProblemError(404, 'PERSON_NOT_FOUND', `Không có người dùng mã ${body.personId}.`);
        if (!channels.includes(body.channel))
          throw new ProblemError(422, 'CHANNEL_OFF', 'Kênh webhook chưa được cấu hình cho xã.');
        const address = body.channel === 'email' ? p.email : (p.phone ?? p._id);
        if (!address) throw new ProblemError(422, 'NO_ADDRESS', `${p.fullName} chưa có địa chỉ thư điện tử.`);
        const id = `test|${randomUUID()}|${p._id}|${body.channel}`;
        const base = deps.notify?.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
        await deps.repos.outbox.add({
          _id: id,
          notificationId: '',
          initiativeId: null,
          personId: p._id,
          fullName: p.fullName,
          channel: body.channel,
          address,
          kind: 'TEST',
          headline: 'Thư thử',
          caseRef: null,
          dueAt: null,
          subject: '[Sáng kiến] Thư thử của hệ thống thông báo',
          text: `Kính gửi ${p.fullName},\n\nĐây là thư thử do quản trị viên gửi để kiểm tra việc gửi thông báo.\n${base}/`,
          link: `${base}/`,
          digest: false,
        });
        await deps.repos.audit.log({
          actorId: actor!.personId,
          action: 'TEST_NOTIFICATION',
          target: p._id,
          details: { channel: body.channel },
          requestId: typeof req.id === 'string' ? req.id : null,
        });
        return { status: 202, body: { id } };
      },
    }),
  ];
}
