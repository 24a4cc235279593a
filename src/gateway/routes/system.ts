/** Liveness, readiness and the API's own description. */
import { z } from 'zod';
import type { GatewayDeps } from '../deps';
import { route, type Route } from '../registry';

/** Health routes. */
export function systemRoutes(deps: GatewayDeps, openApi: () => unknown): Route[] {
  return [
    route({
      method: 'get',
      path: '/healthz',
      summary: 'Tiến trình còn hoạt động',
      tag: 'Hệ thống',
      access: 'public',
      success: { status: 200, description: 'Đang chạy', schema: z.object({ status: z.literal('ok') }) },
      handler: () => ({ status: 200, body: { status: 'ok' } }),
    }),
    route({
      method: 'get',
      path: '/readyz',
      summary: 'Sẵn sàng phục vụ: Temporal và MongoDB đều phản hồi',
      tag: 'Hệ thống',
      access: 'public',
      errors: [503],
      success: {
        status: 200,
        description: 'Sẵn sàng',
        schema: z.object({
          status: z.string(),
          checks: z.object({ temporal: z.string(), mongodb: z.string() }),
        }),
      },
      handler: async () => {
        const [temporal, mongodb] = await Promise.all([
          deps.initiatives.isReachable(),
          deps.mongoReachable(),
        ]);
        const ready = temporal && mongodb;
        return {
          status: ready ? 200 : 503,
          body: {
            status: ready ? 'ready' : 'unavailable',
            checks: { temporal: temporal ? 'up' : 'down', mongodb: mongodb ? 'up' : 'down' },
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'Tài liệu OpenAPI 3 của API',
      tag: 'Hệ thống',
      access: 'public',
      success: {
        status: 200,
        description: 'Tài liệu OpenAPI',
        schema: z.object({ openapi: z.string() }).loose(),
      },
      handler: () => ({ status: 200, body: openApi() }),
    }),
  ];
}
