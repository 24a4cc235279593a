/**
 * Every decision of the process as an endpoint: the gateway checks the role and that the actor takes part in the case
 * (first line), then sends the decision to the workflow as an Update, whose validator checks step, scope and
 * conflicts of interest again (second line); the sending is the pipeline in ../decision-pipeline.ts. The answer says
 * the decision was accepted and gives the new state.
 */
import { ASSIGNABLE_ACTIONS, ENDPOINT_ROLES, type CaseAction } from '../../domain/permissions';
import { z } from 'zod';
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
  type Role,
  type Actor,
} from '../../contracts/initiative';
import { mayVolunteer } from '../../domain/access';
import { requireOpenCase, visibleCase, workflowCall } from '../cases';
import { revokeCompleted, sendDecision, type DecisionSending } from '../decision-pipeline';
import type { GatewayDeps } from '../deps';
import { signingAs, standingCouncil, withAuthorIds } from '../lookups';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { decisionBodies, decisionResultSchema, initiativeParamsSchema } from '../schemas';

/**
 * One decision endpoint: its path segment, who may send it, the schema of its body (`B`, its output) and how that
 * becomes the argument of its update (whose own fields are `T`).
 */
interface Decision<B, T extends object> extends DecisionSending<B, T> {
  slug: string;
  summary: string;
  roles: readonly Role[];
  body: z.ZodType<B>;
}

/**
 * A decision without `toArgs`: the validated body is the update's own fields as they are. `T` comes from the update
 * alone; the body schema's output must be assignable to it.
 */
type PlainDecision<T extends object> = Omit<Decision<T, T>, 'toArgs' | 'body'> & {
  body: z.ZodType<NoInfer<T>>;
  toArgs?: undefined;
};

/**
 * Declares a decision endpoint, checking its body schema, its update and its `toArgs` against each other: `toArgs`
 * must turn the body into the update's fields, and without it the body schema's output must be those fields.
 */
interface DeclareDecision {
  <B, T extends object>(d: Decision<B, T>): Route;
  <T extends object>(d: PlainDecision<T>): Route;
}

/** The declaration of decision endpoints, each sent through the pipeline with the gateway's dependencies. */
function decisionDeclarer(deps: GatewayDeps): DeclareDecision {
  const toRoute = <B, T extends object>(d: Decision<B, T>): Route =>
    route({
      method: 'post',
      path: `/api/v1/initiatives/:id/${d.slug}`,
      summary: d.summary,
      tag: 'Quyết định',
      access: d.roles,
      // The person a step was reassigned to may take it without the role; the rules check them as its assignee.
      ...(ASSIGNABLE_ACTIONS.has(d.slug as CaseAction)
        ? {
            orAllow: async (actor: Actor, p: Record<string, string>) =>
              (await deps.repos.cases.findById(p['id'] ?? ''))?.assigneeId === actor.personId,
          }
        : {}),
      params: initiativeParamsSchema,
      body: d.body,
      errors: [404, 409, 422],
      success: {
        status: 200,
        description: 'Đã chấp nhận; trạng thái mới của hồ sơ',
        schema: decisionResultSchema,
      },
      handler: ({ params, body, actor, idempotencyKey }) =>
        sendDecision(deps, d, { id: params.id, body, actor: actor!, idempotencyKey }),
    });
  return <B, T extends object>(d: Decision<B, T> | PlainDecision<T>) =>
    d.toArgs ? toRoute(d) : toRoute<T, T>({ ...d, toArgs: (body) => body });
}

