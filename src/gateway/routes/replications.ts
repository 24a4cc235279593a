/** One adopting unit's own case (replication): its state, and its plan, reports and confirmation by that unit's head. */
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../../contracts/initiative';
import {
  confirmAdoptionUpdate,
  newAdoptionState,
  replicationWorkflowId,
  submitAdoptionPlanUpdate,
  submitAdoptionReportUpdate,
  type ReplicationState,
} from '../../contracts/replication';
import { boundedUpdate, visibleCase, workflowCall } from '../cases';
import { updateIdOf, type UpdateArgs } from '../decision-pipeline';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { decisionBodies, replicationParamsSchema } from '../schemas';

/** The adoption routes. */
export function replicationRoutes(deps: GatewayDeps): Route[] {
  const adoption = async (actor: Actor, id: string, unitId: string) => {
    const record = await visibleCase(deps, actor, id);
    if (!record.replicationUnitIds.includes(unitId)) {
      throw new ProblemError(404, 'REPLICATION_NOT_FOUND', `Đơn vị ${unitId} không nhân rộng hồ sơ này.`);
    }
  };
  const stateSchema = z.object({ unitId: z.string(), step: z.string() }).loose();

  /** One step of the adopting unit, its body (`B`) being the update's own fields (`T`) as they are. */
  const step = <B extends T, T extends object>(s: {
    slug: string;
    body: z.ZodType<B>;
    update: UpdateDefinition<ReplicationState, [UpdateArgs<T>]>;
    summary: string;
  }): Route =>
    route({
      method: 'post',
      path: `/api/v1/initiatives/:id/replications/:unitId/${s.slug}`,
      summary: s.summary,
      tag: 'Nhân rộng',
      access: ['UNIT_HEAD'],
      params: replicationParamsSchema,
      body: s.body,
      errors: [404, 409, 422],
      success: { status: 200, description: 'Đã chấp nhận; trạng thái mới', schema: stateSchema },
      handler: async ({ params, body, actor, idempotencyKey }) => {
        await adoption(actor!, params.id, params.unitId);
        const updateId = updateIdOf(idempotencyKey).updateId ?? randomUUID();
        const state = await workflowCall(() =>
          boundedUpdate(
            () =>
              deps.initiatives
                .replicationHandle(params.id, params.unitId)
                .executeUpdate(s.update, { args: [{ ...body, actor: actor! }], updateId }),
            deps.decisionWaitMs,
          ),
        );
        return { status: 200, body: state };
      },
    });

  return [
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/replications/:unitId',
      summary: 'Tình hình nhân rộng tại một đơn vị',
      tag: 'Nhân rộng',
      access: 'authenticated',
      params: replicationParamsSchema,
      errors: [404],
      success: { status: 200, description: 'Trạng thái nhân rộng', schema: stateSchema },
      handler: async ({ params, actor }) => {
        await adoption(actor!, params.id, params.unitId);
        const state = await deps.repos.adoptions.find(replicationWorkflowId(params.id, params.unitId));
        // Designated a moment ago, its own case has not written its first state yet: it waits for its plan.
        return { status: 200, body: state ?? newAdoptionState(params.id, params.unitId) };
      },
    }),
    step({
      slug: 'plan',
      body: decisionBodies.adoptionPlan,
      update: submitAdoptionPlanUpdate,
      summary: 'Kế hoạch nhân rộng của đơn vị',
    }),
    step({
      slug: 'reports',
      body: decisionBodies.effectReport,
      update: submitAdoptionReportUpdate,
      summary: 'Báo cáo hiệu quả tại đơn vị nhân rộng',
    }),
    step({
      slug: 'confirmation',
      body: decisionBodies.adoptionConfirmation,
      update: confirmAdoptionUpdate,
      summary: 'Xác nhận hiệu quả tại đơn vị nhân rộng',
    }),
  ];
}
