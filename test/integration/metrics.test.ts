/**
 * What operators scrape: the gateway's GET /metrics (request durations per route template, decisions per kind and
 * outcome, never a case's id) and a worker process's Prometheus endpoint (WORKER_METRICS_ADDRESS: the Temporal SDK's
 * metrics and the document render time per kind). The worker runs as a child process, since the SDK's runtime (and
 * its exporter) is installed once per process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { registerDossierUpdate, unitReviewUpdate } from '../../src/contracts/initiative';
import { createGatewayMetrics, metricsRoutes } from '../../src/gateway/metrics';
import { problemHandler } from '../../src/gateway/problem';
import { mountRoutes, type MountDeps } from '../../src/gateway/registry';
import { freePort } from '../../dev/servers/process';
import { eventually } from '../support/harness';
import { decide, fileCase, people } from '../support/lifecycle';
import { useHarness } from '../support/use-harness';

const h = useHarness({ people: ['giaovien.thcs', 'giamsat'] });

/** The value of one series in a Prometheus text (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([\w:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...m[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const scrapeGateway = async () => {
  const r = await fetch(`${h.url}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
  return r.text();
};

const filing = {
  title: 'Sổ điểm điện tử',
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Thay sổ điểm giấy bằng sổ điểm điện tử.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
};

test('when a case is read and decided through the gateway, then /metrics counts them by route template and kind, without the id', async () => {
  const filed = await h.as('giaovien.thcs').post('/api/v1/initiatives', filing);
  expect(filed.status).toBe(201);
  const id: string = filed.body.id;
  expect((await h.as('giaovien.thcs').get(`/api/v1/initiatives/${id}`)).status).toBe(200);
  const extended = await h
    .as('giamsat')
    .post(`/api/v1/initiatives/${id}/deadline-extension`, { reason: 'Đo chỉ số', by: { days: 1 } });
  expect(extended.status).toBe(200);
  // A decision this person may not take: refused by its role, and counted with the refusal's code.
  const refused = await h.as('giaovien.thcs').post(`/api/v1/initiatives/${id}/registration`, {});
  expect(refused.status).toBe(403);

  const text = await scrapeGateway();
  const read = {
    route: '/api/v1/initiatives/:id',
    method: 'GET',
    status: '200',
  };
  expect(sample(text, 'sang_kien_gateway_http_request_duration_seconds_count', read)).toBe(1);
  expect(
    sample(text, 'sang_kien_gateway_http_request_duration_seconds_bucket', { ...read, le: '+Inf' }),
  ).toBe(1);
  expect(
    sample(text, 'sang_kien_gateway_http_request_duration_seconds_count', {
      route: '/api/v1/initiatives',
      method: 'POST',
      status: '201',
    }),
  ).toBe(1);
  expect(
    sample(text, 'sang_kien_gateway_decisions_total', { kind: 'deadline-extension', outcome: 'accepted' }),
  ).toBe(1);
  expect(
    sample(text, 'sang_kien_gateway_decisions_total', { kind: 'registration', outcome: 'FORBIDDEN_ROLE' }),
  ).toBe(1);
  expect(
    sample(text, 'sang_kien_gateway_dependency_errors_total', {
      dependency: 'mongodb',
      code: 'DATABASE_UNAVAILABLE',
    }),
  ).toBe(0);
  expect(text).toContain('process_cpu_seconds_total');
  // Labels hold templates and codes only: no case id, no person.
  expect(text).not.toContain(id);
  expect(text).not.toContain('p-gv-thcs');

  // An unknown path is one series, whatever the path.
  await h.as(null).get(`/api/v1/khong-co-${id}`);
  expect(
    sample(await scrapeGateway(), 'sang_kien_gateway_http_request_duration_seconds_count', {
      route: 'unmatched',
      status: '404',
    }),
  ).toBe(1);
});

test('when a request came through a proxy and no METRICS_TOKEN is set, then /metrics is refused', async () => {
  const r = await fetch(`${h.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
  expect(r.status).toBe(403);
  expect(((await r.json()) as { code: string }).code).toBe('METRICS_LOCAL_ONLY');
});

describe('the access rule on its own', () => {
  /** An app serving only /metrics, as the gateway mounts it. */
  async function metricsApp(token: string | undefined, host: string) {
    const app = express();
    const metrics = createGatewayMetrics();
    const deps = { auth: { verify: () => Promise.resolve(null) }, idempotency: {} } as unknown as MountDeps;
    mountRoutes(app, metricsRoutes(metrics, token), deps);
    app.use(problemHandler);
    const server = app.listen(0, host);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`, server };
  }

  test('when METRICS_TOKEN is set, then only a request bearing it is answered', async () => {
    const token = 'metrics-token-for-the-test';
    const { url, server } = await metricsApp(token, '127.0.0.1');
    try {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(
        401,
      );
      const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('sang_kien_gateway_decisions_total');
    } finally {
      server.close();
    }
  });

  test('when no token is set and the caller is on another machine, then it is refused', async () => {
    // A non-loopback address of this machine: the request arrives from it, not from 127.0.0.1.
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
    if (!external) return void process.stderr.write('metrics.test: no non-loopback address; skipped\n');
    const { url, server } = await metricsApp(undefined, external);
    try {
      const r = await fetch(url);
      expect(r.status).toBe(403);
    } finally {
      server.close();
    }
  });
});

describe('a worker process with WORKER_METRICS_ADDRESS', () => {
  let child: ChildProcess | undefined;
  let metricsUrl = '';
  const taskQueue = `metrics-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../worker.ts')], {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        TEMPORAL_TASK_QUEUE: taskQueue,
        MONGODB_DB: h.config.mongo.dbName,
        WORKER_METRICS_ADDRESS: `127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Serving metrics comes first (the runtime is installed before the worker connects).
    await eventually(
      () =>
        fetch(metricsUrl).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      60_000,
    );
  }, 90_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
    await once(child, 'exit');
    clearTimeout(timer);
  });

  test('when it has run a case up to its receipt, then it serves the SDK metrics and the render time per kind', async () => {
    const { handle } = await fileCase(h.client, taskQueue);
    await decide(handle, unitReviewUpdate, {
      actor: people.unitHead,
      outcome: 'ENDORSE',
      confirmedApplication: true,
    });
    await decide(handle, registerDossierUpdate, { actor: people.secretary });

    const text = await eventually(async () => {
      const t = await (await fetch(metricsUrl)).text();
      return (sample(t, 'sang_kien_document_render_latency_count', { kind: 'RECEIPT' }) ?? 0) >= 1
        ? t
        : undefined;
    }, 30_000);
    expect(text).toMatch(/^temporal_workflow_task_schedule_to_start_latency_bucket\{/m);
    expect(text).toMatch(/^temporal_sticky_cache_size\{/m);
    expect(sample(text, 'sang_kien_worker_memory', { area: 'heap_used' })).toBeGreaterThan(0);
    expect(
      sample(text, 'temporal_activity_execution_latency_count', {
        activity_type: 'recordCase',
        task_queue: taskQueue,
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'sang_kien_document_render_latency_bucket', { kind: 'RECEIPT', le: '+Inf' })).toBe(
      sample(text, 'sang_kien_document_render_latency_count', { kind: 'RECEIPT' }),
    );
  }, 90_000);
});
