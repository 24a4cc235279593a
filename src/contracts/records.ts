/** What the workflows hand to the record-keeping activities. Workflow-safe: types only. */

/** A legal-record entry as the workflow drafts it; the activity adds the hash chain. */
export interface LegalEntryDraft {
  /** Per-case sequence number, assigned by the workflow: the idempotency key of the entry. */
  seq: number;
  at: string;
  kind: string;
  stage: string;
  step: string;
  actorId: string;
  actorName: string;
  /** Vietnamese sentence for the person reading the record. */
  summary: string;
  details: Record<string, unknown>;
  rulePackVersion: string;
}

/** The task of whoever must act next on a case, as the workflow drafts it. */
export interface TaskDraft {
  /** Idempotency key: the case and the step's deadline. */
  key: string;
  role: string;
  unitId?: string;
  councilId?: string;
  personIds?: string[];
  assignee?: { personId: string; fullName: string };
  description: string;
  dueAt: string | null;
  escalated?: boolean;
}
