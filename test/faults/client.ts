/**
 * What a real client does while the product fails under it: a POST carries an Idempotency-Key, and a connection
 * error, a time-out, a 503 or a "still in progress" 409 is retried with the same key until a definite answer comes
 * (or the budget runs out). Every request and every attempt is recorded for the invariant checks.
 */
import { randomBytes } from 'node:crypto';

/** One logical request (all its attempts share an Idempotency-Key). */
export interface RequestRecord {
  id: number;
  who: string;
  method: string;
  path: string;
  /** The workflow id of the case, once known. */
  caseId: string | null;
  /** What the driver expects it to do (e.g. `unit-review:ENDORSE`), for the effect count. */
  intent: string;
  key: string | null;
  body: unknown;
  attempts: number;
  /** Attempts repeated on purpose after an answer (a client that did not see the answer resends it). */
  deliberateReplays: number;
  /** Final status; null when the budget ran out without a definite answer. */
  status: number | null;
  code: string | null;
  /** Statuses and errors of attempts that were retried. */
  transient: string[];
  startedAt: number;
  endedAt: number;
}

/** An answer that is final for the client: a success or a refusal (not a transient failure). */
export interface Answer {
  status: number;
  body: any;
  replayed: boolean;
}

const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** The API as seen by many signed-in demo people, with retries and a full record of what happened. */
export class FaultClient {
  readonly requests: RequestRecord[] = [];
  /** Answers with status 500 or more that are not a documented 503 (each is a product bug). */
  readonly serverErrors: { path: string; status: number; body: string; at: string }[] = [];
  /** Replays of a finished request whose answer differed from the first one. */
  readonly replayMismatches: { path: string; first: string; again: string; why: string }[] = [];
  /** Requests on the wire right now (to prove the gateway was killed with requests in flight). */
  inFlight = 0;
  private nextId = 1;
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly password: string,
    private readonly budgetMs: number,
  ) {}

  /** A signed-in person's access token. */
  token(who: string): string | undefined {
    return this.tokens.get(who);
  }

  async login(username: string): Promise<void> {
    const deadline = Date.now() + this.budgetMs;
    for (;;) {
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: this.password }),
          signal: AbortSignal.timeout(20_000),
        });
        if (res.status === 200) {
          this.tokens.set(username, ((await res.json()) as { accessToken: string }).accessToken);
          return;
        }
        if (!TRANSIENT_STATUS.has(res.status)) throw new Error(`login ${username}: ${res.status}`);
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      await sleep(500);
    }
  }

  /** A GET with retries on transient failures; returns the final answer (or null when the budget ran out). */
  async get(who: string, path: string): Promise<Answer | null> {
    const deadline = Date.now() + this.budgetMs;
    let delay = 200;
    for (;;) {
      const a = await this.attempt(who, 'GET', path, undefined, null).catch(() => null);
      if (a && !TRANSIENT_STATUS.has(a.status)) return a;
      if (Date.now() > deadline) return null;
      await sleep(delay);
      delay = Math.min(delay * 2, 2_000);
    }
  }

  /**
   * A POST with an Idempotency-Key, retried with the same key until a definite answer. With `replay`, the request is
   * sent once more after its answer (as a client that lost the answer would) and the two answers must agree.
   */
  async post(
    who: string,
    path: string,
    body: unknown,
    meta: { caseId: string | null; intent: string; replay?: boolean; concurrentDuplicate?: boolean },
  ): Promise<{ record: RequestRecord; answer: Answer | null }> {
    const key = `faults-${randomBytes(9).toString('hex')}`;
    const record: RequestRecord = {
      id: this.nextId++,
      who,
      method: 'POST',
      path,
      caseId: meta.caseId,
      intent: meta.intent,
      key,
      body,
      attempts: 0,
      deliberateReplays: 0,
      status: null,
      code: null,
      transient: [],
      startedAt: Date.now(),
      endedAt: 0,
    };
    this.requests.push(record);
    const once = () => this.untilDefinite(record, who, path, body, key);
    let answer: Answer | null;
    if (meta.concurrentDuplicate) {
      // The same request twice at once (a double click): one claims the key, the other waits or replays.
      const [a, b] = await Promise.all([once(), once()]);
      answer = a ?? b;
      if (a && b && (a.status !== b.status || answerJson(a.body) !== answerJson(b.body))) {
        this.replayMismatches.push({ path, first: summary(a), again: summary(b), why: difference(a, b) });
      }
    } else {
      answer = await once();
    }
    if (answer && meta.replay) {
      record.deliberateReplays++;
      const again = await once();
      if (
        again &&
        (again.status !== answer.status ||
          answerJson(again.body) !== answerJson(answer.body) ||
          !again.replayed)
      ) {
        this.replayMismatches.push({
          path,
          first: summary(answer),
          again: summary(again),
          why: again.replayed ? difference(answer, again) : 'the answer again was not marked as a replay',
        });
      }
    }
    record.status = answer?.status ?? null;
    record.code = answer && answer.status >= 400 ? (answer.body?.code ?? null) : null;
    record.endedAt = Date.now();
    return { record, answer };
  }

  private async untilDefinite(
    record: RequestRecord,
    who: string,
    path: string,
    body: unknown,
    key: string,
  ): Promise<Answer | null> {
    const deadline = Date.now() + this.budgetMs;
    let delay = 200;
    for (;;) {
      record.attempts++;
      let a: Answer | null = null;
      try {
        a = await this.attempt(who, 'POST', path, body, key);
      } catch (err) {
        record.transient.push(errorName(err));
      }
      if (a) {
        const inProgress = a.status === 409 && a.body?.code === 'REQUEST_IN_PROGRESS';
        if (!TRANSIENT_STATUS.has(a.status) && !inProgress && a.status < 500) return a;
        record.transient.push(`${a.status}${a.body?.code ? ` ${a.body.code}` : ''}`);
      }
      if (Date.now() > deadline) return null;
      await sleep(delay);
      delay = Math.min(delay * 2, 2_000);
    }
  }

  private async attempt(
    who: string,
    method: string,
    path: string,
    body: unknown,
    key: string | null,
  ): Promise<Answer> {
    const token = this.tokens.get(who);
    if (!token) throw new Error(`${who} is not signed in`);
    this.inFlight++;
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        // Longer than the gateway's DECISION_WAIT_MS (30 s): a decision still being written answers 503
        // DECISION_PENDING, which this client, as the web app, sends again with its key.
        signal: AbortSignal.timeout(40_000),
      });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      if (res.status >= 500 && !(res.status === 503 && isProblem(res, parsed))) {
        this.serverErrors.push({
          path: `${method} ${path}`,
          status: res.status,
          body: text.slice(0, 300),
          at: new Date().toISOString(),
        });
      }
      return {
        status: res.status,
        body: parsed,
        replayed: res.headers.get('idempotent-replayed') === 'true',
      };
    } finally {
      this.inFlight--;
    }
  }
}

