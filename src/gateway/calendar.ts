/**
 * Sending a published calendar to the open cases. A publication is stored first, then every open case of the read
 * model gets it as a signal; a filing that read an older version sends the newer one to its own case once its first
 * write is stored. Either the filing sees the new version, or its case was in the read model before the publication
 * listed it: no case is left on an old calendar. A case ignores a version it already has, so sending again is safe.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { calendarSignal, type PublishedCalendar } from '../contracts/initiative';
import type { GatewayDeps } from './deps';

/** How many cases are signalled at once. */
const PARALLEL = 16;

/** Sends the calendar to every open case; reports how many got it and which could not be reached. */
export async function sendCalendarToOpenCases(
  deps: GatewayDeps,
  calendar: PublishedCalendar,
): Promise<{ sent: number; failed: string[] }> {
  const open = await deps.repos.cases.model
    .find({ status: 'OPEN' }, { _id: 1 })
    .lean<{ _id: string }[]>()
    .exec();
  const ids = open.map((c) => c._id);
  const failed: string[] = [];
  let sent = 0;
  for (let i = 0; i < ids.length; i += PARALLEL) {
    await Promise.all(
      ids.slice(i, i + PARALLEL).map(async (id) => {
        try {
          await deps.initiatives.handle(id).signal(calendarSignal, calendar);
          sent++;
        } catch (err) {
          // A case that closed since the read model listed it needs no calendar.
          if (!(err instanceof WorkflowNotFoundError)) failed.push(id);
        }
      }),
    );
  }
  return { sent, failed };
}

/** After a filing: sends its case the calendar published since the filing read it, if any. */
export async function calendarCatchUp(
  deps: GatewayDeps,
  initiativeId: string,
  readVersion: number,
): Promise<void> {
  const now = await deps.repos.calendar.current();
  if (now.version <= readVersion) return;
  await deps.initiatives
    .handle(initiativeId)
    .signal(calendarSignal, { version: now.version, holidays: now.holidays });
}
