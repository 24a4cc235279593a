/** Configuration: the environment parsed and validated once at start-up, with defaults that run on one machine. */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A variable that may be unset or empty (both: undefined), else must pass `inner`. */
const unsetOr = (inner: z.ZodString) =>
  z
    .union([z.literal(''), inner])
    .optional()
    .transform((v) => v || undefined);
const httpUrl = z
  .string()
  .url()
  .regex(/^https?:\/\//, 'expected http(s)://…');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('.data'),
  CACHE_DIR: optionalString,
  WEB_DIR: optionalString,
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('initiatives'),
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_UI_URL: optionalString,
  WORKER_MAX_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(16),
  WORKER_METRICS_ADDRESS: z
    .union([z.literal(''), z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:9464')])
    .optional()
    .transform((v) => v || undefined),
  METRICS_TOKEN: z
    .union([z.literal(''), z.string().min(16, 'at least 16 characters')])
    .optional()
    .transform((v) => v || undefined),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_DEV_DYNAMIC_CONFIG: z
    .string()
    .regex(/^([\w.]+=[^;]+)(;[\w.]+=[^;]+)*$/, 'expected KEY=VALUE pairs separated by ";"')
    .optional(),
  MONGODB_URI: optionalString,
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('sangkien'),
  MONGODB_ENGINE: z.enum(['auto', 'mongod', 'ferretdb']).default('auto'),
  MONGODB_PORT: port.default(27017),
  SERVER_START_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  PAYLOAD_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_-]{43}=?(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_-]{43}=?)*$/,
      'expected id:key pairs separated by "," (each key 32 random bytes in base64; the first one encrypts)',
    )
    .optional(),
  AUTH_ACCESS_TTL_S: z.coerce.number().int().min(30).max(86_400).default(900),
  AUTH_REFRESH_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 86_400)
    .default(7 * 86_400),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  DECISION_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  DEMO_PASSWORD: z.string().min(8).default('demo-sangkien-2026'),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  ATTACHMENT_CASE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(500 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  SMTP_URL: unsetOr(
    z.string().regex(/^smtps?:\/\/\S+$/, 'expected smtp://host:port or smtps://user:pass@host:port'),
  ),
  MAIL_FROM: z.string().min(3).max(200).default('Sáng kiến xã <sangkien@xa.example>'),
  MAIL_SMTP_PORT: port.default(1025),
  MAIL_UI_PORT: port.default(8025),
  PUBLIC_URL: unsetOr(httpUrl).transform((v) => v?.replace(/\/+$/, '')),
  NOTIFY_WEBHOOK_URL: unsetOr(httpUrl),
  NOTIFY_WEBHOOK_SECRET: unsetOr(z.string().min(32, 'at least 32 characters')),
  NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  COMMUNE_NAME: z.string().min(1).max(100).default('Thanh Thủy'),
  PROVINCE_NAME: z.string().min(1).max(100).default('Phú Thọ'),
});

/** Validated configuration of one process. */
export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  http: { host: string; port: number };
  /** Absolute folder for server data (SQLite files, logs, pid files). */
  dataDir: string;
  /** Absolute folder outside the repository where built server binaries are kept between runs. */
  cacheDir: string;
  /** How many activities one worker runs at once (WORKER_MAX_ACTIVITIES). */
  worker: { maxConcurrentActivities: number };
  /** The built web app the gateway serves (web/dist unless WEB_DIR says otherwise). */
  webDir: string;
  temporal: {
    /** Set when an external server is used; otherwise the launcher starts a dev server. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    cliPath: string | undefined;
    /** The Temporal UI's workflow list for the namespace (TEMPORAL_UI_URL); the embedded dev server's otherwise. */
    uiUrl: string | undefined;
    port: number;
    uiPort: number;
    /** Extra dynamic config of a dev server this process starts (`KEY=JSON` each), e.g. for tests. */
    devDynamicConfig: string[];
  };
  mongo: {
    /** Set when an external server is used; otherwise the launcher starts one. */
    uri: string | undefined;
    /** Database name inside the server. */
    dbName: string;
    engine: 'auto' | 'mongod' | 'ferretdb';
    port: number;
  };
  serverStartTimeoutMs: number;
  auth: {
    /** Signing secret of access tokens; in embedded mode a random one is kept in the data folder. */
    secret: string | undefined;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    /** Sign-in attempts per minute and client address. */
    loginRateLimit: number;
  };
  /**
   * Keys that encrypt what Temporal stores (`id:base64`, the first encrypts, all decrypt); in embedded mode a random
   * one is kept in the data folder.
   */
  payloadKeys: string | undefined;
  /** Seed the demo commune (default: yes except in production). */
  seedDemo: boolean;
  demoPassword: string;
  /** The commune whose People's Committee issues the documents. */
  commune: { name: string; province: string };
  /** Upload limits: per file and per case. */
  attachments: { maxFileBytes: number; maxCaseBytes: number };
  /** How long a request waits for its decision's outcome before answering 503 DECISION_PENDING. */
  decisionWaitMs: number;
  notify: {
    /** The SMTP relay (SMTP_URL); in embedded mode the launcher's Mailpit. Unset: e-mail waits in the outbox. */
    smtpUrl: string | undefined;
    from: string;
    smtpPort: number;
    uiPort: number;
    /** The web app's address as people open it, for links in messages (PUBLIC_URL; else the gateway's own). */
    publicUrl: string | undefined;
    /** The signed webhook channel (NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET); off unless both are set. */
    webhook: { url: string; secret: string } | undefined;
    /** The hour (Vietnam time) the daily digests go out. */
    digestHour: number;
    pollMs: number;
    /** The first retry's delay; each next one doubles, up to an hour. */
    retryBaseMs: number;
  };
  metrics: {
    /** Where the worker serves the Temporal SDK's metrics in Prometheus format (WORKER_METRICS_ADDRESS); off if unset. */
    workerAddress: string | undefined;
    /** The bearer token the gateway's /metrics asks for (METRICS_TOKEN); unset: loopback callers only. */
    token: string | undefined;
  };
}

