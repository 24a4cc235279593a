/**
 * Benchmark: the gateway's overhead. Starts per second through the gateway (HTTP, authentication, validation, rule
 * pack pinning) against starts with the raw Temporal client; a decision's round trip through the gateway against the
 * same Update sent with the raw client. Both measured in the same run. `npm run bench:gateway`.
 */
import os from 'node:os';
import { initiativeWorkflowId } from '../src/contracts/ids';
import { extendDeadlineUpdate, type Actor } from '../src/contracts/initiative';
import { DEFAULT_RULE_PACK } from '../src/domain/rule-pack';
import { percentile, runPool, say, startStack, writeResults } from './support';

const STARTS = Number(process.env['BENCH_STARTS'] ?? 200);
const DECISIONS = Number(process.env['BENCH_DECISIONS'] ?? 100);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

const supervisor: Actor = {
  personId: 'p-giamsat',
  fullName: 'Bùi Minh Châu',
  roles: ['SUPERVISOR'],
  unitIds: [],
  councilIds: [],
};
const submitter: Actor = {
  personId: 'p-gv-thcs',
  fullName: 'Nguyễn Thị Hương Trà',
  roles: ['SUBMITTER'],
  unitIds: ['truong-thcs'],
  councilIds: [],
};
const dossier = () => ({
  title: 'Sáng kiến đo hiệu năng',
  unitId: 'truong-thcs',
  field: 'Giáo dục',
  firstAppliedOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
  summary: 'Hồ sơ dùng để đo.',
  authors: [{ personId: 'p-gv-thcs', fullName: 'Nguyễn Thị Hương Trà', sharePercent: 100 }],
});

async function main(): Promise<void> {
  const stack = await startStack({ gateway: true });
  const url = stack.gateway!.url;
  const login = async (username: string) => {
    const r = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: stack.config.demoPassword }),
    });
    return ((await r.json()) as { accessToken: string }).accessToken;
  };
  try {
    const submitterToken = await login('giaovien.thcs');
    const supervisorToken = await login('giamsat');
    const post = (path: string, token: string, body: unknown) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });

    say(`${STARTS} starts through the gateway, ${CONCURRENCY} at a time…`);
    const gatewayIds: string[] = [];
    const gatewayMs = await runPool(STARTS, CONCURRENCY, async (i) => {
      const r = await post('/api/v1/initiatives', submitterToken, {
        id: `bench-gw-${Date.now()}-${i}`,
        ...dossier(),
      });
      if (r.status !== 201) throw new Error(`start failed: ${r.status} ${await r.text()}`);
      gatewayIds.push(((await r.json()) as { id: string }).id);
    });
    // Each phase starts when the previous one's background writes are done (the read model holds every case).
    const settle = async (expected: number) => {
      for (;;) {
        const r = await fetch(`${url}/api/v1/initiatives?limit=1`, {
          headers: { authorization: `Bearer ${supervisorToken}` },
        });
        if (((await r.json()) as { total: number }).total >= expected) return;
        await new Promise((res) => setTimeout(res, 250));
      }
    };
    await settle(STARTS);
    say(`${STARTS} starts with the raw client, ${CONCURRENCY} at a time…`);
    const rawMs = await runPool(STARTS, CONCURRENCY, async (i) => {
      const id = `bench-raw-${Date.now()}-${i}`;
      await stack.client.workflow.start('initiativeWorkflow', {
        workflowId: initiativeWorkflowId(id),
        taskQueue: stack.config.temporal.taskQueue,
        args: [
          {
            initiativeId: id,
            dossier: dossier(),
            pack: DEFAULT_RULE_PACK,
            filedBy: submitter,
            filedAt: new Date().toISOString(),
          },
        ],
      });
    });

    const target = gatewayIds[0]!;
    await settle(2 * STARTS);
    say(`${DECISIONS} decisions (deadline extensions) through the gateway, one at a time…`);
    const viaGateway: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const t = performance.now();
      const r = await post(`/api/v1/initiatives/${target}/deadline-extension`, supervisorToken, {
        reason: 'Đo hiệu năng',
        by: { days: 1 },
      });
      if (r.status !== 200) throw new Error(`decision failed: ${r.status} ${await r.text()}`);
      viaGateway.push(performance.now() - t);
    }
    say(`${DECISIONS} of the same Update with the raw client…`);
    const raw: number[] = [];
    const handle = stack.client.workflow.getHandle(initiativeWorkflowId(target));
    for (let i = 0; i < DECISIONS; i++) {
      const t = performance.now();
      await handle.executeUpdate(extendDeadlineUpdate, {
        args: [{ actor: supervisor, reason: 'Đo hiệu năng', by: { days: 1 } }],
      });
      raw.push(performance.now() - t);
    }

    const r2 = (x: number) => Math.round(x * 100) / 100;
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      servers: stack.servers,
      starts: {
        count: STARTS,
        concurrency: CONCURRENCY,
        gatewayPerSecond: r2(STARTS / (gatewayMs / 1000)),
        rawClientPerSecond: r2(STARTS / (rawMs / 1000)),
        ratio: r2(rawMs / gatewayMs),
      },
      decisionRoundTripMs: {
        count: DECISIONS,
        gateway: { p50: r2(percentile(viaGateway, 50)), p99: r2(percentile(viaGateway, 99)) },
        rawUpdate: { p50: r2(percentile(raw, 50)), p99: r2(percentile(raw, 99)) },
        ratioP50: r2(percentile(viaGateway, 50) / percentile(raw, 50)),
      },
    };
    writeResults('gateway.json', results);
    console.log(
      `starts/s: gateway ${results.starts.gatewayPerSecond}, raw client ${results.starts.rawClientPerSecond} (gateway reaches ×${results.starts.ratio} of raw)`,
    );
    console.log(
      `decision round trip p50/p99 ms: gateway ${results.decisionRoundTripMs.gateway.p50}/${results.decisionRoundTripMs.gateway.p99}, raw update ${results.decisionRoundTripMs.rawUpdate.p50}/${results.decisionRoundTripMs.rawUpdate.p99} (×${results.decisionRoundTripMs.ratioP50} at p50)`,
    );
    console.log('results written to bench/results/gateway.json');
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
