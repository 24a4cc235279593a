/** What every invariant check shares: its outcome, the check under construction, what counts as accepted. */
import type { RequestRecord } from '../client';

/**
 * Whether the API accepted a request: a 2xx, or for a filing with the client's own id, 409 INITIATIVE_ALREADY_EXISTS
 * (the documented answer to a retried filing: the id names the case the client filed).
 */
export function accepted(r: RequestRecord): boolean {
  if (r.status !== null && r.status >= 200 && r.status < 300) return true;
  return r.intent === 'file' && r.code === 'INITIATIVE_ALREADY_EXISTS' && !!(r.body as { id?: string })?.id;
}

/** One invariant's outcome. */
export interface CheckResult {
  name: string;
  /** How many things it checked (cases, requests, numbers…). */
  checked: number;
  violations: { caseId: string | null; detail: string }[];
}

/** A check under construction. */
export class Check {
  checked = 0;
  violations: CheckResult['violations'] = [];
  constructor(readonly name: string) {}
  count(n = 1) {
    this.checked += n;
  }
  fail(caseId: string | null, detail: string) {
    this.violations.push({ caseId: caseId ? `initiative:${caseId}` : null, detail });
  }
  result(): CheckResult {
    return { name: this.name, checked: this.checked, violations: this.violations };
  }
}

/** Starts a check; the checks' results come in the order they were started. */
export type StartCheck = (name: string) => Check;

/** The initiative a legal-record case id belongs to: itself, or the parent of an adopting unit's case. */
export function initiativeOf(caseId: string): string {
  const child = /^initiative:(.+):replication:[^:]+$/.exec(caseId);
  return child ? child[1]! : caseId;
}
