/** The Express app factory: routes, validation and errors; it does not listen (server.ts does, tests use port 0). */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { CaseRepository } from '../db/cases';
import type { RulePackRepository } from '../db/rule-packs';
import type { Logger } from '../logger';
import type { InitiativeService } from '../temporal/client';
import { notFoundHandler, problemHandler } from './problem';
import { initiativeRoutes } from './routes/initiatives';

/** What the app needs from the process that hosts it. */
export interface AppDeps {
  logger: Logger;
  initiatives: InitiativeService;
  cases: CaseRepository;
  rulePacks: RulePackRepository;
  /** Answers whether MongoDB responds. */
  mongoReachable: () => Promise<boolean>;
}

/** Builds the gateway app. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // One short line per request: no headers (they may carry credentials), no bodies (they carry personal data).
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
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const [temporal, mongodb] = await Promise.all([deps.initiatives.isReachable(), deps.mongoReachable()]);
    const ready = temporal && mongodb;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: { temporal: temporal ? 'up' : 'down', mongodb: mongodb ? 'up' : 'down' },
    });
  });

  app.use('/api/v1/initiatives', initiativeRoutes(deps));

  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
