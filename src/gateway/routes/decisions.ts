/**
 * Every decision of the process as an endpoint: the gateway checks the role and that the actor takes part in the case
 * (first line), then sends the decision to the workflow as an Update, whose validator checks step, scope and
 * conflicts of interest again (second line). The answer says the decision was accepted and gives the new state.
 */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import {
  amendDossierUpdate,
  appealUpdate,
  completeFirstApplicationUpdate,
  confirmEffectUpdate,
  decideRecognitionUpdate,
  declareConflictUpdate,
  designateReplicationUpdate,
  extendDeadlineUpdate,
  formalCheckUpdate,
  formCouncilUpdate,
  reassignUpdate,
  recordMeetingUpdate,
  registerDossierUpdate,
  remindSignal,
  revokeUpdate,
  submitEffectReportUpdate,
  submitScoresUpdate,
  unitReviewUpdate,
  withdrawUpdate,
  type Actor,
  type DecisionResult,
  type Role,
} from '../../contracts/initiative';
import {
  confirmAdoptionUpdate,
  newAdoptionState,
  replicationWorkflowId,
  submitAdoptionPlanUpdate,
  submitAdoptionReportUpdate,
} from '../../contracts/replication';
import { mayVolunteer, redactScores } from '../../domain/access';
import { vnDate } from '../../domain/duration';
import { declaredCapacityProblem, type SigningOffice } from '../../domain/signing';
import { availableActions } from '../../domain/actions';
import type { CaseRecord } from '../../db/cases';
import type { CouncilMember } from '../../domain/council';
import { boundedUpdate, reachableCase, requireOpenCase, visibleCase, workflowCall } from '../cases';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { councilMembers } from './admin';
import { withAuthorIds } from './authors';
import {
  decisionBodies,
  decisionResultSchema,
  initiativeParamsSchema,
  replicationParamsSchema,
} from '../schemas';
import { z as zod } from 'zod';

type Body<K extends keyof typeof decisionBodies> = z.infer<(typeof decisionBodies)[K]>;

