/**
 * Benchmark: how many history events and bytes one initiative's happy path uses, against a baseline measured in the
 * same run: a bare workflow that receives the same updates with no state and no activities.
 * Run: `npm run bench:history` (starts its own servers unless TEMPORAL_ADDRESS and MONGODB_URI are set).
 * Prints the figures and writes bench/results/history-size.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../src/config';
import { designateReplicationUpdate } from '../src/contracts/initiative';
import {
  confirmAdoptionUpdate,
  replicationWorkflowId,
  submitAdoptionPlanUpdate,
  submitAdoptionReportUpdate,
} from '../src/contracts/replication';
import { createLogger } from '../src/logger';
import { startServers, type Servers } from '../src/servers';
import { freePort } from '../src/servers/process';
import { toReplication } from '../test/support/drive';
import { decide, fileCase, people, waitFor } from '../test/support/lifecycle';
import { startWorker } from '../worker';

const say = (m: string) => process.stderr.write(`[bench] ${m}\n`);

async function historyFigures(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  return { events: history.events?.length ?? 0, bytes, history };
}

async function main(): Promise<void> {
  let servers: Servers | undefined;
  let dataDir: string | undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    TEMPORAL_TASK_QUEUE: `bench-${Date.now()}`,
    MONGODB_DB: `bench_${Date.now()}`,
  };
  if (!env['TEMPORAL_ADDRESS'] || !env['MONGODB_URI']) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-bench-'));
    const cfg = loadConfig({
      ...env,
      DATA_DIR: dataDir,
      TEMPORAL_PORT: String(await freePort()),
      MONGODB_PORT: String(await freePort()),
    });
    servers = await startServers(cfg, say, { headless: true });
    env['TEMPORAL_ADDRESS'] = servers.temporal.address;
    env['MONGODB_URI'] = servers.mongo.uri;
  }
  const config = loadConfig(env);
  const addresses = { temporalAddress: env['TEMPORAL_ADDRESS'], mongoUri: env['MONGODB_URI'] };
  const worker = await startWorker(config, addresses, createLogger('warn'));
  const connection = await Connection.connect({ address: addresses.temporalAddress });
  const client = new Client({ connection });
  try {
    say('running one initiative through every stage (fast rule pack: about 10 s of waiting)…');
    const started = Date.now();
    const { id, handle } = await fileCase(client, config.temporal.taskQueue);
    await toReplication(handle);
    await decide(handle, designateReplicationUpdate, {
      actor: people.chairman,
      unitIds: ['tram-y-te', 'truong-mam-non'],
    });
    for (const [unitId, head] of [
      ['tram-y-te', people.otherUnitHead],
      ['truong-mam-non', people.mamNonHead],
    ] as const) {
      const child = client.workflow.getHandle(replicationWorkflowId(id, unitId));
      await child.executeUpdate(submitAdoptionPlanUpdate, {
        args: [{ actor: head, startDate: '2026-11-01', plan: 'Kế hoạch' }],
      });
      await child.executeUpdate(submitAdoptionReportUpdate, {
        args: [
          {
            actor: head,
            periodEnd: '2026-11-20',
            metrics: [{ name: 'Thời gian', unit: 'giờ', baseline: 10, value: 4 }],
            evidenceRefs: [],
          },
        ],
      });
      await child.executeUpdate(confirmAdoptionUpdate, {
        args: [{ actor: head, verdict: 'EFFECTIVE', summary: 'Tốt' }],
      });
    }
    await waitFor(handle, (s) => s.status === 'COMPLETED', 30_000);
    const seconds = (Date.now() - started) / 1000;
    const main = await historyFigures(handle);
    const children = await Promise.all(
      ['tram-y-te', 'truong-mam-non'].map((u) =>
        historyFigures(client.workflow.getHandle(replicationWorkflowId(id, u))),
      ),
    );

    // Baseline: the same updates, in order, sent to a workflow that only counts them.
    const updates = (main.history.events ?? []).flatMap((e) => {
      const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
      return req?.name
        ? [
            {
              name: req.name,
              args: (req.args?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)),
            },
          ]
        : [];
    });
    const bare = await client.workflow.start('bareWorkflow', {
      workflowId: `bench-bare-${id}`,
      taskQueue: config.temporal.taskQueue,
    });
    for (const u of updates) await bare.executeUpdate(u.name, { args: u.args as [unknown] });
    await bare.signal('finish');
    await bare.result();
    const base = await historyFigures(bare);

    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      servers: servers ? { temporal: 'dev server (SQLite)', mongo: servers.mongo.engine } : 'external',
      initiative: { events: main.events, bytes: main.bytes, updates: updates.length, wallSeconds: seconds },
      replicationChildren: children.map((c) => ({ events: c.events, bytes: c.bytes })),
      baselineBareWorkflow: { events: base.events, bytes: base.bytes, updates: updates.length },
      ratio: {
        events: Math.round((main.events / base.events) * 100) / 100,
        bytes: Math.round((main.bytes / base.bytes) * 100) / 100,
      },
    };
    const out = path.resolve(__dirname, 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'history-size.json'), JSON.stringify(results, null, 2));
    console.log(
      `initiative happy path: ${main.events} events, ${main.bytes} bytes, ${updates.length} updates`,
    );
    console.log(
      `replication children:  ${children.map((c) => `${c.events} events / ${c.bytes} bytes`).join('; ')}`,
    );
    console.log(`baseline bare workflow: ${base.events} events, ${base.bytes} bytes for the same updates`);
    console.log(
      `ratio (initiative / baseline): events ×${results.ratio.events}, bytes ×${results.ratio.bytes}`,
    );
    console.log(`results written to bench/results/history-size.json`);
  } finally {
    await worker.stop();
    await connection.close();
    await servers?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
