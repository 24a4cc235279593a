/**
 * Passwords that run themselves: a person changes their own (other sessions end), an administrator creates a one-time
 * reset link (shown to them and mailed to the person), and the link sets a new password once, within 30 minutes.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { PersonRecord } from '../../db/directory';
import { verify as argon2Verify } from '@node-rs/argon2';
import { hashPassword } from '../auth';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { idParamsSchema } from '../schemas';

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 30 * 60_000;
const newPassword = z.string().min(12, 'Mật khẩu mới tối thiểu 12 ký tự').max(200);
const RESET_PATH = '/dat-lai-mat-khau';

/** The address a reset token opens; the token travels in the fragment, never in a server log or a Referer. */
export function resetLink(deps: GatewayDeps, req: Request, token: string): string {
  const base = deps.notify?.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
  return `${base}${RESET_PATH}#${token}`;
}

/** Queues the mail that hands a person their reset link (nothing when they have no address). */
export async function mailResetLink(
  deps: GatewayDeps,
  person: Pick<PersonRecord, '_id' | 'fullName' | 'username' | 'email'>,
  link: string,
  expiresAt: Date,
): Promise<void> {
  if (!person.email) return;
  const until = expiresAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  await deps.repos.outbox.add({
    _id: `reset|${expiresAt.getTime()}|${person._id}|email`,
    notificationId: '',
    initiativeId: null,
    personId: person._id,
    fullName: person.fullName,
    channel: 'email',
    address: person.email,
    kind: 'PASSWORD_RESET',
    headline: 'Đặt lại mật khẩu',
    caseRef: null,
    dueAt: null,
    subject: '[Sáng kiến] Đặt mật khẩu',
    text: [
      `Kính gửi ${person.fullName},`,
      '',
      `Quản trị viên đã tạo cho anh/chị một liên kết đặt mật khẩu (tên đăng nhập: ${person.username}). ` +
        `Liên kết dùng được một lần, đến ${until}:`,
      link,
      '',
      'Nếu anh/chị không yêu cầu, hãy báo quản trị viên.',
    ].join('\n'),
    link,
    digest: false,
  });
}

/** Password routes. */
export function passwordRoutes(deps: GatewayDeps): Route[] {
  const dir = deps.repos.directory;
  const setPassword = async (personId: string, password: string) => {
    await dir.people
      .updateOne({ _id: personId }, { $set: { passwordHash: await hashPassword(password) } })
      .exec();
  };
  const audit = (actorId: string, action: string, target: string, requestId: unknown) =>
    deps.repos.audit.log({
      actorId,
      action,
      target,
      details: {},
      requestId: typeof requestId === 'string' ? requestId : null,
    });

  return [
    route({
      method: 'post',
      path: '/api/v1/me/password',
      summary: 'Đổi mật khẩu của tôi (các phiên đăng nhập khác kết thúc)',
      tag: 'Đăng nhập',
      access: 'authenticated',
      body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword }),
      success: { status: 204, description: 'Đã đổi mật khẩu' },
      handler: async ({ actor, body, sessionId, req }) => {
        const person = await dir.byId(actor!.personId);
        const ok =
          person && (await argon2Verify(person.passwordHash, body.currentPassword).catch(() => false));
        if (!ok)
          throw new ProblemError(400, 'WRONG_PASSWORD', 'Mật khẩu hiện tại không đúng.', {
            errors: [{ path: 'body.currentPassword', message: 'Mật khẩu hiện tại không đúng.' }],
          });
        if (body.newPassword === body.currentPassword)
          throw new ProblemError(400, 'SAME_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại.', {
            errors: [{ path: 'body.newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' }],
          });
        await setPassword(person._id, body.newPassword);
        await deps.repos.sessions.revokeAllOf(person._id, sessionId);
        await audit(person._id, 'PASSWORD_CHANGED', person._id, req.id);
        return { status: 204 };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/people/:id/password-reset',
      summary: 'Tạo liên kết đặt lại mật khẩu dùng một lần (30 phút), gửi thư cho người đó nếu có địa chỉ',
      tag: 'Quản trị',
      access: ['ADMIN'],
      params: idParamsSchema,
      errors: [404],
      success: {
        status: 201,
        description: 'Liên kết đặt lại mật khẩu',
        schema: z.object({ link: z.string(), expiresAt: z.string(), mailedTo: z.string().nullable() }),
      },
      handler: async ({ actor, params, req }) => {
        const person = await dir.byId(params.id);
        if (!person) throw new ProblemError(404, 'PERSON_NOT_FOUND', `Không có người dùng mã ${params.id}.`);
        const { token, expiresAt } = await deps.repos.passwordResets.create(
          person._id,
          actor!.personId,
          RESET_LINK_TTL_MS,
        );
        const link = resetLink(deps, req, token);
        await mailResetLink(deps, person, link, expiresAt);
        await audit(actor!.personId, 'PASSWORD_RESET_LINK', person._id, req.id);
        return {
          status: 201,
          body: { link, expiresAt: expiresAt.toISOString(), mailedTo: person.email ?? null },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/password-reset',
      summary: 'Đặt mật khẩu mới bằng liên kết quản trị viên đã tạo (dùng một lần)',
      tag: 'Đăng nhập',
      access: 'public',
      body: z.strictObject({
        token: z.string().regex(/^[\w-]{20,100}$/, 'Liên kết không hợp lệ'),
        newPassword,
      }),
      success: { status: 204, description: 'Đã đặt mật khẩu mới' },
      handler: async ({ body, req }) => {
        const personId = await deps.repos.passwordResets.use(body.token);
        const person = personId ? await dir.byId(personId) : null;
        if (!person?.active)
          throw new ProblemError(
            400,
            'RESET_LINK_INVALID',
            'Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn. Hãy nhờ quản trị viên tạo liên kết mới.',
          );
        await setPassword(person._id, body.newPassword);
        await deps.repos.sessions.revokeAllOf(person._id);
        await audit(person._id, 'PASSWORD_RESET', person._id, req.id);
        return { status: 204 };
      },
    }),
  ];
}