/** One decision endpoint: its path segment, who may send it, and how its body becomes the workflow's update. */
interface Decision<K extends keyof typeof decisionBodies> {
  slug: string;
  body: K;
  summary: string;
  roles: readonly Role[];
  update: UpdateDefinition<DecisionResult, [never]>;
  /** Turns the validated body into the update's argument (may look things up). */
  toArgs?: (
    body: Body<K>,
    actor: Actor,
    record: CaseRecord,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Taken by the head of the case's unit: in the office term the directory records for them (refused without). */
  unitHead?: true;
  /** Who outside the case may still send it (the case's participants always may); otherwise 404. */
  reach?: (actor: Actor, record: CaseRecord, body: Body<K>) => boolean;
}

const decision = <K extends keyof typeof decisionBodies>(d: Decision<K>) =>
  d as unknown as Decision<keyof typeof decisionBodies>;

/** The decision routes. */
export function decisionRoutes(deps: GatewayDeps): Route[] {
  const standingCouncil = async (
    councilId: string,
    given?: { personId: string; position: CouncilMember['position'] }[],
  ) => {
    if (given) return councilMembers(deps.repos.directory, given);
    const council = await deps.repos.directory.councils.findById(councilId).lean().exec();
    if (!council) throw new ProblemError(422, 'UNKNOWN_COUNCIL', `Không có Hội đồng mã ${councilId}.`);
    return council.members;
  };

  /** The capacity the person signs in today, from the directory's offices and delegations; refused otherwise. */
  const signingAs = async (actor: Actor, declared?: SigningOffice) => {
    const derived = await deps.repos.offices.authorityOf(actor.personId, vnDate(Date.now()));
    if ('code' in derived) throw new ProblemError(403, derived.code, derived.message);
    const problem = declaredCapacityProblem(declared, derived);
    if (problem) throw new ProblemError(422, 'SIGNER_CAPACITY_MISMATCH', problem);
    return derived;
  };

  /** A unit head of the case's unit acts in their recorded term; anyone else (an assignee) acts as themselves. */
  const asUnitHead = async (actor: Actor, unitId: string): Promise<Actor> => {
    if (!actor.roles.includes('UNIT_HEAD') || !actor.unitIds.includes(unitId)) return actor;
    const office = await deps.repos.offices.unitHeadOf(actor.personId, unitId, vnDate(Date.now()));
    if (office && 'code' in office) throw new ProblemError(403, office.code, office.message);
    return office ? { ...actor, office } : actor;
  };

  const decisions = [
    decision({
      slug: 'amendment',
      body: 'amendment',
      summary: 'Tác giả bổ sung hồ sơ theo yêu cầu',
      roles: ['SUBMITTER'],
      update: amendDossierUpdate as never,
      toArgs: async (b, _a, r) => {
        if (b.dossier.unitId !== r.unitId)
          throw new ProblemError(422, 'INVALID_INPUT', 'Không thể đổi đơn vị của hồ sơ khi bổ sung.');
        return {
          ...b,
          dossier: { ...b.dossier, authors: await withAuthorIds(deps, r._id, r.unitId, b.dossier.authors) },
        };
      },
    }),
    decision({
      slug: 'withdrawal',
      body: 'withdrawal',
      summary: 'Tác giả rút hồ sơ',
      roles: ['SUBMITTER'],
      update: withdrawUpdate as never,
    }),
    decision({
      slug: 'unit-review',
      body: 'unitReview',
      summary: 'Thủ trưởng đơn vị: đồng ý, trả lại để bổ sung, hoặc từ chối',
      roles: ['UNIT_HEAD'],
      unitHead: true,
      update: unitReviewUpdate as never,
    }),
    decision({
      slug: 'registration',
      body: 'registration',
      summary: 'Vào sổ tiếp nhận, cấp giấy biên nhận',
      roles: ['SECRETARY'],
      update: registerDossierUpdate as never,
    }),
    decision({
      slug: 'formal-check',
      body: 'formalCheck',
      summary: 'Kiểm tra tính hợp lệ: chấp nhận, yêu cầu bổ sung, không chấp nhận',
      roles: ['SECRETARY'],
      update: formalCheckUpdate as never,
    }),
    decision({
      slug: 'council',
      body: 'council',
      summary: 'Thành lập hoặc giao Hội đồng sáng kiến',
      roles: ['CHAIRMAN'],
      update: formCouncilUpdate as never,
      toArgs: async (b, actor) => ({
        councilId: b.councilId,
        members: await standingCouncil(b.councilId, b.members),
        signer: await signingAs(actor),
      }),
    }),
    decision({
      slug: 'conflict-declaration',
      body: 'conflictDeclaration',
      summary: 'Thành viên Hội đồng khai xung đột lợi ích',
      roles: ['COUNCIL_MEMBER'],
      update: declareConflictUpdate as never,
    }),
    decision({
      slug: 'scores',
      body: 'scores',
      summary: 'Phiếu chấm điểm theo tiêu chí của bộ quy tắc',
      roles: ['COUNCIL_MEMBER'],
      update: submitScoresUpdate as never,
    }),
    decision({
      slug: 'meeting',
      body: 'meeting',
      summary: 'Biên bản họp Hội đồng: có mặt, biểu quyết, phạm vi đề nghị',
      roles: ['SECRETARY'],
      update: recordMeetingUpdate as never,
    }),
    decision({
      slug: 'effect-reports',
      body: 'effectReport',
      summary: 'Báo cáo hiệu quả áp dụng định kỳ',
      roles: ['UNIT_HEAD'],
      unitHead: true,
      update: submitEffectReportUpdate as never,
    }),
    decision({
      slug: 'first-application',
      body: 'firstApplication',
      summary: 'Ghi nhận hoàn thành áp dụng lần đầu',
      roles: ['UNIT_HEAD'],
      unitHead: true,
      update: completeFirstApplicationUpdate as never,
    }),
    decision({
      slug: 'effect-confirmation',
      body: 'effectConfirmation',
      summary: 'Xác nhận hiệu quả áp dụng và kết luận',
      roles: ['UNIT_HEAD'],
      unitHead: true,
      update: confirmEffectUpdate as never,
    }),
    decision({
      slug: 'decision',
      body: 'decision',
      summary: 'Chủ tịch UBND xã công nhận hoặc từ chối công nhận (nêu lý do)',
      roles: ['CHAIRMAN'],
      update: decideRecognitionUpdate as never,
      toArgs: async ({ signerTitle, ...b }, actor) => ({ ...b, signer: await signingAs(actor, signerTitle) }),
    }),
    decision({
      slug: 'appeal',
      body: 'appeal',
      summary: 'Khiếu nại quyết định từ chối công nhận',
      roles: ['SUBMITTER'],
      update: appealUpdate as never,
    }),
    decision({
      slug: 'replication',
      body: 'replication',
      summary: 'Chỉ định hoặc đăng ký đơn vị nhân rộng',
      roles: ['CHAIRMAN', 'SUPERVISOR', 'UNIT_HEAD'],
      update: designateReplicationUpdate as never,
      // A unit that saw the initiative on the public list volunteers without being part of the case yet.
      reach: (actor, record, b) => mayVolunteer(actor, record, b.unitIds),
      toArgs: async (b) => {
        const known = await deps.repos.directory.units.countDocuments({ _id: { $in: b.unitIds } }).exec();
        if (known !== b.unitIds.length)
          throw new ProblemError(422, 'UNKNOWN_UNIT', 'Có đơn vị không tồn tại trong danh mục.');
        return b;
      },
    }),
    decision({
      slug: 'revocation',
      body: 'revocation',
      summary: 'Hủy bỏ quyết định công nhận',
      roles: ['CHAIRMAN'],
      update: revokeUpdate as never,
    }),
    decision({
      slug: 'deadline-extension',
      body: 'deadlineExtension',
      summary: 'Gia hạn xử lý (nêu lý do)',
      roles: ['SUPERVISOR', 'CHAIRMAN'],
      update: extendDeadlineUpdate as never,
    }),
    decision({
      slug: 'reassignment',
      body: 'reassignment',
      summary: 'Chuyển xử lý cho người khác (nêu lý do)',
      roles: ['SUPERVISOR', 'CHAIRMAN'],
      update: reassignUpdate as never,
      toArgs: async (b) => {
        const p = await deps.repos.directory.byId(b.personId);
        if (!p?.active)
          throw new ProblemError(422, 'UNKNOWN_PERSON', `Không có người dùng mã ${b.personId}.`);
        return { to: { personId: p._id, fullName: p.fullName }, reason: b.reason };
      },
    }),
  ];

  const routes: Route[] = decisions.map((d) =>
    route({
      method: 'post',
      path: `/api/v1/initiatives/:id/${d.slug}`,
      summary: d.summary,
      tag: 'Quyết định',
      access: d.roles,
      params: initiativeParamsSchema,
      body: decisionBodies[d.body] as z.ZodType<Record<string, unknown>>,
      errors: [404, 409, 422],
      success: {
        status: 200,
        description: 'Đã chấp nhận; trạng thái mới của hồ sơ',
        schema: decisionResultSchema,
      },
      handler: async ({ params, body, actor, idempotencyKey }) => {
        const record = await reachableCase(
          deps,
          actor!,
          params.id,
          (r) => d.reach?.(actor!, r, body) ?? false,
        );
        if (
          d.slug === 'revocation' &&
          record.status === 'COMPLETED' &&
          record.decisionOutcome === 'RECOGNISED'
        ) {
          return revokeCompleted(deps, record, actor!, (body as { reasons: string }).reasons);
        }
        if (record.status !== 'OPEN') {
          // A retried request whose first attempt closed the case (e.g. a withdrawal answered to a gateway that then
          // died): the workflow has its outcome under the same update id, so the retry gets the first answer.
          const earlier = await earlierOutcome(deps, params.id, idempotencyKey);
          if (earlier) return { status: 200, body: decisionAnswer(earlier.state, actor!) };
        }
        requireOpenCase(record);
        const acting = d.unitHead ? await asUnitHead(actor!, record.unitId) : actor!;
        const args = { ...(d.toArgs ? await d.toArgs(body, acting, record) : body), actor: acting };
        const updateId = updateIdOf(idempotencyKey).updateId ?? randomUUID();
        const result = await workflowCall(() =>
          boundedUpdate(
            () =>
              deps.initiatives.handle(params.id).executeUpdate(d.update, { args: [args as never], updateId }),
            deps.decisionWaitMs,
          ),
        );
        return { status: 200, body: decisionAnswer(result.state, actor!) };
      },
    }),
  );

  routes.push(
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/reminders',
      summary: 'Nhắc người đang phải xử lý hồ sơ',
      tag: 'Quyết định',
      access: ['SUPERVISOR', 'CHAIRMAN', 'SECRETARY'],
      params: initiativeParamsSchema,
      body: decisionBodies.reminder,
      errors: [404, 409],
      success: {
        status: 202,
        description: 'Đã gửi lời nhắc',
        schema: zod.object({ accepted: zod.literal(true) }),
      },
      handler: async ({ params, body, actor }) => {
        requireOpenCase(await visibleCase(deps, actor!, params.id));
        await workflowCall(() =>
          deps.initiatives
            .handle(params.id)
            .signal(remindSignal, { actor: actor!, ...(body.message ? { message: body.message } : {}) }),
        );
        return { status: 202, body: { accepted: true } };
      },
    }),
    ...replicationRoutes(deps),
  );
  return routes;
}

