/** Activity proxies grouped by time-out and retry profile: the one place activity time-outs live. */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Short database writes of the read model and the legal record: retried until they succeed. */
export const records = proxyActivities<Pick<Activities, 'recordCaseState'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
