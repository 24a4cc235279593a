/** The workflow bundle's entry: named re-exports of every workflow. */
export { initiativeWorkflow } from './initiative';
export { replicationWorkflow } from './replication';
export { summaryReportWorkflow } from './summary-report';
export { revokeCompletedInitiativeWorkflow } from './revocation';
