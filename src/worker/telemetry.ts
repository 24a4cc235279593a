/**
 * The worker's metrics: the Temporal SDK's own (task latencies, schedule-to-start, sticky cache, failures) and the
 * project's (document render time, the process's memory), all served by the SDK runtime's Prometheus exporter at WORKER_METRICS_ADDRESS
 * (`http://<address>/metrics`). Off when the address is unset; then every observation here does nothing.
 */
import type { MetricHistogram, MetricMeter } from '@temporalio/common';
import type { RuntimeOptions } from '@temporalio/worker';

/** The histogram of one document's PDF and DOCX rendering, in milliseconds, tagged with the document's kind. */
export const DOCUMENT_RENDER_METRIC = 'sang_kien_document_render_latency';

/** Bucket bounds (ms) of the render histogram: a page takes tens of milliseconds, a loaded worker seconds. */
const RENDER_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * Finer bounds (ms) than the SDK's defaults (100, 500, 1000, 5000…) for the latencies an operator watches: a healthy
 * task waits and runs for milliseconds, so the defaults would put every one of them in the first bucket.
 */
const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];
const SDK_LATENCIES = [
  'workflow_task_schedule_to_start_latency',
  'workflow_task_execution_latency',
  'workflow_task_replay_latency',
  'activity_schedule_to_start_latency',
  'activity_execution_latency',
];

let documentRender: MetricHistogram | undefined;

/**
 * The `metrics` part of the runtime's telemetry options for a Prometheus exporter on `bindAddress` (host:port), or
 * nothing when it is unset. The SDK's defaults stay (durations in milliseconds, metric names prefixed `temporal_`,
 * counters without `_total`), so Temporal's own dashboards and docs apply as they are.
 */
export function metricsTelemetry(
  bindAddress: string | undefined,
): Pick<NonNullable<RuntimeOptions['telemetryOptions']>, 'metrics'> {
  if (!bindAddress) return {};
  return {
    metrics: {
      prometheus: {
        bindAddress,
        histogramBucketOverrides: {
          ...Object.fromEntries(SDK_LATENCIES.map((name) => [name, LATENCY_BUCKETS_MS])),
          [DOCUMENT_RENDER_METRIC]: RENDER_BUCKETS_MS,
        },
      },
    },
  };
}

/**
 * Creates the project's own metrics on the installed runtime's meter (`Runtime.instance().metricMeter`, after
 * Runtime.install); taking the meter keeps this module, which activities import, free of the native runtime.
 */
export function enableWorkerMetrics(meter: MetricMeter): void {
  if (documentRender) return;
  documentRender = meter.createHistogram(
    DOCUMENT_RENDER_METRIC,
    'float',
    'ms',
    "Time to render one issued document's PDF and DOCX, by document kind",
  );
  // The SDK's exporter has no process metrics: the memory the sticky cache costs is watched through these.
  const memory = meter.createGauge(
    'sang_kien_worker_memory',
    'int',
    'bytes',
    "The worker process's memory: V8 heap used and resident set size (area=heap_used|rss)",
  );
  const sampleMemory = () => {
    const m = process.memoryUsage();
    memory.set(m.heapUsed, { area: 'heap_used' });
    memory.set(m.rss, { area: 'rss' });
  };
  sampleMemory();
  setInterval(sampleMemory, 10_000).unref();
}

/**
 * Records how long one document took to render (both formats). Harmless when metrics are off or outside a worker
 * (unit tests, scripts): nothing is recorded then.
 */
export function observeDocumentRender(kind: string, seconds: number): void {
  documentRender?.record(seconds * 1000, { kind });
}
