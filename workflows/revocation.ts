/**
 * Revocation of a recognition whose initiative workflow has already completed (LTĐKT 2022 Ch. VII): the case's
 * workflow is closed, so this short workflow records the revocation durably instead. An open case is revoked by
 * its own workflow's `revoke` update.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Actor } from '../src/contracts/initiative';

const { revokeClosedCase } = proxyActivities<Pick<Activities, 'revokeClosedCase'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Input of a revocation of a completed case. */
export interface RevocationInput {
  initiativeId: string;
  actor: Actor;
  reasons: string;
  at: string;
}

/** Records the revocation: legal-record entry, achievements and documents marked, read model REVOKED. */
export async function revokeCompletedInitiativeWorkflow(input: RevocationInput): Promise<{ revoked: true }> {
  await revokeClosedCase(input);
  return { revoked: true };
}
