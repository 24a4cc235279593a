/** Structured logs (pino), in English; one root logger per process, children per component. */
import pino from 'pino';

/** The logger type used across the code base. */
export type Logger = pino.Logger;

/**
 * Creates the root logger of a process: JSON lines, or readable lines when LOG_FORMAT=pretty
 * (the default when a person watches a terminal).
 */
export function createLogger(level: string = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  const format = process.env['LOG_FORMAT'] ?? (process.stdout.isTTY ? 'pretty' : 'json');
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(format === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}
