/** Filing a case, lists from the read model, one case's live state and its legal record. */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CaseRecord } from '../../db/cases';
import { CASE_CODE_PATTERN } from '../../db/case-codes';
import { verifyEntries } from '../../db/legal-record';
import { votingModeFor, yearRoundFilingOf } from '../../domain/rule-pack';
import { placeFiling, type Round } from '../../domain/rounds';
import { calendarCatchUp } from '../calendar';
import { isWithinTimeBar, timeBarEnds } from '../../domain/dossier';
import { describeDuration, vnDate } from '../../domain/duration';
import { maySeeScoreSheet, redactScores, scoreSeal, visibilityFilter } from '../../domain/access';
import { escapeRegex, foldVietnamese } from '../../domain/text';
import { WorkflowNotFoundError } from '@temporalio/common';
import { AlreadyStartedError } from '../../temporal/client';
import { boundedUpdate, visibleCase, workflowCall } from '../cases';
import { recordedUpdate } from '../../contracts/initiative';
import { initiativeWorkflowId } from '../../contracts/ids';
import { availableActions } from '../../domain/actions';
import type { GatewayDeps } from '../deps';
import { withAuthorIds } from '../lookups';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import {
  caseListSchema,
  caseViewSchema,
  createInitiativeSchema,
  initiativeParamsSchema,
  listQuerySchema,
} from '../schemas';

