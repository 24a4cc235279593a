/**
 * `npm run test:faults`: the fault-injection suite. Starts the real servers, the worker and the gateway as separate
 * processes, drives many initiatives through the API at once, and meanwhile kills the worker three times, stops the
 * MongoDB-protocol server for 30 s, kills the Temporal server, kills the gateway with requests in flight and stops the
 * mail server for 20 s, each restarted on the same data. Then it checks the invariants, writes a report to test-artifacts/faults/ and exits
 * non-zero on any violation or on any fault that did not actually happen.
 *
 * Size: FAULTS_CASES (default 300) or `--cases N`; `--ci` is the CI size. Seed: FAULTS_SEED or `--seed N`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { DEFAULT_RULE_PACK, type RulePack } from '../../src/domain/rule-pack';
import { dataConverterFor } from '../../src/temporal/codec';
import { fastPack, STEP_DEADLINES } from '../support/lifecycle';
import { accepted, checkInvariants, waitForQuiescence, type CheckResult } from './checks';
import { runChecks } from './checks/run-level';
import { checkMail } from './checks/mail';
import { FaultClient } from './client';
import { alive, Cluster } from './cluster';
import { USERS } from './decision-mix';
import { verifiedByKind } from './faults';
import { writeReport } from './report';
import { driveWithFaults } from './schedule';
import { BUDGET_MS, CASES, CONCURRENCY, REPORT_DIR, SEED, say } from './settings';

/** The rule pack of the run: long step deadlines (no reminders during the run), short tracking and checkpoints. */
function runPack(): RulePack & { effectiveFrom: string } {
  const long = { seconds: 4 * 3600 };
  const pack = fastPack({
    ...Object.fromEntries(STEP_DEADLINES.map((key) => [key, long])),
    amendmentGrace: DEFAULT_RULE_PACK.amendmentGrace.value,
    trackingPeriod: { seconds: 3 },
    reportingInterval: { seconds: 3 },
    reportReminderLead: { seconds: 1 },
    replicationCheckpoints: [{ seconds: 8 }, { seconds: 16 }],
  });
  pack.version = `faults-${SEED}`;
  return { ...pack, effectiveFrom: new Date(Date.now() - 1000).toISOString() };
}
async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sang-kien-faults-'));
  const cluster = new Cluster(dataDir, say);
  let mongo: MongoClient | undefined;
  let connection: Connection | undefined;
  const cleanup = async () => {
    await connection?.close().catch(() => undefined);
    await mongo?.close().catch(() => undefined);
    await cluster.stop();
    // The processes' logs go with the report, so a failed run (in CI too) can be read afterwards.
    fs.mkdirSync(REPORT_DIR, { recursive: true });
    fs.rmSync(path.join(REPORT_DIR, 'logs'), { recursive: true, force: true });
    if (fs.existsSync(path.join(dataDir, 'logs')))
      fs.cpSync(path.join(dataDir, 'logs'), path.join(REPORT_DIR, 'logs'), { recursive: true });
    if (!process.env['FAULTS_KEEP_DATA']) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (sig: string) => {
    say(`${sig}: stopping everything`);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  try {
    say(`seed ${SEED}, ${CASES} cases, ${CONCURRENCY} at once, data ${dataDir}`);
    await cluster.start();
    say(
      `servers, worker (pid ${cluster.worker.pid}) and gateway (pid ${cluster.gateway.pid}) up at ${cluster.gatewayUrl}`,
    );
    const client = new FaultClient(cluster.gatewayUrl, cluster.config.demoPassword, BUDGET_MS);
    for (const u of [...USERS, 'quantri']) await client.login(u);
    const published = await client.post('quantri', '/api/v1/admin/rule-packs', runPack(), {
      caseId: null,
      intent: 'rule-pack',
    });
    if (published.answer?.status !== 201)
      throw new Error(`could not publish the run's rule pack: ${published.answer?.status}`);

    const run = await driveWithFaults(cluster, client);

    // Wait for the workflows and the read model to settle, then check.
    const addresses = { temporal: cluster.temporal.address, mongo: cluster.mongo.uri };
    connection = await Connection.connect({ address: addresses.temporal });
    const temporal = new Client({
      connection,
      namespace: cluster.config.temporal.namespace,
      dataConverter: dataConverterFor(cluster.config),
    });
    mongo = new MongoClient(addresses.mongo);
    const db = mongo.db('faults');
    const caseIds = client.requests.filter((r) => r.intent === 'file' && accepted(r)).map((r) => r.caseId!);
    const quiet = await waitForQuiescence(db, temporal, caseIds, 180_000, say);
    say(
      `quiescence ${quiet.settled ? 'reached' : 'NOT reached'} after ${(quiet.waitedMs / 1000).toFixed(1)} s`,
    );
    fs.rmSync(path.join(REPORT_DIR, 'histories'), { recursive: true, force: true });
    const checks: CheckResult[] = await checkInvariants(
      db,
      temporal,
      client.requests,
      path.join(REPORT_DIR, 'histories'),
    );
    checks.push(
      ...(await checkMail(
        db,
        cluster.mail.inboxUrl!,
        run.faults.filter((f) => f.kind === 'worker-kill').length,
        120_000,
        say,
      )),
    );
    const byKind = verifiedByKind(run.faults);
    checks.push(
      ...runChecks({
        caseIds,
        behind: quiet.behind,
        client,
        cluster,
        faults: run.faults,
        byKind,
        observations: run.observations,
      }),
    );
    const violations = writeReport(run, client, caseIds, byKind, checks);
    return violations === 0 ? 0 : 1;
  } finally {
    await cleanup();
    const left = [...(cluster.worker?.pids ?? []), ...(cluster.gateway?.pids ?? [])].filter(alive);
    if (left.length) say(`WARNING: processes still alive: ${left.join(', ')}`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(2);
  },
);
