/** The gateway's narrow interface to Temporal: start an initiative, reach its workflow, check the server. */
import {
  Client,
  type ClientInterceptors,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { TypedSearchAttributes, type DataConverter } from '@temporalio/common';
import { initiativeWorkflowId } from '../contracts/ids';
import type { InitiativeInput } from '../contracts/initiative';
import { replicationWorkflowId } from '../contracts/replication';
import { stageKey, statusKey, unitKey } from '../contracts/search-attributes';

/** Raised when an initiative with the same id was already started. */
export class AlreadyStartedError extends Error {
  constructor(readonly initiativeId: string) {
    super(`initiative ${initiativeId} already started`);
    this.name = 'AlreadyStartedError';
  }
}

/** Initiative operations on Temporal, as the gateway needs them. */
export class InitiativeService {
  constructor(
    readonly client: Client,
    private readonly connection: Connection,
    readonly taskQueue: string,
  ) {}

  /** Starts the initiative's workflow; refuses a second start of the same id. */
  async start(input: InitiativeInput): Promise<void> {
    try {
      await this.client.workflow.start('initiativeWorkflow', {
        workflowId: initiativeWorkflowId(input.initiativeId),
        taskQueue: this.taskQueue,
        args: [input],
        // Refuse a duplicate start even after the first run has closed: an initiative id is used once.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
        typedSearchAttributes: new TypedSearchAttributes([
          { key: stageKey, value: 'UNIT_RECOMMENDATION' },
          { key: statusKey, value: 'OPEN' },
          { key: unitKey, value: input.dossier.unitId },
        ]),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        throw new AlreadyStartedError(input.initiativeId);
      throw err;
    }
  }

  /** The handle of an initiative's workflow (latest run). */
  handle(initiativeId: string): WorkflowHandle {
    return this.client.workflow.getHandle(initiativeWorkflowId(initiativeId));
  }

  /** The handle of one adopting unit's replication workflow. */
  replicationHandle(initiativeId: string, unitId: string): WorkflowHandle {
    return this.client.workflow.getHandle(replicationWorkflowId(initiativeId, unitId));
  }

  /** True when the server answers a health check within the time-out. */
  async isReachable(timeoutMs = 2_000): Promise<boolean> {
    try {
      await this.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.connection.healthService.check({}),
      );
      return true;
    } catch {
      return false;
    }
  }
}

/** Connects to the given address and builds the initiative service on it; close the connection when done. */
export async function connectInitiativeService(
  address: string,
  namespace: string,
  taskQueue: string,
  options: { dataConverter: DataConverter; interceptors?: ClientInterceptors },
): Promise<{ service: InitiativeService; connection: Connection }> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace, ...options });
  return { service: new InitiativeService(client, connection, taskQueue), connection };
}