/** The list item of a case. */
export function toSummary(r: CaseRecord, now = Date.now()) {
  return {
    id: r._id,
    code: r.code ?? null,
    title: r.title,
    unitId: r.unitId,
    field: r.field,
    status: r.status,
    stage: r.stage,
    step: r.step,
    waitingOn: r.waitingOn,
    registerNo: r.registerNo ?? null,
    dueAt: r.dueAt ? r.dueAt.toISOString() : null,
    overdue: r.status === 'OPEN' && !!r.dueAt && r.dueAt.getTime() < now,
    escalated: r.escalated ?? false,
    filedAt: r.filedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A UUID-shaped case id derived from a (person- and endpoint-scoped) Idempotency-Key. */
export function idFromKey(idempotencyKey: string): string {
  const h = createHash('sha256').update(`initiative|${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Waits (at most `waitMs`) until the case's first write is in the read model, so the filer who opens the case right
 * after filing finds it. Past that, or if Temporal does not answer, the case is filed all the same: it appears as soon
 * as the worker writes it.
 */
async function recorded(deps: GatewayDeps, initiativeId: string, waitMs: number): Promise<void> {
  await boundedUpdate(
    () => deps.initiatives.handle(initiativeId).executeUpdate(recordedUpdate),
    waitMs,
  ).catch(() => undefined);
}

/** The round a filing goes into, or the refusal when none takes it (src/domain/rounds.ts). */
export async function placeInRound(
  deps: GatewayDeps,
  at: Date,
  unitId: string,
  field: string,
): Promise<Round> {
  const inForce = await deps.repos.rulePacks.inForce(at);
  const placed = placeFiling(
    await deps.repos.rounds.all(),
    vnDate(at.getTime()),
    unitId,
    field,
    yearRoundFilingOf(inForce),
  );
  if ('refused' in placed) throw new ProblemError(409, placed.refused.code, placed.refused.message);
  return placed.round;
}

/** Whether the case's workflow was started. */
async function workflowExists(deps: GatewayDeps, initiativeId: string): Promise<boolean> {
  try {
    await deps.initiatives.handle(initiativeId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** The answer of a filing. */
function filedAnswer(initiativeId: string, code: string) {
  return {
    status: 201,
    headers: { Location: `/api/v1/initiatives/${encodeURIComponent(initiativeId)}` },
    body: { id: initiativeId, code, status: 'OPEN', stage: 'UNIT_RECOMMENDATION' },
  };
}

const legalEntrySchema = z
  .object({
    seq: z.number(),
    at: z.string(),
    kind: z.string(),
    actorName: z.string(),
    summary: z.string(),
    hash: z.string(),
  })
  .loose();

/** Case routes. */
export function initiativeRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/api/v1/initiatives',
      summary: 'Nộp hồ sơ đề nghị công nhận sáng kiến',
      tag: 'Hồ sơ',
      access: ['SUBMITTER'],
      body: createInitiativeSchema,
      errors: [409, 422],
      success: {
        status: 201,
        description: 'Đã nộp; quy trình bắt đầu',
        schema: z.object({ id: z.string(), code: z.string(), status: z.string(), stage: z.string() }),
      },
      handler: async ({ body, actor, req, idempotencyKey }) => {
        const { id, ...dossier } = body;
        if (!actor!.unitIds.includes(dossier.unitId)) {
          throw new ProblemError(403, 'OUT_OF_SCOPE', 'Bạn chỉ nộp hồ sơ cho đơn vị của mình.');
        }
        const unit = await deps.repos.directory.units
          .findById(dossier.unitId, { name: 1, closedAt: 1 })
          .lean<{ name: string; closedAt?: Date | null }>()
          .exec();
        if (!unit) throw new ProblemError(422, 'UNKNOWN_UNIT', `Không có đơn vị mã ${dossier.unitId}.`);
        if (unit.closedAt)
          throw new ProblemError(422, 'UNIT_CLOSED', `${unit.name} đã đóng nên không nhận hồ sơ mới.`);
        // With an Idempotency-Key and no id of the client's, the id comes from the key: a retry that takes over the key
        // of a request that died after starting the case finds that case instead of filing a second one.
        const keyedId = !id && idempotencyKey ? idFromKey(idempotencyKey) : null;
        const initiativeId = id ?? keyedId ?? randomUUID();
        const filedAt = new Date();
        // The filing goes into the open round that covers it (or the year's standing round, where the pack in force
        // allows it), and the case is pinned to that round's rule pack, else to the one in force: for its whole life.
        const round = await placeInRound(deps, filedAt, dossier.unitId, dossier.field).catch(
          async (err: unknown) => {
            // A retry of a request that died after filing, with the round closed since: the case stands.
            if (keyedId && (await workflowExists(deps, initiativeId))) return null;
            throw err;
          },
        );
        if (round === null) {
          await recorded(deps, initiativeId, deps.decisionWaitMs ?? 30_000);
          return filedAnswer(initiativeId, await deps.repos.caseCodes.claim(initiativeId, filedAt));
        }
        const pack = round.rulePackVersion
          ? await deps.repos.rulePacks.get(round.rulePackVersion)
          : await deps.repos.rulePacks.inForce(filedAt);
        // Days off are not pinned: the case counts on the official calendar as published now, and later ones.
        const calendar = await deps.repos.calendar.current();
        // The time bar is the pack's (NĐ13 Art. 5.2: one year), said on the field like any other input error.
        if (
          !isWithinTimeBar(
            dossier.firstAppliedOn,
            vnDate(filedAt.getTime()),
            pack.timeBar.value,
            calendar.holidays,
          )
        )
          throw new ProblemError(
            400,
            'VALIDATION_FAILED',
            'Dữ liệu gửi lên chưa hợp lệ, vui lòng kiểm tra các trường được nêu.',
            {
              errors: [
                {
                  path: 'body.firstAppliedOn',
                  message: `Đã quá ${describeDuration(pack.timeBar.value)} kể từ ngày áp dụng lần đầu (hạn cuối ${timeBarEnds(dossier.firstAppliedOn, pack.timeBar.value, calendar.holidays).split('-').reverse().join('/')}): quyền yêu cầu công nhận đã hết (Điều 5.2 Nghị định 13/2012/NĐ-CP)`,
                },
              ],
            },
          );
        // Every author is a stable person: a known account or author record, or a new record made now.
        dossier.authors = await withAuthorIds(deps, initiativeId, dossier.unitId, dossier.authors);
        // The short code a person reads and types; claimed once per case, so a retry keeps it.
        const code = await deps.repos.caseCodes.claim(initiativeId, filedAt);
        try {
          await workflowCall(() =>
            deps.initiatives.start({
              initiativeId,
              code,
              dossier,
              pack,
              round: { id: round.id, name: round.name },
              calendar: { version: calendar.version, holidays: calendar.holidays },
              filedBy: actor!,
              filedAt: filedAt.toISOString(),
            }),
          );
        } catch (err) {
          if (err instanceof AlreadyStartedError && keyedId) {
            // This very request (same person, endpoint, key and body) filed it before its answer was lost.
            await recorded(deps, initiativeId, deps.decisionWaitMs ?? 30_000);
            return filedAnswer(initiativeId, code);
          }
          if (err instanceof AlreadyStartedError) {
            throw new ProblemError(
              409,
              'INITIATIVE_ALREADY_EXISTS',
              `Hồ sơ mã ${initiativeId} đã được gửi trước đó.`,
              { initiativeId },
            );
          }
          throw err;
        }
        req.log.info({ initiativeId }, 'initiative filed');
        await recorded(deps, initiativeId, deps.decisionWaitMs ?? 30_000);
        await calendarCatchUp(deps, initiativeId, calendar.version);
        return filedAnswer(initiativeId, code);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/initiatives',
      summary: 'Danh sách hồ sơ được xem (lọc, tìm không dấu, sắp xếp, phân trang)',
      tag: 'Hồ sơ',
      access: 'authenticated',
      query: listQuerySchema,
      success: { status: 200, description: 'Một trang hồ sơ', schema: caseListSchema },
      handler: async ({ query, actor }) => {
        const and: Record<string, unknown>[] = [visibilityFilter(actor!)];
        if (query.stage) and.push({ stage: { $eq: query.stage } });
        if (query.status) and.push({ status: { $eq: query.status } });
        if (query.unitId) and.push({ unitId: { $eq: query.unitId } });
        if (query.year) and.push({ year: { $eq: query.year } });
        if (query.roundId) and.push({ roundId: { $eq: query.roundId } });
        if (query.field) and.push({ fieldFolded: { $regex: escapeRegex(foldVietnamese(query.field)) } });
        if (query.q) {
          const q = escapeRegex(foldVietnamese(query.q));
          const code = query.q.trim().toUpperCase();
          and.push({
            $or: [
              ...(CASE_CODE_PATTERN.test(code) ? [{ code: { $eq: code } }] : []),
              { titleFolded: { $regex: q } },
              { summaryFolded: { $regex: q } },
            ],
          });
        }
        const filter = { $and: and };
        const [field, dir] = query.sort.startsWith('-')
          ? [query.sort.slice(1), -1 as const]
          : [query.sort, 1 as const];
        const sortField = field === 'title' ? 'titleFolded' : field;
        const [items, total] = await Promise.all([
          deps.repos.cases.model
            .find(filter, { state: 0 })
            .sort({ [sortField]: dir, _id: 1 })
            .skip(query.offset)
            .limit(query.limit)
            .lean<CaseRecord[]>()
            .exec(),
          deps.repos.cases.model.countDocuments(filter).exec(),
        ]);
        return {
          status: 200,
          body: { items: items.map((r) => toSummary(r)), total, limit: query.limit, offset: query.offset },
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id',
      summary:
        'Một hồ sơ: trạng thái, đang chờ ai, hạn xử lý, diễn biến (bản ghi mới nhất; `revision` tăng sau mỗi thay đổi)',
      tag: 'Hồ sơ',
      access: 'authenticated',
      params: initiativeParamsSchema,
      errors: [404],
      success: { status: 200, description: 'Hồ sơ', schema: caseViewSchema },
      handler: async ({ params, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        const state = redactScores(record.state, actor!);
        // The score sheet's criteria and maxima come from the rule pack the case is pinned to.
        const pack = await deps.repos.rulePacks.get(state.rulePackVersion).catch(() => undefined);
        const rubric = pack?.rubric.value;
        const votingMode = pack && state.council ? votingModeFor(pack, state.council.councilId) : undefined;
        const available = availableActions(state, actor!);
        // A completed case's workflow has closed: its recognition is revoked by a workflow of its own.
        if (
          record.status === 'COMPLETED' &&
          record.decisionOutcome === 'RECOGNISED' &&
          actor!.roles.includes('CHAIRMAN')
        )
          available.actions = [...new Set([...available.actions, 'revocation' as const])];
        return {
          status: 200,
          body: {
            ...state,
            ...(rubric ? { rubric } : {}),
            ...(votingMode ? { votingMode } : {}),
            available,
            ...(deps.temporalUiUrl && actor!.roles.includes('SUPERVISOR')
              ? {
                  temporalUrl: `${deps.temporalUiUrl}/${encodeURIComponent(initiativeWorkflowId(state.initiativeId))}`,
                }
              : {}),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/initiatives/:id/record',
      summary: 'Hồ sơ pháp lý: mọi thao tác theo thứ tự, có chuỗi băm kiểm chứng',
      tag: 'Hồ sơ',
      access: 'authenticated',
      params: initiativeParamsSchema,
      errors: [404],
      success: {
        status: 200,
        description: 'Nhật ký pháp lý',
        schema: z.object({
          initiativeId: z.string(),
          verified: z.boolean(),
          entries: z.array(legalEntrySchema),
        }),
      },
      handler: async ({ params, actor }) => {
        const record = await visibleCase(deps, actor!, params.id);
        const entries = await deps.repos.legalRecord.list(params.id, record.state.legalSeq ?? 0);
        const check = verifyEntries(params.id, entries);
        const seal = scoreSeal(record.state);
        return {
          status: 200,
          body: {
            initiativeId: params.id,
            verified: check.ok,
            entries: entries.map(({ _id, caseId: _c, details, ...e }) => ({
              ...e,
              // A score sheet's figures are sealed (src/domain/access.ts); its entry stays, so the chain still verifies.
              details: e.kind === 'SCORED' && !maySeeScoreSheet(actor!, seal, e.actorId) ? {} : details,
              recordedAt: e.recordedAt.toISOString(),
            })),
          },
        };
      },
    }),
  ];
}
