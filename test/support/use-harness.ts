/** A test file's harness in one line: started before its tests, stopped after, the named demo people signed in. */
import type { ActivityDeps } from '../../activities';
import type { ClientInterceptors } from '@temporalio/client';
import { api, login, startHarness, type Harness } from './harness';

type Answer = Awaited<ReturnType<typeof api>>;

/** Calls to the API as one signed-in person (or as nobody, for `null`). */
export interface Caller {
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
}

/** What a test file uses: the harness (its parts readable from the first hook on), and calls as each person. */
export interface TestHarness extends Harness {
  token(username: string): string;
  as(username: string | null): Caller;
}

/** Registers the file's beforeAll (start, sign the people in) and afterAll (stop). */
export function useHarness(
  options: {
    people?: readonly string[];
    /** Variables the harness's worker and gateway start with (configuration read at start). */
    env?: Record<string, string>;
    afterRecord?: ActivityDeps['afterRecord'];
    gatewayInterceptors?: ClientInterceptors;
  } = {},
): TestHarness {
  let harness: Harness | undefined;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    const { people = [], env = {}, ...rest } = options;
    const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      harness = await startHarness(rest);
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    for (const u of people) tokens[u] = await login(harness, u);
  });
  afterAll(async () => {
    await harness?.stop();
  });
  const running = (): Harness => {
    if (!harness) throw new Error('the harness starts in beforeAll: use it inside a test or hook');
    return harness;
  };
  const self: TestHarness = {
    get config() {
      return running().config;
    },
    get url() {
      return running().url;
    },
    get client() {
      return running().client;
    },
    get repos() {
      return running().repos;
    },
    servedRoutes: () => running().servedRoutes(),
    stop: () => running().stop(),
    token(username) {
      const t = tokens[username];
      if (!t) throw new Error(`${username} is not signed in: name them in useHarness({ people })`);
      return t;
    },
    as(username) {
      const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
        api(self, username === null ? null : self.token(username), method, path, body, headers);
      return {
        call,
        get: (path, headers) => call('GET', path, undefined, headers),
        post: (path, body = {}, headers) => call('POST', path, body, headers),
      };
    },
  };
  return self;
}
