/** Activity proxies grouped by time-out and retry profile: the one place activity time-outs live. */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Database work of the case record (read model, legal record, tasks, register): short, idempotent,
 * retried until it succeeds, so a database outage delays a case and never loses a decision.
 */
// At most 10 s between attempts: once the database is back (after an outage or a burst of SQLite "database is
// locked"), a waiting decision goes through within seconds, not after a minute's back-off (the fault suite saw a
// registration outlast a client's three minutes of retries).
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' };
const { recordCase } = proxyActivities<Pick<Activities, 'recordCase'>>({
  // Generous: a record write that issues a document can wait on a busy database; retries are idempotent anyway.
  startToCloseTimeout: '2 minutes',
  // It beats between its steps: a write whose worker died is retried within seconds, not after the full time-out
  // (a decision's answer waits for its write).
  heartbeatTimeout: '15 seconds',
  retry,
});
const { registerDossier } = proxyActivities<Pick<Activities, 'registerDossier'>>({
  // A few queries: one whose worker died is retried after this, not after minutes.
  startToCloseTimeout: '30 seconds',
  retry,
});
export const records = { recordCase, registerDossier };
