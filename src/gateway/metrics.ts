/**
 * The gateway's metrics in Prometheus format at GET /metrics (prom-client): request durations per route template,
 * method and status; decisions per kind and outcome; errors of the servers behind the gateway (MongoDB, Temporal);
 * and Node's process metrics. Labels hold route templates, decision kinds and problem codes only, never an id, a
 * name or anything else a case holds.
 *
 * Who may read it: with METRICS_TOKEN set, whoever sends `Authorization: Bearer <METRICS_TOKEN>`; without it, only a
 * caller on this machine (loopback, and not through a proxy), which suits development, tests and benchmarks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { ProblemError } from './problem';
import { route, type Route } from './registry';

/** Request duration buckets (seconds): a read takes milliseconds, a decision tens to hundreds, a stuck one seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Problem codes that say a server behind the gateway failed or was too slow, and which server. */
const DEPENDENCY_OF_CODE: Record<string, 'mongodb' | 'temporal'> = {
  DATABASE_UNAVAILABLE: 'mongodb',
  TEMPORAL_UNAVAILABLE: 'temporal',
  // The case's workflow task is being retried, or the decision's outcome did not come in time.
  CASE_RETRYING: 'temporal',
  DECISION_PENDING: 'temporal',
};

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Route tags whose POST routes are decisions on a case (routes/decisions.ts, routes/replications.ts). */
const DECISION_TAGS = new Set(['Quyết định', 'Nhân rộng']);
const DECISION_PATH = /^\/api\/v1\/initiatives\/:id\/(.+)$/;
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The gateway's metrics registry and what feeds it. */
export interface GatewayMetrics {
  registry: Registry;
  /** Learns which routes are decisions, and their kind (the path after the case: `unit-review`, `scores`…). */
  track(routes: readonly Route[]): void;
  /** Times every request and counts decisions and dependency errors when its answer is sent. */
  middleware: RequestHandler;
  /** Adds Node's process metrics (CPU, memory, event loop lag, GC); once per registry. */
  collectProcessMetrics(): void;
}

/** A new registry with the gateway's metrics (one per app, so several apps in one process never collide). */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: 'sang_kien_gateway_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer sent, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'sang_kien_gateway_decisions_total',
    help: 'Decisions answered, by kind and outcome (accepted, replayed, or the problem code of a refusal)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const dependencyErrors = new Counter({
    name: 'sang_kien_gateway_dependency_errors_total',
    help: 'Requests answered with an error of a server behind the gateway, by server and problem code',
    labelNames: ['dependency', 'code'] as const,
    registers: [registry],
  });
  // Zero series, so a rate over them exists before the first error.
  for (const [code, dependency] of Object.entries(DEPENDENCY_OF_CODE))
    dependencyErrors.inc({ dependency, code }, 0);

  const decisionKinds = new Map<string, string>();
  let processMetrics = false;
  return {
    registry,
    track(routes) {
      for (const r of routes) {
        const kind = DECISION_PATH.exec(r.path)?.[1];
        if (r.method === 'post' && kind && DECISION_TAGS.has(r.tag)) decisionKinds.set(r.path, kind);
      }
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
    middleware(req, res, next) {
      const started = process.hrtime.bigint();
      res.once('close', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const template = routeTemplate(req);
        const given: unknown = res.locals['problemCode'];
        const code = typeof given === 'string' && CODE.test(given) ? given : undefined;
        const status = res.writableFinished ? String(res.statusCode) : 'aborted';
        const label =
          code === 'ROUTE_NOT_FOUND' || (!template && res.statusCode === 404)
            ? 'unmatched'
            : (template ?? 'static');
        duration.observe(
          { route: label, method: METHODS.has(req.method) ? req.method : 'OTHER', status },
          seconds,
        );
        const kind = template && req.method === 'POST' ? decisionKinds.get(template) : undefined;
        if (kind) {
          const outcome =
            res.getHeader('Idempotent-Replayed') === 'true'
              ? 'replayed'
              : res.statusCode < 400
                ? 'accepted'
                : (code ?? `HTTP_${res.statusCode}`);
          decisions.inc({ kind, outcome: status === 'aborted' ? 'aborted' : outcome });
        }
        const dependency = code ? DEPENDENCY_OF_CODE[code] : undefined;
        if (dependency) dependencyErrors.inc({ dependency, code: code! });
      });
      next();
    },
  };
}

/** The template of the route that answered (`/api/v1/initiatives/:id`), or undefined (static files, no route). */
function routeTemplate(req: Request): string | undefined {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? req.baseUrl + path : undefined;
}

/** GET /metrics: the registry's text, to a caller with the token, or (no token configured) to a local caller. */
export function metricsRoutes(metrics: GatewayMetrics, token: string | undefined): Route[] {
  return [
    route({
      method: 'get',
      path: '/metrics',
      summary:
        'Chỉ số vận hành dạng Prometheus (cần METRICS_TOKEN; nếu không đặt, chỉ gọi được từ chính máy chủ)',
      tag: 'Hệ thống',
      access: 'public',
      errors: [401, 403],
      success: {
        status: 200,
        description: 'Các chỉ số, định dạng văn bản của Prometheus',
        schema: z.string(),
        mediaType: 'text/plain',
      },
      handler: async ({ req }) => {
        allowScrape(req, token);
        return {
          status: 200,
          headers: { 'Cache-Control': 'no-store' },
          raw: { contentType: metrics.registry.contentType, data: await metrics.registry.metrics() },
        };
      },
    }),
  ];
}

/** Refuses a scrape without the configured token, or (none configured) from anywhere but this machine. */
function allowScrape(req: Request, token: string | undefined): void {
  if (token) {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    const digest = (s: string) => createHash('sha256').update(s).digest();
    if (!timingSafeEqual(digest(given), digest(token))) {
      throw new ProblemError(
        401,
        'METRICS_TOKEN_REQUIRED',
        'Cần mã truy cập chỉ số (Authorization: Bearer <METRICS_TOKEN>).',
      );
    }
    return;
  }
  // The socket's peer, not req.ip: a forwarded-for header must not make a remote caller look local.
  const peer = req.socket.remoteAddress ?? '';
  const local = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  if (!local || req.headers['x-forwarded-for'] !== undefined || req.headers['forwarded'] !== undefined) {
    throw new ProblemError(
      403,
      'METRICS_LOCAL_ONLY',
      'Chỉ số chỉ xem được từ chính máy chủ khi chưa đặt METRICS_TOKEN.',
    );
  }
}