function isProblem(res: Response, body: any): boolean {
  return (
    (res.headers.get('content-type') ?? '').includes('application/problem+json') &&
    typeof body?.code === 'string'
  );
}

function errorName(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.name ?? 'error';
}

function summary(a: Answer): string {
  return `${a.status} ${answerJson(a.body).slice(0, 400)}`;
}

/** Where two answers differ: the status, or the first differing line of their sorted JSON. */
function difference(a: Answer, b: Answer): string {
  if (a.status !== b.status) return `status ${a.status} then ${b.status}`;
  const lines = (v: unknown) => JSON.stringify(v ?? null, Object.keys(flatKeys(v)).sort(), 1).split('\n');
  const x = lines(a.body);
  const y = lines(b.body);
  const i = x.findIndex((line, k) => line !== y[k]);
  return i < 0 ? 'same body' : `line ${i + 1}: ${x[i]?.trim()} then ${y[i]?.trim()}`;
}

/** Every key that occurs at any depth (so JSON.stringify sorts them all). */
function flatKeys(v: unknown, keys: Record<string, true> = {}): Record<string, true> {
  if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k !== 'requestId') keys[k] = true;
      flatKeys(x, keys);
    }
  return keys;
}

/** An answer as compared across replays: the request id names the HTTP exchange, not the answer. */
function answerJson(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const { requestId: _r, ...rest } = v as Record<string, unknown>;
    return stableJson(rest);
  }
  return stableJson(v);
}

/** JSON with sorted keys (answers compared across replays). */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
