/** Sign-in, token refresh, sign-out and who I am. */
import type { Request } from 'express';
import { toPerson } from '../answers';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { loginSchema, personSchema, refreshSchema, tokenSchema } from '../schemas';

const REFRESH_COOKIE = 'sk_refresh';

/** The refresh-token cookie: HttpOnly (scripts cannot read it), SameSite=Strict, only sent to /api/v1/auth. */
function refreshCookie(req: Request, token: string, maxAgeSeconds: number): string {
  return [
    `${REFRESH_COOKIE}=${token}`,
    'Path=/api/v1/auth',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(req.secure ? ['Secure'] : []),
  ].join('; ');
}

/** One cookie's value from the request (tokens are base64url: no decoding needed). */
function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === name && v && /^[\w-]{20,200}$/.test(v)) return v;
  }
  return undefined;
}

/** Authentication routes (sign-in is rate-limited in app.ts). */
export function authRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Đăng nhập: trả về mã truy cập ngắn hạn và mã làm mới',
      tag: 'Đăng nhập',
      access: 'public',
      body: loginSchema,
      errors: [401, 429],
      success: {
        status: 200,
        description: 'Đăng nhập thành công',
        schema: tokenSchema.extend({ person: personSchema }),
      },
      handler: async ({ body, req }) => {
        const result = await deps.auth.login(body.username, body.password);
        if (!result) {
          req.log.warn({ username: body.username }, 'failed sign-in');
          throw new ProblemError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
        }
        return {
          status: 200,
          body: { ...result.tokens, person: toPerson(result.person) },
          headers: {
            'Set-Cookie': refreshCookie(req, result.tokens.refreshToken, deps.auth.ttl.refreshSeconds),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/refresh',
      summary: 'Đổi mã làm mới lấy cặp mã mới (mã cũ hết hiệu lực)',
      tag: 'Đăng nhập',
      access: 'public',
      body: refreshSchema,
      errors: [401],
      success: { status: 200, description: 'Cặp mã mới', schema: tokenSchema },
      handler: async ({ body, req }) => {
        // The web app never holds the refresh token: it rides in an HttpOnly, SameSite=Strict cookie.
        const given = body.refreshToken ?? cookieValue(req, REFRESH_COOKIE);
        const tokens = given ? await deps.auth.refresh(given) : null;
        if (!tokens)
          throw new ProblemError(
            401,
            'INVALID_REFRESH_TOKEN',
            'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
          );
        return {
          status: 200,
          body: tokens,
          headers: { 'Set-Cookie': refreshCookie(req, tokens.refreshToken, deps.auth.ttl.refreshSeconds) },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Đăng xuất: kết thúc phiên, mọi mã của phiên hết hiệu lực',
      tag: 'Đăng nhập',
      access: 'authenticated',
      success: { status: 204, description: 'Đã đăng xuất' },
      handler: async ({ sessionId, req }) => {
        await deps.auth.logout(sessionId!);
        return { status: 204, headers: { 'Set-Cookie': refreshCookie(req, '', 0) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/me',
      summary: 'Thông tin người đang đăng nhập',
      tag: 'Đăng nhập',
      access: 'authenticated',
      success: { status: 200, description: 'Người dùng', schema: personSchema },
      handler: async ({ actor }) => {
        const person = await deps.repos.directory.byId(actor!.personId);
        if (!person) throw new ProblemError(401, 'UNAUTHENTICATED', 'Tài khoản không còn tồn tại.');
        return { status: 200, body: toPerson(person) };
      },
    }),
  ];
}
