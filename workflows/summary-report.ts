/** Issues the movement's summary report for a year (started by the yearly schedule, or on demand). */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { vnYear } from '../src/domain/duration';

const { issueSummaryReport } = proxyActivities<Pick<Activities, 'issueSummaryReport'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** Input: the year to report (default: the current year in Vietnam time). */
export interface SummaryReportInput {
  year?: number;
  /** A chosen period instead of a year (`YYYY-MM-DD`, both included). */
  from?: string;
  to?: string;
}

/** Reports a whole calendar year, or a chosen period. */
export async function summaryReportWorkflow(
  input: SummaryReportInput = {},
): Promise<{ documentId: string; number: string | null }> {
  const year = input.year ?? vnYear(Date.now());
  const r = await issueSummaryReport({
    from: input.from ?? `${year}-01-01`,
    to: input.to ?? `${year}-12-31`,
  });
  return { documentId: r.documentId, number: r.number };
}
