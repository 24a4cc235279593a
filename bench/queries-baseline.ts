/**
 * The baseline of bench/queries.ts: the lists as the previous version sent them (before open work was kept apart),
 * on the same data: the inbox as one `$or` over every task with the names of its cases by `_id` `$in`, the stuck-case
 * board as a filter over every case, the statistics by reading every case's stage log.
 */
import type { Actor } from '../src/contracts/initiative';
import type { Repositories } from '../src/db';
import type { CaseRecord } from '../src/db/cases';
import type { TaskRecord } from '../src/db/tasks';
import { COMMUNE_WIDE_ROLES } from '../src/domain/access';

/** The previous GET /api/v1/me/tasks: rows found (the route then sorted them). */
export async function oldInbox(repos: Repositories, a: Actor): Promise<number> {
  const mine: Record<string, unknown>[] = [
    { personIds: { $eq: a.personId } },
    { 'assignee.personId': { $eq: a.personId } },
  ];
  for (const role of a.roles) {
    if (COMMUNE_WIDE_ROLES.includes(role))
      mine.push({ role: { $eq: role }, personIds: { $size: 0 }, assignee: null });
    if (role === 'UNIT_HEAD' && a.unitIds.length)
      mine.push({ role: 'UNIT_HEAD', unitId: { $in: a.unitIds }, assignee: null });
  }
  if (a.roles.includes('SUPERVISOR')) mine.push({ escalated: true });
  const tasks = await repos.tasks.tasks
    .find({ status: 'OPEN', $or: mine })
    .limit(500)
    .lean<TaskRecord[]>()
    .exec();
  await repos.cases.model
    .find({ _id: { $in: [...new Set(tasks.map((t) => t.initiativeId))] } }, { title: 1, code: 1 })
    .lean()
    .exec();
  return tasks.length;
}

/** The previous GET /api/v1/supervision/stuck: the open cases read (the route then computed and sorted them). */
export async function oldStuck(repos: Repositories, unitId?: string): Promise<number> {
  const filter: Record<string, unknown> = { status: 'OPEN' };
  if (unitId) filter['unitId'] = { $eq: unitId };
  return (await repos.cases.model.find(filter, { state: 0 }).limit(5000).lean<CaseRecord[]>().exec()).length;
}

/** The previous GET /api/v1/supervision/stats: every case's stage log read. */
export async function oldStatistics(repos: Repositories): Promise<number> {
  return (
    await repos.cases.model
      .find({}, { stage: 1, unitId: 1, status: 1, stageLog: 1, closedAt: 1 })
      .lean<CaseRecord[]>()
      .exec()
  ).length;
}
