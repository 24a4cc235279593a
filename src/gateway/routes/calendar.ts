/** The official calendar of days off: anyone signed in reads it; an administrator publishes a year's days. */
import { z } from 'zod';
import { sendCalendarToOpenCases } from '../calendar';
import type { GatewayDeps } from '../deps';
import { isoDate } from '../dossier-schema';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';

const calendarSchema = z.object({
  version: z.number().int(),
  holidays: z.record(z.string(), z.array(z.string())),
  year: z.string(),
  basis: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});

/** Calendar routes. */
export function calendarRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/calendar',
      summary: 'Lịch nghỉ lễ, Tết đang áp dụng (phiên bản mới nhất)',
      tag: 'Quy định',
      access: 'authenticated',
      success: { status: 200, description: 'Lịch nghỉ lễ', schema: calendarSchema },
      handler: async () => {
        const c = await deps.repos.calendar.current();
        return { status: 200, body: { ...c, publishedAt: c.publishedAt.toISOString() } };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/admin/calendar/:year',
      summary: 'Công bố ngày nghỉ lễ, Tết của một năm; các hồ sơ đang mở tính lại hạn theo lịch mới',
      tag: 'Quản trị',
      access: ['ADMIN'],
      params: z.strictObject({ year: z.string().regex(/^20\d{2}$/, 'Năm có dạng YYYY') }),
      body: z.strictObject({
        days: z.array(isoDate).max(60),
        basis: z.string().trim().min(5).max(500),
      }),
      // 404: a path without its year matches no route.
      errors: [404, 422],
      success: {
        status: 200,
        description: 'Đã công bố và gửi tới các hồ sơ đang mở',
        schema: calendarSchema.extend({
          changed: z.boolean(),
          casesSent: z.number().int(),
          casesFailed: z.array(z.string()),
        }),
      },
      handler: async ({ params, body, actor, req }) => {
        const outside = body.days.filter((d) => !d.startsWith(`${params.year}-`));
        if (outside.length > 0)
          throw new ProblemError(
            422,
            'DAY_OUTSIDE_YEAR',
            `Các ngày không thuộc năm ${params.year}: ${outside.map((d) => d.split('-').reverse().join('/')).join(', ')}.`,
          );
        const { calendar, changed } = await deps.repos.calendar.publish(
          params.year,
          body.days,
          body.basis,
          actor!.personId,
        );
        if (changed)
          await deps.repos.audit.log({
            actorId: actor!.personId,
            action: 'CALENDAR_PUBLISHED',
            target: params.year,
            details: { version: calendar.version, days: calendar.holidays[params.year], basis: body.basis },
            requestId: typeof req.id === 'string' ? req.id : null,
          });
        // Sent again when nothing changed: a publication whose sending was cut short reaches the rest this way.
        const { sent, failed } = await sendCalendarToOpenCases(deps, {
          version: calendar.version,
          holidays: calendar.holidays,
        });
        return {
          status: 200,
          body: {
            ...calendar,
            publishedAt: calendar.publishedAt.toISOString(),
            changed,
            casesSent: sent,
            casesFailed: failed,
          },
        };
      },
    }),
  ];
}
