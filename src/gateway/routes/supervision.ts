/** The supervisor's console: stuck cases with why and since when, counts, time per stage, audited bulk actions. */
import { ROLE_VI } from '../../domain/roles';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { extendDeadlineUpdate, remindSignal } from '../../contracts/initiative';
import type { OpenRow } from '../../db/open-rows';
import { vnDate } from '../../domain/duration';
import { initiativeWorkflowId } from '../../contracts/ids';
import { workflowCall } from '../cases';
import { engineFactsOf, engineProblems, engineReason, runningByStage } from '../engine';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { bulkExtendSchema, bulkRemindSchema, statsQuerySchema, stuckQuerySchema } from '../schemas';

const SUPERVISORS = ['SUPERVISOR', 'CHAIRMAN'] as const;
const DAY = 86_400_000;

const stuckSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  unitId: z.string(),
  stage: z.string(),
  step: z.string(),
  waitingOn: z.object({ role: z.string(), who: z.string(), description: z.string() }).nullable(),
  since: z.string().nullable(),
  idleWorkingDays: z.number().int(),
  dueAt: z.string().nullable(),
  overdueDays: z.number().int(),
  reasons: z.array(z.string()),
  /** What the Temporal server knows: a case stuck on a failing write is not one waiting on a person. */
  engine: z.object({
    status: z.string(),
    failingActivity: z.object({ type: z.string(), attempts: z.number().int(), error: z.string() }).nullable(),
    failingTaskAttempts: z.number().int().nullable(),
  }),
});

/** Why a case is stuck, in words a supervisor reads. */
function whyStuck(r: OpenRow, now: number, idle: number): string[] {
  const reasons: string[] = [];
  if (r.calendarProblem) reasons.push(r.calendarProblem);
  if (r.dueAt !== null && r.dueAt < now) {
    reasons.push(
      `Quá hạn ${Math.max(1, Math.floor((now - r.dueAt) / DAY))} ngày (hạn ${vnDate(r.dueAt).split('-').reverse().join('/')})`,
    );
  }
  if (r.escalated) reasons.push('Đã báo cáo lãnh đạo do quá hạn');
  if (r.waitingOn)
    reasons.push(
      `Đang chờ: ${r.waitingOn.assignee?.fullName ?? ROLE_VI[r.waitingOn.role] ?? r.waitingOn.role} – ${r.waitingOn.description}`,
    );
  if (idle > 0) reasons.push(`Không có tiến triển trong ${idle} ngày làm việc`);
  return reasons;
}

