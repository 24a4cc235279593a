/**
 * Benchmark: how many history events and bytes one initiative's happy path uses, against a baseline measured in the
 * same run: a bare workflow that receives the same updates with no state and no activities.
 * Run: `npm run bench:history` (starts its own servers unless TEMPORAL_ADDRESS and MONGODB_URI are set).
 * Prints the figures and writes bench/results/history-size.json.
 */
import os from 'node:os';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { designateReplicationUpdate } from '../src/contracts/initiative';
import { replicationWorkflowId } from '../src/contracts/replication';
import { confirmAdoptions, toReplication } from '../test/support/drive';
import { decide, fileCase, people, waitFor } from '../test/support/lifecycle';
import { dataConverterFor } from '../src/temporal/codec';
import { say, startStack, writeResults } from './support';

async function historyFigures(handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const bytes = temporal.api.history.v1.History.encode(history).finish().length;
  // Where the events and bytes go: per event type (and activity type), the most bytes first.
  const byType: Record<string, { events: number; bytes: number }> = {};
  for (const e of history.events ?? []) {
    const type = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType);
    const activity = e.activityTaskScheduledEventAttributes?.activityType?.name;
    const key = `${type.replace(/^EVENT_TYPE_/, '')}${activity ? ` (${activity})` : ''}`;
    const t = (byType[key] ??= { events: 0, bytes: 0 });
    t.events++;
    t.bytes += temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
  }
  return { events: history.events?.length ?? 0, bytes, history, byType };
}

async function main(): Promise<void> {
  const stack = await startStack();
  const { client, config } = stack;
  try {
    say('running one initiative through every stage (fast rule pack: about 10 s of waiting)…');
    const started = Date.now();
    const { id, handle } = await fileCase(client, config.temporal.taskQueue);
    await toReplication(handle);
    await decide(handle, designateReplicationUpdate, {
      actor: people.chairman,
      unitIds: ['tram-y-te', 'truong-mam-non'],
    });
    await confirmAdoptions(client, id);
    await waitFor(handle, (s) => s.status === 'COMPLETED', 30_000);
    const seconds = (Date.now() - started) / 1000;
    const main = await historyFigures(handle);
    const children = await Promise.all(
      ['tram-y-te', 'truong-mam-non'].map((u) =>
        historyFigures(client.workflow.getHandle(replicationWorkflowId(id, u))),
      ),
    );

    // Baseline: the same updates, in order, sent to a workflow that only counts them (with the same encryption).
    const [codec] = dataConverterFor(config).payloadCodecs!;
    const updates = [];
    for (const e of main.history.events ?? []) {
      const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
      if (!req?.name) continue;
      const payloads = await codec!.decode(req.args?.payloads ?? []);
      updates.push({ name: req.name, args: payloads.map((p) => defaultPayloadConverter.fromPayload(p)) });
    }
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
      servers: stack.servers,
      initiative: {
        events: main.events,
        bytes: main.bytes,
        updates: updates.length,
        wallSeconds: seconds,
        byType: main.byType,
      },
      replicationChildren: children.map((c) => ({ events: c.events, bytes: c.bytes })),
      baselineBareWorkflow: { events: base.events, bytes: base.bytes, updates: updates.length },
      ratio: {
        events: Math.round((main.events / base.events) * 100) / 100,
        bytes: Math.round((main.bytes / base.bytes) * 100) / 100,
      },
    };
    writeResults('history-size.json', results);
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
    console.log('initiative history by event type (events, bytes):');
    for (const [type, t] of Object.entries(main.byType).sort((a, b) => b[1].bytes - a[1].bytes))
      console.log(`  ${type.padEnd(56)} ${String(t.events).padStart(4)} ${String(t.bytes).padStart(8)}`);
    console.log(`results written to bench/results/history-size.json`);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
