/** Zod validation at the edge: validated values go to `res.locals` (Express 5 makes `req.query` read-only). */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { validationProblem } from './problem';

/** Validated parts of a request, as later handlers read them. */
export interface Validated<B = unknown, Q = unknown, P = unknown> {
  body: B;
  query: Q;
  params: P;
}

/** Validates the named part of the request with the schema, or answers 400 listing every bad field. */
export function validate(part: 'body' | 'query' | 'params', schema: z.ZodType): RequestHandler {
  return (req, res, next) => {
    const result = schema.safeParse(req[part] ?? {});
    if (!result.success) return next(validationProblem(result.error, part));
    const v = (res.locals['validated'] ??= {}) as Record<string, unknown>;
    v[part] = result.data;
    next();
  };
}