/** Supervision routes. */
export function supervisionRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/supervision/stuck',
      summary:
        'Hồ sơ bị ách tắc: lọc theo giai đoạn, đơn vị, người đang chờ, số ngày không tiến triển, quá hạn',
      tag: 'Giám sát',
      access: SUPERVISORS,
      query: stuckQuerySchema,
      success: {
        status: 200,
        description: 'Hồ sơ ách tắc, quá hạn lên đầu',
        schema: z.object({ items: z.array(stuckSchema), total: z.number().int() }),
      },
      handler: async ({ query }) => {
        const now = Date.now();
        const { holidays } = await deps.repos.calendar.current();
        const stuck = await deps.repos.cases.stuck(query, holidays, now);
        const page = stuck.page.map(({ row: r, idleWorkingDays, overdueDays }) => ({
          id: r.id,
          code: r.code,
          title: r.title,
          unitId: r.unitId,
          stage: r.stage,
          step: r.step,
          waitingOn: r.waitingOn
            ? {
                role: r.waitingOn.role,
                who: r.waitingOn.assignee?.fullName ?? ROLE_VI[r.waitingOn.role] ?? r.waitingOn.role,
                description: r.waitingOn.description,
              }
            : null,
          since: new Date(r.since).toISOString(),
          idleWorkingDays,
          dueAt: r.dueAt === null ? null : new Date(r.dueAt).toISOString(),
          overdueDays,
          reasons: whyStuck(r, now, idleWorkingDays),
        }));
        const facts = await engineFactsOf(
          deps.initiatives,
          page.map((r) => initiativeWorkflowId(r.id)),
        );
        const items = page.map((row) => {
          const f = facts.get(initiativeWorkflowId(row.id))!;
          const why = engineReason(f);
          const { workflowId: _w, ...engine } = f;
          return { ...row, reasons: why ? [why, ...row.reasons] : row.reasons, engine };
        });
        return { status: 200, body: { items, total: stuck.total } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/supervision/engine',
      summary:
        'Máy chủ quy trình: số hồ sơ đang chạy theo giai đoạn, so với dữ liệu đọc; hồ sơ có bước hệ thống đang lỗi',
      tag: 'Giám sát',
      access: SUPERVISORS,
      success: {
        status: 200,
        description: 'Những gì máy chủ quy trình biết, bên cạnh dữ liệu đọc',
        schema: z.object({
          runningByStage: z.record(z.string(), z.number().int()),
          openByStage: z.record(z.string(), z.number().int()),
          problems: z.array(
            z.object({
              id: z.string(),
              workflowId: z.string(),
              reason: z.string(),
              failingActivity: z
                .object({ type: z.string(), attempts: z.number().int(), error: z.string() })
                .nullable(),
              failingTaskAttempts: z.number().int().nullable(),
            }),
          ),
        }),
      },
      handler: async () => {
        const [running, open, problems] = await Promise.all([
          workflowCall(() => runningByStage(deps.initiatives)),
          deps.repos.cases.openByStage(),
          workflowCall(() => engineProblems(deps.initiatives)),
        ]);
        return {
          status: 200,
          body: {
            runningByStage: running,
            openByStage: open,
            problems: problems.map((f) => ({
              id: f.workflowId.replace(/^initiative:/, '').replace(/:.*$/, ''),
              workflowId: f.workflowId,
              reason: engineReason(f)!,
              failingActivity: f.failingActivity,
              failingTaskAttempts: f.failingTaskAttempts,
            })),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/supervision/stats',
      summary:
        'Số hồ sơ theo giai đoạn và đơn vị, của mọi hồ sơ hoặc của một đợt xét; thời gian trung bình ở mỗi giai đoạn',
      tag: 'Giám sát',
      access: SUPERVISORS,
      query: statsQuerySchema,
      success: {
        status: 200,
        description: 'Số liệu',
        schema: z.object({
          byStage: z.record(z.string(), z.number()),
          byUnit: z.record(z.string(), z.number()),
          byStatus: z.record(z.string(), z.number()),
          daysInStage: z.record(
            z.string(),
            z.object({ cases: z.number(), meanDays: z.number(), maxDays: z.number() }),
          ),
        }),
      },
      handler: async ({ query }) => {
        const { byStage, byUnit, byStatus, daysInStage } = await deps.repos.cases.statistics(
          Date.now(),
          query.roundId,
        );
        return { status: 200, body: { byStage, byUnit, byStatus, daysInStage } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/supervision/reminders',
      summary: 'Nhắc việc hàng loạt (ghi nhật ký)',
      tag: 'Giám sát',
      access: SUPERVISORS,
      body: bulkRemindSchema,
      success: {
        status: 200,
        description: 'Kết quả từng hồ sơ',
        schema: z.object({
          results: z.array(z.object({ id: z.string(), ok: z.boolean(), code: z.string().optional() })),
        }),
      },
      handler: async ({ body, actor, req }) => {
        const results = [];
        for (const id of [...new Set(body.ids)]) {
          const r = await deps.repos.cases.findById(id);
          if (!r || r.status !== 'OPEN') {
            results.push({ id, ok: false, code: r ? 'CASE_CLOSED' : 'INITIATIVE_NOT_FOUND' });
            continue;
          }
          await workflowCall(() =>
            deps.initiatives
              .handle(id)
              .signal(remindSignal, { actor: actor!, ...(body.message ? { message: body.message } : {}) }),
          );
          results.push({ id, ok: true });
        }
        await deps.repos.audit.log({
          actorId: actor!.personId,
          action: 'BULK_REMIND',
          target: 'initiatives',
          details: { results, message: body.message ?? null },
          requestId: typeof req.id === 'string' ? req.id : null,
        });
        return { status: 200, body: { results } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/supervision/extensions',
      summary: 'Gia hạn hàng loạt với lý do (ghi nhật ký)',
      tag: 'Giám sát',
      access: SUPERVISORS,
      body: bulkExtendSchema,
      success: {
        status: 200,
        description: 'Kết quả từng hồ sơ',
        schema: z.object({
          results: z.array(
            z.object({
              id: z.string(),
              ok: z.boolean(),
              code: z.string().optional(),
              dueAt: z.string().nullable().optional(),
            }),
          ),
        }),
      },
      handler: async ({ body, actor, req }) => {
        const results = [];
        for (const id of [...new Set(body.ids)]) {
          const r = await deps.repos.cases.findById(id);
          if (!r || r.status !== 'OPEN') {
            results.push({ id, ok: false, code: r ? 'CASE_CLOSED' : 'INITIATIVE_NOT_FOUND' });
            continue;
          }
          try {
            await workflowCall(() =>
              deps.initiatives.handle(id).executeUpdate(extendDeadlineUpdate, {
                args: [{ actor: actor!, reason: body.reason, by: body.by }],
                updateId: randomUUID(),
              }),
            );
            // Answered once the read model held the extension: the stored case has its new due date.
            const after = await deps.repos.cases.findById(id);
            results.push({ id, ok: true, dueAt: after?.state.deadline?.dueAt ?? null });
          } catch (err) {
            if (!(err instanceof ProblemError)) throw err;
            results.push({ id, ok: false, code: err.code });
          }
        }
        await deps.repos.audit.log({
          actorId: actor!.personId,
          action: 'BULK_EXTEND',
          target: 'initiatives',
          details: { results, by: body.by, reason: body.reason },
          requestId: typeof req.id === 'string' ? req.id : null,
        });
        return { status: 200, body: { results } };
      },
    }),
  ];
}