/** A configuration error that names every bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The default cache folder: `$XDG_CACHE_HOME/sang-kien` or `~/.cache/sang-kien`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'sang-kien');
}

/** Parses the environment into a Config; throws ConfigError listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.TEMPORAL_ADDRESS !== undefined && !/^[^\s:/]+:\d{1,5}$/.test(e.TEMPORAL_ADDRESS)) {
    throw new ConfigError(
      `invalid configuration:\n  TEMPORAL_ADDRESS: expected host:port, got "${e.TEMPORAL_ADDRESS}"`,
    );
  }
  if (e.NODE_ENV === 'production' && !e.AUTH_SECRET) {
    throw new ConfigError(
      'invalid configuration:\n  AUTH_SECRET: required in production (32 characters or more)',
    );
  }
  if (e.NODE_ENV === 'production' && !e.PAYLOAD_KEYS) {
    throw new ConfigError(
      'invalid configuration:\n  PAYLOAD_KEYS: required in production (id:key, the key 32 random bytes in base64)',
    );
  }
  if (e.MONGODB_URI !== undefined && !/^mongodb(\+srv)?:\/\//.test(e.MONGODB_URI)) {
    throw new ConfigError(
      'invalid configuration:\n  MONGODB_URI: expected a mongodb:// or mongodb+srv:// URI',
    );
  }
  if (Boolean(e.NOTIFY_WEBHOOK_URL) !== Boolean(e.NOTIFY_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'invalid configuration:\n  NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET: set both (the secret signs every request) or neither',
    );
  }
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { host: e.HOST, port: e.PORT },
    dataDir: path.resolve(cwd, e.DATA_DIR),
    cacheDir: path.resolve(cwd, e.CACHE_DIR ?? defaultCacheDir(env)),
    worker: {
      maxConcurrentActivities: e.WORKER_MAX_ACTIVITIES,
    },
    webDir: e.WEB_DIR ? path.resolve(cwd, e.WEB_DIR) : path.resolve(__dirname, '..', 'web', 'dist'),
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      cliPath: e.TEMPORAL_CLI_PATH,
      uiUrl: e.TEMPORAL_UI_URL,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      devDynamicConfig: e.TEMPORAL_DEV_DYNAMIC_CONFIG ? e.TEMPORAL_DEV_DYNAMIC_CONFIG.split(';') : [],
    },
    mongo: { uri: e.MONGODB_URI, dbName: e.MONGODB_DB, engine: e.MONGODB_ENGINE, port: e.MONGODB_PORT },
    serverStartTimeoutMs: e.SERVER_START_TIMEOUT_MS,
    auth: {
      secret: e.AUTH_SECRET,
      accessTtlSeconds: e.AUTH_ACCESS_TTL_S,
      refreshTtlSeconds: e.AUTH_REFRESH_TTL_S,
      loginRateLimit: e.LOGIN_RATE_LIMIT,
    },
    payloadKeys: e.PAYLOAD_KEYS,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.NODE_ENV !== 'production',
    demoPassword: e.DEMO_PASSWORD,
    commune: { name: e.COMMUNE_NAME, province: e.PROVINCE_NAME },
    attachments: { maxFileBytes: e.ATTACHMENT_MAX_BYTES, maxCaseBytes: e.ATTACHMENT_CASE_MAX_BYTES },
    decisionWaitMs: e.DECISION_WAIT_MS,
    metrics: { workerAddress: e.WORKER_METRICS_ADDRESS, token: e.METRICS_TOKEN },
    notify: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      smtpPort: e.MAIL_SMTP_PORT,
      uiPort: e.MAIL_UI_PORT,
      publicUrl: e.PUBLIC_URL,
      webhook:
        e.NOTIFY_WEBHOOK_URL && e.NOTIFY_WEBHOOK_SECRET
          ? { url: e.NOTIFY_WEBHOOK_URL, secret: e.NOTIFY_WEBHOOK_SECRET }
          : undefined,
      digestHour: e.NOTIFY_DIGEST_HOUR,
      pollMs: e.NOTIFY_POLL_MS,
      retryBaseMs: e.NOTIFY_RETRY_BASE_MS,
    },
  };
}
