/** Business ids and names shared by the gateway, the worker and the workflows (workflow-safe: no I/O). */

/** The task queue the initiative workers poll, unless configured otherwise. */
export const DEFAULT_TASK_QUEUE = 'initiatives';

/** Allowed shape of an initiative id: letters, digits, `-` and `_`, 6 to 64 characters. */
export const INITIATIVE_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** The workflow id of an initiative: one workflow per initiative, so a second start with the same id is refused. */
export function initiativeWorkflowId(initiativeId: string): string {
  return `initiative:${initiativeId}`;
}
