/**
 * The route registry: each endpoint is declared once (method, path, who may call it, zod schemas of its params,
 * query, body and answer, handler). The same declarations mount the Express routes and generate /openapi.json, so
 * the document cannot drift from what the app serves.
 */
import { createHash } from 'node:crypto';
import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import type { Express, NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Actor, Role } from '../contracts/initiative';
import type { IdempotencyRepository } from '../db/idempotency';
import type { AuthService } from './auth';
import { problemDocument, ProblemError, TITLES, validationProblem } from './problem';

/** Who may call a route. */
export type Access = 'public' | 'authenticated' | readonly Role[];

/** What a handler answers. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (a PDF, a CSV file), sent as is. */
  raw?: { contentType: string; data: Buffer | string; filename?: string };
}

/** What a handler receives: validated parts and the signed-in person. */
export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  actor: Actor | null;
  sessionId: string | null;
  params: P;
  query: Q;
  body: B;
  /**
   * The claimed Idempotency-Key (scoped to the person and endpoint), or null. A handler whose effect is not idempotent
   * by itself derives its effect's id from it (an Update's id, a case id), so that a retry which takes over the key of
   * a request that died half-way reaches the same effect instead of making a second one.
   */
  idempotencyKey: string | null;
}

/** One endpoint. */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path (`/api/v1/initiatives/:id`). */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Status and schema of the successful answer (for the OpenAPI document); `mediaType` for non-JSON answers. */
  success: { status: number; description: string; schema?: z.ZodType; mediaType?: string };
  /** Error statuses this route can answer besides 400/401/403/500 (for the OpenAPI document). */
  errors?: number[];
  /** A multipart/form-data upload of one file in this field, at most this many bytes (the other fields: `body`). */
  multipart?: { field: string; maxBytes: number };
  /** Answer is not JSON (e.g. the docs page): skipped in the OpenAPI document. */
  hidden?: boolean;
  /** Who may call it without one of `access`'s roles (e.g. the person a case's step was reassigned to). */
  orAllow?: (actor: Actor, params: Record<string, string>) => Promise<boolean>;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<RouteResult> | RouteResult;
}

/** Declares a route with its types inferred from its schemas. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  r: Route<P, Q, B>,
): Route {
  return r as unknown as Route;
}

/** The problem document every error answer carries. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const EMPTY_BODY = z.strictObject({});

/** What mounting needs. */
export interface MountDeps {
  auth: AuthService;
  idempotency: IdempotencyRepository;
}

/** Mounts every route on the app. */
export function mountRoutes(app: Express, routes: readonly Route[], deps: MountDeps): void {
  for (const r of routes) {
    app[r.method](r.path, (req: Request, res: Response, next: NextFunction) => {
      handle(r, req, res, deps).catch(next);
    });
  }
}

async function handle(r: Route, req: Request, res: Response, deps: MountDeps): Promise<void> {
  let actor: Actor | null = null;
  let sessionId: string | null = null;
  const header = req.headers.authorization;
  if (r.access !== 'public' || header) {
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    const verified = token ? await deps.auth.verify(token) : null;
    if (!verified && r.access !== 'public') {
      throw new ProblemError(
        401,
        'UNAUTHENTICATED',
        'Bạn cần đăng nhập (phiên đăng nhập không hợp lệ hoặc đã hết hạn).',
      );
    }
    actor = verified?.actor ?? null;
    sessionId = verified?.sessionId ?? null;
  }
  const allowed = r.access;
  if (
    typeof allowed !== 'string' &&
    !allowed.some((role) => actor!.roles.includes(role)) &&
    !(r.orAllow && (await r.orAllow(actor!, req.params as Record<string, string>)))
  ) {
    throw new ProblemError(403, 'FORBIDDEN_ROLE', 'Vai trò của bạn không được thực hiện thao tác này.');
  }
  const params = parse(r.params, req.params, 'params');
  const query = parse(r.query, req.query, 'query');
  if (r.multipart) await receiveFile(req, res, r.multipart);
  let body: unknown = undefined;
  // A POST without a declared body takes none: anything sent is refused rather than silently ignored.
  const bodySchema = r.body ?? (r.method === 'get' ? undefined : EMPTY_BODY);
  if (bodySchema) {
    if (req.body === undefined && Number(req.headers['content-length'] ?? 0) > 0) {
      throw new ProblemError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Nội dung phải ở dạng JSON (Content-Type: application/json).',
      );
    }
    body = parse(bodySchema, req.body ?? {}, 'body');
  }

  const key = req.headers['idempotency-key'];
  let claimedKey: string | null = null;
  if (r.method === 'post' && key !== undefined) {
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new ProblemError(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key gồm 8–128 ký tự chữ, số, ".", ":", "_" hoặc "-".',
      );
    }
    // Scoped to the person (or anonymous caller) and the endpoint, so keys of different users never collide.
    const scoped = `${actor?.personId ?? 'anonymous'}|${r.method}|${req.path}|${key}`;
    const hash = createHash('sha256').update(JSON.stringify({ params, body })).digest('hex');
    const claim = await deps.idempotency.claim(scoped, hash);
    if (claim.kind === 'replay') {
      res.setHeader('Idempotent-Replayed', 'true');
      if (claim.status >= 400) res.type('application/problem+json');
      res.status(claim.status).json(claim.body);
      return;
    }
    if (claim.kind === 'in-progress') {
      throw new ProblemError(
        409,
        'REQUEST_IN_PROGRESS',
        'Yêu cầu với cùng Idempotency-Key đang được xử lý, vui lòng thử lại sau.',
      );
    }
    if (claim.kind === 'mismatch') {
      throw new ProblemError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
      );
    }
    claimedKey = scoped;
  }

  let result: RouteResult;
  try {
    result = await r.handler({ req, res, actor, sessionId, params, query, body, idempotencyKey: claimedKey });
  } catch (err) {
    // A refused request (4xx) is an answer too: a retry with the same key must get it again, not a second try.
    if (claimedKey && err instanceof ProblemError && err.status < 500) {
      await deps.idempotency.complete(claimedKey, err.status, problemDocument(err, req.originalUrl));
      claimedKey = null;
    } else if (claimedKey) {
      await deps.idempotency.release(claimedKey);
    }
    throw err;
  }
  if (claimedKey) await deps.idempotency.complete(claimedKey, result.status, result.body ?? null);
  for (const [h, v] of Object.entries(result.headers ?? {})) res.setHeader(h, v);
  if (result.raw) {
    res.status(result.status).type(result.raw.contentType);
    if (result.raw.filename) res.attachment(result.raw.filename);
    res.send(result.raw.data);
    return;
  }
  if (result.body === undefined) res.status(result.status).end();
  else res.status(result.status).json(result.body);
}

