/**
 * For the commune's system administrators only: the payload codec (the Temporal UI and CLI show what Temporal stores
 * decrypted to them, ciphertext to anyone else) and the gate the proxy asks before it serves the Temporal UI.
 * An administrator is recognised by their access token, or by their username and password (HTTP Basic), which is
 * what a browser sends to the proxied UI and its codec requests.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../../contracts/initiative';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';

const b64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/);
const payloadJson = z.object({
  metadata: z.record(z.string().max(200), b64).optional(),
  data: b64.optional(),
});
// An empty list comes as {} (proto3 JSON leaves out an empty repeated field), as the Temporal CLI sends it.
const payloadsBody = z.strictObject({ payloads: z.array(payloadJson).max(1000).default([]) });
type PayloadJson = z.infer<typeof payloadJson>;

const CHALLENGE = 'Basic realm="Temporal", charset="UTF-8"';
/** Verified Basic credentials, for a minute: the UI sends them with every request, argon2 is meant to be slow. */
const BASIC_TTL_MS = 60_000;

/** Operator routes. */
export function operatorRoutes(deps: GatewayDeps): Route[] {
  const verified = new Map<string, { actor: Actor; until: number }>();

  async function basicActor(req: Request): Promise<Actor | null> {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Basic ')) return null;
    const key = createHash('sha256').update(header).digest('hex');
    const hit = verified.get(key);
    if (hit && hit.until > Date.now()) return hit.actor;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return null;
    const person = await deps.auth.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
    if (!person) return null;
    const actor: Actor = {
      personId: person._id,
      fullName: person.fullName,
      roles: person.roles,
      unitIds: person.unitIds,
      councilIds: person.councilIds,
    };
    if (verified.size > 1000) verified.clear();
    verified.set(key, { actor, until: Date.now() + BASIC_TTL_MS });
    return actor;
  }

  /** The administrator behind the request; 401 with a Basic challenge, or 403 for anyone else signed in. */
  async function requireOperator(req: Request, res: Response, bearerActor: Actor | null): Promise<Actor> {
    const actor = bearerActor ?? (await basicActor(req));
    if (!actor) {
      // The challenge makes a browser ask for the username and password of the proxied Temporal UI.
      res.setHeader('WWW-Authenticate', CHALLENGE);
      throw new ProblemError(401, 'UNAUTHENTICATED', 'Cần đăng nhập bằng tài khoản quản trị hệ thống.');
    }
    if (!actor.roles.includes('ADMIN'))
      throw new ProblemError(
        403,
        'FORBIDDEN_ROLE',
        'Chỉ quản trị hệ thống được xem dữ liệu đã mã hóa của Temporal.',
      );
    return actor;
  }

  const toPayload = (p: PayloadJson) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(p.data ?? '', 'base64'),
  });
  const toJson = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });

  const codecRoute = (op: 'encode' | 'decode') =>
    route({
      method: 'post',
      path: `/api/v1/codec/${op}`,
      summary:
        op === 'decode'
          ? 'Giải mã dữ liệu Temporal lưu (Temporal UI và CLI gọi; chỉ quản trị hệ thống)'
          : 'Mã hóa dữ liệu gửi vào Temporal (Temporal UI và CLI gọi; chỉ quản trị hệ thống)',
      tag: 'Vận hành',
      // Checked in the handler: an access token or HTTP Basic, both for an administrator.
      access: 'public',
      body: payloadsBody,
      errors: [401, 403, 422],
      success: { status: 200, description: 'Các payload', schema: payloadsBody },
      handler: async ({ req, res, actor, body }) => {
        const operator = await requireOperator(req, res, actor);
        const payloads = body.payloads.map(toPayload);
        let out;
        try {
          out = op === 'decode' ? await deps.codec.decode(payloads) : await deps.codec.encode(payloads);
        } catch (err) {
          throw new ProblemError(
            422,
            'PAYLOAD_UNREADABLE',
            `Không giải mã được dữ liệu: ${(err as Error).message}`,
          );
        }
        deps.logger.info({ operator: operator.personId, op, payloads: payloads.length }, 'codec used');
        return { status: 200, body: { payloads: out.map(toJson) } };
      },
    });

  return [
    codecRoute('decode'),
    codecRoute('encode'),
    route({
      method: 'get',
      path: '/api/v1/operator/gate',
      summary: 'Cổng đăng nhập của Temporal UI sau proxy: 204 cho quản trị hệ thống',
      tag: 'Vận hành',
      access: 'public',
      errors: [401, 403],
      success: { status: 204, description: 'Được vào' },
      handler: async ({ req, res, actor }) => {
        await requireOperator(req, res, actor);
        return { status: 204 };
      },
    }),
  ];
}
