/** The yearly summary report as a Temporal Schedule: 17:00 on 31 December, Vietnam time. */
import { Client, Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

/** Id of the yearly report schedule. */
export const SUMMARY_SCHEDULE_ID = 'summary-report-yearly';

/** Creates the schedule if it does not exist yet (idempotent). */
export async function ensureSummarySchedule(
  address: string,
  namespace: string,
  taskQueue: string,
  dataConverter: DataConverter,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace, dataConverter });
    await client.schedule.create({
      scheduleId: SUMMARY_SCHEDULE_ID,
      spec: {
        calendars: [{ month: 'DECEMBER', dayOfMonth: 31, hour: 17, minute: 0 }],
        timezone: 'Asia/Ho_Chi_Minh',
      },
      action: { type: 'startWorkflow', workflowType: 'summaryReportWorkflow', taskQueue, args: [{}] },
      policies: { overlap: 'SKIP', catchupWindow: '7 days' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  } finally {
    await connection.close();
  }
}