/** Receives one uploaded file into memory, within the size limit; a second file or an oversize one is refused. */
function receiveFile(req: Request, res: Response, spec: { field: string; maxBytes: number }): Promise<void> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Tệp phải được gửi dạng multipart/form-data.'),
    );
  }
  // Filenames arrive as UTF-8 (Vietnamese names), not busboy's latin1 default.
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: spec.maxBytes, files: 1, fields: 10, fieldSize: 10_000 },
  }).single(spec.field);
  return new Promise((resolve, reject) =>
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError) {
        return reject(
          err.code === 'LIMIT_FILE_SIZE'
            ? new ProblemError(
                413,
                'ATTACHMENT_TOO_LARGE',
                `Tệp vượt quá dung lượng cho phép (${Math.round(spec.maxBytes / 1024 / 1024)} MB).`,
              )
            : new ProblemError(400, 'INVALID_UPLOAD', `Tệp gửi lên không hợp lệ (${err.code}).`),
        );
      }
      reject(new ProblemError(400, 'INVALID_UPLOAD', 'Không đọc được tệp gửi lên.'));
    }),
  );
}

function parse(schema: z.ZodType | undefined, value: unknown, where: 'body' | 'query' | 'params'): unknown {
  if (!schema) return {};
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw validationProblem(r.error, where);
  return r.data;
}

/** The OpenAPI 3 document of the routes, generated from their zod schemas. */
export function openApiDocument(routes: readonly Route[], info: { version: string }) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const r of routes.filter((x) => !x.hidden)) {
    const statuses = new Set([400, 500, ...(r.access === 'public' ? [] : [401, 403]), ...(r.errors ?? [])]);
    // Every request with a body can be over the body parser's limit (413), as the fuzzer found for a long text.
    if (r.method !== 'get') statuses.add(409).add(413).add(422);
    // Any request can meet a server that does not answer for a moment (DATABASE_UNAVAILABLE, TEMPORAL_UNAVAILABLE), or
    // a decision still being processed (DECISION_PENDING): retry later, with the same Idempotency-Key.
    statuses.add(503);
    registry.registerPath({
      method: r.method,
      path: r.path.replace(/:(\w+)/g, '{$1}'),
      summary: r.summary,
      tags: [r.tag],
      ...(r.access === 'public' ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.query ? { query: r.query as never } : {}),
        ...(r.multipart
          ? {
              body: {
                content: {
                  'multipart/form-data': {
                    schema: z.object({
                      [r.multipart.field]: z.string().meta({ format: 'binary' }),
                      ...((r.body as z.ZodObject | undefined)?.shape ?? {}),
                    }),
                  },
                },
              },
            }
          : r.body
            ? { body: { content: { 'application/json': { schema: r.body } } } }
            : {}),
        ...(r.method === 'post'
          ? { headers: z.object({ 'Idempotency-Key': z.string().regex(IDEMPOTENCY_KEY).optional() }) }
          : {}),
      },
      responses: {
        [r.success.status]: {
          description: r.success.description,
          ...(r.success.schema
            ? { content: { [r.success.mediaType ?? 'application/json']: { schema: r.success.schema } } }
            : {}),
        },
        ...Object.fromEntries(
          [...statuses].map((s) => [
            s,
            {
              description: TITLES[s] ?? 'Lỗi',
              content: { 'application/problem+json': { schema: problemSchema } },
            },
          ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Sáng kiến — API quản lý sáng kiến của UBND xã',
      version: info.version,
      description:
        'Nộp, xét duyệt, công nhận và nhân rộng sáng kiến. Lỗi trả về theo RFC 9457 (application/problem+json).',
    },
    servers: [{ url: '/' }],
  });
}
