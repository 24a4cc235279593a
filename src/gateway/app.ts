/** The Express app factory: security headers, request ids and logs, the route registry, docs, errors. No listen. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { GatewayDeps } from './deps';
import { createGatewayMetrics, metricsRoutes, type GatewayMetrics } from './metrics';
import { notFoundHandler, problemHandler, ProblemError } from './problem';
import { mountRoutes, openApiDocument, type Route } from './registry';
import { calendarRoutes } from './routes/calendar';
import { officeRoutes } from './routes/offices';
import { operatorRoutes } from './routes/operator';
import { roundRoutes } from './routes/rounds';
import { sittingRoutes } from './routes/sittings';
import { adminRoutes } from './routes/admin';
import { attachmentRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { decisionRoutes } from './routes/decisions';
import { documentRoutes } from './routes/documents';
import { dossierPrintRoutes } from './routes/dossier-print';
import { inboxRoutes } from './routes/inbox';
import { notificationRoutes } from './routes/notifications';
import { authorRoutes } from './routes/authors';
import { initiativeRoutes } from './routes/initiatives';
import { replicationRoutes } from './routes/replications';
import { reportRoutes } from './routes/reports';
import { spreadsheetRoutes } from './routes/spreadsheets';
import { passwordRoutes } from './routes/passwords';
import { achievementRoutes } from './routes/achievements';
import { remunerationRoutes } from './routes/remuneration';
import { unitRoutes } from './routes/units';
import { peopleImportRoutes } from './routes/people-import';
import { supervisionRoutes } from './routes/supervision';
import { systemRoutes } from './routes/system';

/** Every API route of the gateway, in one list (mounting and /openapi.json both read it). */
export function allRoutes(deps: GatewayDeps, metrics: GatewayMetrics = createGatewayMetrics()): Route[] {
  let doc: unknown;
  const routes: Route[] = [
    ...systemRoutes(deps, () => (doc ??= openApiDocument(routes, { version: deps.version }))),
    ...metricsRoutes(metrics, deps.metricsToken),
    ...authRoutes(deps),
    ...initiativeRoutes(deps),
    ...authorRoutes(deps),
    ...decisionRoutes(deps),
    ...replicationRoutes(deps),
    ...documentRoutes(deps),
    ...dossierPrintRoutes(deps),
    ...attachmentRoutes(deps),
    ...inboxRoutes(deps),
    ...notificationRoutes(deps),
    ...passwordRoutes(deps),
    ...peopleImportRoutes(deps),
    ...achievementRoutes(deps),
    ...remunerationRoutes(deps),
    ...unitRoutes(deps),
    ...supervisionRoutes(deps),
    ...reportRoutes(deps),
    ...adminRoutes(deps),
    ...roundRoutes(deps),
    ...sittingRoutes(deps),
    ...officeRoutes(deps),
    ...calendarRoutes(deps),
    ...operatorRoutes(deps),
  ];
  routes.push(...spreadsheetRoutes(deps, routes));
  return routes;
}

/** The built web app (web/dist): hashed assets cached for a year, every other page path answered by index.html. */
function serveWebApp(app: Express, webDir: string | undefined): void {
  if (!webDir || !existsSync(path.join(webDir, 'index.html'))) return;
  app.use(
    '/assets',
    express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(webDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|openapi\.json|docs|healthz|readyz).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webDir, 'index.html'));
  });
}

/** Builds the gateway app. */
export function createApp(deps: GatewayDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  // First, so a request's time includes everything the gateway does with it (src/gateway/metrics.ts).
  const metrics = createGatewayMetrics();
  metrics.collectProcessMetrics();
  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: {
        ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      },
      // One short line per request: no headers (they carry credentials), no bodies (they carry personal data).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // The docs page runs Swagger UI's own scripts and styles from this origin; everything else gets the strict default.
  app.use((req, res, next) =>
    helmet(
      req.path.startsWith('/docs')
        ? {
            contentSecurityPolicy: {
              directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
            },
          }
        : {},
    )(req, res, next),
  );
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'], strict: true }));
  // Sign-in attempts per minute and address; for operators' username and password (HTTP Basic), failed ones only.
  const attempts = (failedOnly: boolean) =>
    rateLimit({
      windowMs: 60_000,
      limit: deps.loginRateLimit,
      // A failed attempt is a refused username and password (401), not a request an administrator got wrong.
      ...(failedOnly
        ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => res.statusCode !== 401 }
        : {}),
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(
          new ProblemError(
            429,
            'TOO_MANY_ATTEMPTS',
            'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau một phút.',
          ),
        ),
    });
  app.use(['/api/v1/auth/login', '/api/v1/auth/password-reset', '/api/v1/me/password'], attempts(false));
  app.use(['/api/v1/operator', '/api/v1/codec'], attempts(true));

  const routes = allRoutes(deps, metrics);
  metrics.track(routes);
  mountRoutes(app, routes, { auth: deps.auth, idempotency: deps.repos.idempotency });
  const doc = openApiDocument(routes, { version: deps.version });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(doc, { customSiteTitle: 'Sáng kiến — tài liệu API' }));

  serveWebApp(app, deps.webDir);
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
