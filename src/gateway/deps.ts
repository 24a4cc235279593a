/** What the gateway's routes need. */
import type { PayloadCodec } from '@temporalio/common';
import type { Repositories } from '../db';
import type { Logger } from '../logger';
import type { InitiativeService } from '../temporal/client';
import type { AuthService } from './auth';

/** Dependencies of the app and its routes. */
export interface GatewayDeps {
  logger: Logger;
  initiatives: InitiativeService;
  repos: Repositories;
  auth: AuthService;
  /** Answers whether MongoDB responds. */
  mongoReachable: () => Promise<boolean>;
  /** Sign-in attempts per minute and client address. */
  loginRateLimit: number;
  version: string;
  /** Upload limits: per file and per case. */
  attachments: { maxFileBytes: number; maxCaseBytes: number };
  /** The built web app to serve at `/` (absent: API only). */
  webDir?: string;
  /** The Temporal UI's workflow list of the namespace (a supervisor's case page links each case's workflow there). */
  temporalUiUrl?: string | undefined;
  /** Encrypts and decrypts what Temporal stores (src/temporal/codec.ts), for the operators' codec endpoint. */
  codec: PayloadCodec;
  /** How long a request waits for its decision's outcome (default 30 s); see boundedUpdate. */
  decisionWaitMs?: number;
  /** The bearer token GET /metrics asks for (METRICS_TOKEN); unset: local callers only (src/gateway/metrics.ts). */
  metricsToken?: string | undefined;
  /** The commune whose People's Committee receives the dossiers (the place printed on a dossier's application). */
  commune?: { name: string; province: string };
  /** Notifications: whether the webhook channel is on, and the web app's public address for links (PUBLIC_URL). */
  notify?: { webhook: boolean; publicUrl: string | undefined; digestHour: number };
}