/** The decision routes, and the reminder. */
export function decisionRoutes(deps: GatewayDeps): Route[] {
  const decision = decisionDeclarer(deps);
  return [
    decision({
      slug: 'amendment',
      body: decisionBodies.amendment,
      summary: 'Tác giả bổ sung hồ sơ theo yêu cầu',
      roles: ENDPOINT_ROLES['amendment'],
      update: amendDossierUpdate,
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
      body: decisionBodies.withdrawal,
      summary: 'Tác giả rút hồ sơ',
      roles: ENDPOINT_ROLES['withdrawal'],
      update: withdrawUpdate,
    }),
    decision({
      slug: 'unit-review',
      body: decisionBodies.unitReview,
      summary: 'Thủ trưởng đơn vị: đồng ý, trả lại để bổ sung, hoặc từ chối',
      roles: ENDPOINT_ROLES['unit-review'],
      unitHead: true,
      update: unitReviewUpdate,
    }),
    decision({
      slug: 'registration',
      body: decisionBodies.registration,
      summary: 'Vào sổ tiếp nhận, cấp giấy biên nhận',
      roles: ENDPOINT_ROLES['registration'],
      update: registerDossierUpdate,
    }),
    decision({
      slug: 'formal-check',
      body: decisionBodies.formalCheck,
      summary: 'Kiểm tra tính hợp lệ: chấp nhận, yêu cầu bổ sung, không chấp nhận',
      roles: ENDPOINT_ROLES['formal-check'],
      update: formalCheckUpdate,
    }),
    decision({
      slug: 'council',
      body: decisionBodies.council,
      summary: 'Thành lập hoặc giao Hội đồng sáng kiến',
      roles: ENDPOINT_ROLES['council'],
      update: formCouncilUpdate,
      toArgs: async (b, actor) => ({
        councilId: b.councilId,
        members: await standingCouncil(deps, b.councilId, b.members),
        signer: await signingAs(deps, actor),
      }),
    }),
    decision({
      slug: 'conflict-declaration',
      body: decisionBodies.conflictDeclaration,
      summary: 'Thành viên Hội đồng khai xung đột lợi ích',
      roles: ENDPOINT_ROLES['conflict-declaration'],
      update: declareConflictUpdate,
    }),
    decision({
      slug: 'scores',
      body: decisionBodies.scores,
      summary: 'Phiếu chấm điểm theo tiêu chí của bộ quy tắc',
      roles: ENDPOINT_ROLES['scores'],
      update: submitScoresUpdate,
    }),
    decision({
      slug: 'meeting',
      body: decisionBodies.meeting,
      summary: 'Biên bản họp Hội đồng: có mặt, biểu quyết, phạm vi đề nghị',
      roles: ENDPOINT_ROLES['meeting'],
      update: recordMeetingUpdate,
    }),
    decision({
      slug: 'effect-reports',
      body: decisionBodies.effectReport,
      summary: 'Báo cáo hiệu quả áp dụng định kỳ',
      roles: ENDPOINT_ROLES['effect-reports'],
      unitHead: true,
      update: submitEffectReportUpdate,
    }),
    decision({
      slug: 'first-application',
      body: decisionBodies.firstApplication,
      summary: 'Ghi nhận hoàn thành áp dụng lần đầu',
      roles: ENDPOINT_ROLES['first-application'],
      unitHead: true,
      update: completeFirstApplicationUpdate,
    }),
    decision({
      slug: 'effect-confirmation',
      body: decisionBodies.effectConfirmation,
      summary: 'Xác nhận hiệu quả áp dụng và kết luận',
      roles: ENDPOINT_ROLES['effect-confirmation'],
      unitHead: true,
      update: confirmEffectUpdate,
    }),
    decision({
      slug: 'decision',
      body: decisionBodies.decision,
      summary: 'Chủ tịch UBND xã công nhận hoặc từ chối công nhận (nêu lý do)',
      roles: ENDPOINT_ROLES['decision'],
      update: decideRecognitionUpdate,
      toArgs: async ({ signerTitle, ...b }, actor) => ({
        ...b,
        signer: await signingAs(deps, actor, signerTitle),
      }),
    }),
    decision({
      slug: 'appeal',
      body: decisionBodies.appeal,
      summary: 'Khiếu nại quyết định từ chối công nhận',
      roles: ENDPOINT_ROLES['appeal'],
      update: appealUpdate,
    }),
    decision({
      slug: 'replication',
      body: decisionBodies.replication,
      summary: 'Chỉ định hoặc đăng ký đơn vị nhân rộng',
      roles: ENDPOINT_ROLES['replication'],
      update: designateReplicationUpdate,
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
      body: decisionBodies.revocation,
      summary: 'Hủy bỏ quyết định công nhận',
      roles: ENDPOINT_ROLES['revocation'],
      update: revokeUpdate,
      afterRecognition: (b, actor, record) => revokeCompleted(deps, record, actor, b.reasons),
    }),
    decision({
      slug: 'deadline-extension',
      body: decisionBodies.deadlineExtension,
      summary: 'Gia hạn xử lý (nêu lý do)',
      roles: ENDPOINT_ROLES['deadline-extension'],
      update: extendDeadlineUpdate,
    }),
    decision({
      slug: 'reassignment',
      body: decisionBodies.reassignment,
      summary: 'Chuyển xử lý cho người khác (nêu lý do)',
      roles: ENDPOINT_ROLES['reassignment'],
      update: reassignUpdate,
      toArgs: async (b) => {
        const p = await deps.repos.directory.byId(b.personId);
        if (!p?.active)
          throw new ProblemError(422, 'UNKNOWN_PERSON', `Không có người dùng mã ${b.personId}.`);
        return { to: { personId: p._id, fullName: p.fullName }, reason: b.reason };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/initiatives/:id/reminders',
      summary: 'Nhắc người đang phải xử lý hồ sơ',
      tag: 'Quyết định',
      access: ENDPOINT_ROLES.reminders,
      params: initiativeParamsSchema,
      body: decisionBodies.reminder,
      errors: [404, 409],
      success: {
        status: 202,
        description: 'Đã gửi lời nhắc',
        schema: z.object({ accepted: z.literal(true) }),
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
  ];
}