/** The result of the update a request's Idempotency-Key already sent to a now-closed case, or null. */
async function earlierOutcome(
  deps: GatewayDeps,
  id: string,
  idempotencyKey: string | null,
): Promise<DecisionResult | null> {
  const { updateId } = updateIdOf(idempotencyKey);
  if (!updateId) return null;
  try {
    const handle = deps.initiatives.handle(id).getUpdateHandle<DecisionResult>(updateId);
    return await Promise.race([
      handle.result(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000).unref()),
    ]);
  } catch {
    // No such update (the first attempt never reached the workflow) or it was refused: the case is simply closed.
    return null;
  }
}

/**
 * The Update's id for a request with an Idempotency-Key: Temporal runs an Update id once per workflow run and answers
 * a repeat with the first outcome, so a retry of a request whose answer was lost (gateway killed, server restarted)
 * gets that answer instead of a second decision or a WRONG_STEP refusal.
 */
export function updateIdOf(idempotencyKey: string | null): { updateId?: string } {
  if (!idempotencyKey) return {};
  return { updateId: `idem-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}` };
}

/** A completed case's workflow is closed: its revocation runs as a workflow of its own (one per case). */
async function revokeCompleted(deps: GatewayDeps, record: CaseRecord, actor: Actor, reasons: string) {
  try {
    await deps.initiatives.client.workflow.execute('revokeCompletedInitiativeWorkflow', {
      workflowId: `initiative:${record._id}:revocation`,
      taskQueue: deps.initiatives.taskQueue,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ initiativeId: record._id, actor, reasons, at: new Date().toISOString() }],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new ProblemError(409, 'CASE_CLOSED', 'Quyết định công nhận của hồ sơ này đã bị hủy bỏ.');
    }
    throw err;
  }
  const updated = (await deps.repos.cases.findById(record._id))!;
  return { status: 200, body: decisionAnswer(updated.state, actor) };
}

