/** RFC 9457 problem details: one error class, one error middleware, Vietnamese `detail`, stable `code`. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { type z } from 'zod';

/** An error the gateway answers with as `application/problem+json`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    /** Stable machine-readable code, e.g. `VALIDATION_FAILED`. */
    readonly code: string,
    /** A Vietnamese sentence for the person who made the request. */
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ProblemError';
  }
}

/** The short title of each status (the `detail` says what happened). */
export const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Xung đột dữ liệu',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Định dạng không được hỗ trợ',
  422: 'Không thể thực hiện',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

/** One field error of a validation problem. */
export interface FieldError {
  path: string;
  message: string;
}

/** Turns a zod error into a 400 problem listing every field at fault. */
export function validationProblem(err: z.ZodError, where: 'body' | 'query' | 'params'): ProblemError {
  const errors: FieldError[] = err.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  return new ProblemError(
    400,
    'VALIDATION_FAILED',
    'Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra các trường được nêu.',
    {
      errors,
    },
  );
}

/** 404 for any route the gateway does not have. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ProblemError(404, 'ROUTE_NOT_FOUND', `Không có đường dẫn ${req.method} ${req.path}.`));
};

/** The single error middleware: every failure leaves as a problem document; unknown errors never leak a stack. */
export const problemHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  let problem: ProblemError;
  if (err instanceof ProblemError) {
    problem = err;
  } else if (isBodyParserError(err)) {
    problem =
      err.type === 'entity.too.large'
        ? new ProblemError(413, 'PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên vượt quá dung lượng cho phép.')
        : new ProblemError(400, 'MALFORMED_JSON', 'Nội dung gửi lên không phải JSON hợp lệ.');
  } else if (isDatabaseUnavailable(err)) {
    req.log?.warn({ err: (err as Error).message }, 'database unavailable');
    problem = new ProblemError(
      503,
      'DATABASE_UNAVAILABLE',
      'Cơ sở dữ liệu tạm thời không phản hồi, vui lòng thử lại sau ít phút.',
    );
  } else {
    req.log?.error({ err }, 'unhandled error');
    problem = new ProblemError(500, 'INTERNAL_ERROR', 'Đã có lỗi hệ thống. Vui lòng thử lại sau.');
  }
  res.locals['problemCode'] = problem.code; // for the metrics (src/gateway/metrics.ts)
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({ ...problemDocument(problem, req.originalUrl), requestId: req.id });
};

/** The problem document of an error (also stored with an Idempotency-Key, so a replay answers the same body). */
export function problemDocument(problem: ProblemError, instance: string) {
  return {
    type: `urn:sang-kien:problem:${problem.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[problem.status] ?? 'Lỗi',
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    instance,
    ...problem.extra,
  };
}

/**
 * MongoDB codes of a server that is shutting down, stepping down or not primary: the operation may succeed on a retry.
 */
const TRANSIENT_MONGO_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * MongoDB unreachable or momentarily unable to serve: server selection failed, a network error, mongoose gave up
 * buffering the operation, the server is shutting down or stepping down, or (FerretDB on SQLite) the database file is
 * busy or the server is closing its transactions. Each deserves "try again shortly" (503), not an internal error.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; hasErrorLabel?: (label: string) => boolean };
  if (e.name === 'MongoServerError') {
    if (typeof e.code === 'number' && TRANSIENT_MONGO_CODES.has(e.code)) return true;
    if (e.hasErrorLabel?.('RetryableWriteError')) return true;
    // FerretDB on SQLite: the file is busy, or the server is stopping and cancels the transactions in flight
    // ("[db.go:134 fsql.(*DB).InTransaction] context canceled", code 1, which the fault suite saw as a 500).
    if (
      /database is locked|SQLITE_BUSY|transaction has already been committed or rolled back|\bcontext canceled\b/.test(
        e.message,
      )
    )
      return true;
  }
  return (
    [
      'MongooseServerSelectionError',
      'MongoServerSelectionError',
      'MongoNetworkError',
      'MongoNetworkTimeoutError',
      'MongoNotConnectedError',
      // A request that was using the connection the watchdog just reopened (src/db/connection.ts, watchMongo).
      'MongoTopologyClosedError',
      // The pool emptied after another operation lost its connection (the server went away under it).
      'MongoPoolClearedError',
    ].includes(err.name) ||
    /buffering timed out|connection .* closed|ECONNREFUSED|ECONNRESET|EPIPE|socket has been ended/i.test(
      err.message,
    )
  );
}

function isBodyParserError(err: unknown): err is { type: string } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}