/**
 * A decision's answer: the state the decision left (already in the read model when the workflow answers), with the
 * scores this person may see and the actions now open to them, so the page shows the result without reading again.
 */
function decisionAnswer(state: DecisionResult['state'], actor: Actor) {
  return {
    accepted: true as const,
    state: redactScores(state, actor),
    available: availableActions(state, actor),
  };
}

/** One adopting unit's own case: its plan, reports and confirmation, by that unit's head. */
function replicationRoutes(deps: GatewayDeps): Route[] {
  const steps = [
    {
      slug: 'plan',
      body: decisionBodies.adoptionPlan,
      update: submitAdoptionPlanUpdate,
      summary: 'Kế hoạch nhân rộng của đơn vị',
    },
    {
      slug: 'reports',
      body: decisionBodies.effectReport,
      update: submitAdoptionReportUpdate,
      summary: 'Báo cáo hiệu quả tại đơn vị nhân rộng',
    },
    {
      slug: 'confirmation',
      body: decisionBodies.adoptionConfirmation,
      update: confirmAdoptionUpdate,
      summary: 'Xác nhận hiệu quả tại đơn vị nhân rộng',
    },
  ] as const;
  const adoption = async (actor: Actor, id: string, unitId: string) => {
    const record = await visibleCase(deps, actor, id);
    if (!record.replicationUnitIds.includes(unitId)) {
      throw new ProblemError(404, 'REPLICATION_NOT_FOUND', `Đơn vị ${unitId} không nhân rộng hồ sơ này.`);
    }
  };
  const stateSchema = zod.object({ unitId: zod.string(), step: zod.string() }).loose();
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
    ...steps.map((s) =>
      route({
        method: 'post',
        path: `/api/v1/initiatives/:id/replications/:unitId/${s.slug}`,
        summary: s.summary,
        tag: 'Nhân rộng',
        access: ['UNIT_HEAD'],
        params: replicationParamsSchema,
        body: s.body as z.ZodType<Record<string, unknown>>,
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
                  .executeUpdate(s.update as UpdateDefinition<unknown, [never]>, {
                    args: [{ ...body, actor: actor! } as never],
                    updateId,
                  }),
              deps.decisionWaitMs,
            ),
          );
          return { status: 200, body: state };
        },
      }),
    ),
  ];
}
