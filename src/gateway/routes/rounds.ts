/**
 * Rounds (đợt xét): the administrator opens one with its intake window, scope and rule pack, and may close it early;
 * anyone signed in sees them (the filing form says which round a dossier would go into); the council's secretary,
 * the chairman and the supervisor print the round's result lists.
 */
import { z } from 'zod';
import type { CaseRecord } from '../../db/cases';
import { UnknownRulePackError } from '../../db/rule-packs';
import { vnDate } from '../../domain/duration';
import { yearRoundFilingOf } from '../../domain/rule-pack';
import { placeFiling, roundProblems, roundStatus, standingRound, type Round } from '../../domain/rounds';
import { DOC_FORMATS } from '../../documents/formats';
import { renderedFile } from '../answers';
import { roundSummary, type RoundCase } from '../../documents/templates/rounds';
import { isoDate, slug, text } from '../dossier-schema';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';

const roundSchema = z.object({
  id: z.string(),
  name: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  unitIds: z.array(z.string()),
  fields: z.array(z.string()),
  rulePackVersion: z.string().nullable(),
  closedEarlyOn: z.string().nullable(),
  status: z.enum(['UPCOMING', 'OPEN', 'CLOSED']),
  standing: z.boolean(),
});

const openRoundBody = z.strictObject({
  id: slug,
  name: text(120),
  opensOn: isoDate,
  closesOn: isoDate,
  unitIds: z.array(slug).max(200).default([]),
  fields: z.array(text(120)).max(50).default([]),
  rulePackVersion: z.string().max(40).nullable().default(null),
});

const changeRoundBody = z.strictObject({
  name: text(120).optional(),
  closesOn: isoDate.optional(),
  /** Stop taking filings now (today's filings are refused from this moment). */
  close: z.literal(true).optional(),
});

const roundParams = z.strictObject({ id: slug });
const placementQuery = z.strictObject({ unitId: slug, field: z.string().max(200) });

/** A round as answered, with its status today. */
const shown = (r: Round, today: string, standing = false) => ({
  ...r,
  status: roundStatus(r, today),
  standing,
});

const PAPER_ROLES = ['SECRETARY', 'CHAIRMAN', 'SUPERVISOR'] as const;

/** A round by id: a stored one, or a year's standing round where the pack in force allows year-round filing. */
export async function findRound(deps: GatewayDeps, id: string): Promise<Round> {
  const stored = (await deps.repos.rounds.all()).find((r) => r.id === id);
  if (stored) return stored;
  const year = /^thuong-xuyen-(\d{4})$/.exec(id)?.[1];
  if (year) return standingRound(Number(year));
  throw new ProblemError(404, 'ROUND_NOT_FOUND', `Không có đợt xét mã ${id}.`);
}

/** The units' names, for the papers. */
async function unitNames(deps: GatewayDeps): Promise<(id: string) => string> {
  const units = new Map(
    (await deps.repos.directory.units.find({}, { name: 1 }).lean().exec()).map((u) => [u._id, u.name]),
  );
  return (id) => units.get(id) ?? id;
}

/** A case as a round's papers list it. */
function roundCaseOf(c: CaseRecord, unitName: (id: string) => string): RoundCase {
  return {
    id: c._id,
    code: c.code,
    title: c.title,
    unitName: unitName(c.unitId),
    authors: c.authors,
    status: c.status,
    meanScore: c.meanScore,
    decisionOutcome: c.decisionOutcome,
    decisionNumber: c.decisionNumber ?? null,
    decisionReasons: c.state.decision?.reasons ?? null,
    proposedScope: c.state.meetings.filter((m) => m.outcome !== 'NO_QUORUM').at(-1)?.proposedScope ?? null,
  };
}

/** The cases of a round as its papers list them, in filing order. */
export async function roundCases(deps: GatewayDeps, roundId: string): Promise<RoundCase[]> {
  const rows = await deps.repos.cases.model
    .find({ roundId: { $eq: roundId } })
    .sort({ filedAt: 1, _id: 1 })
    .lean<CaseRecord[]>()
    .exec();
  const name = await unitNames(deps);
  return rows.map((c) => roundCaseOf(c, name));
}

/**
 * Cases by id, in the order given, those that exist: one key lookup each (FerretDB reads a whole collection for an
 * `$in`, but finds one `_id` by its key).
 */
export async function casesByIds(deps: GatewayDeps, ids: readonly string[]): Promise<CaseRecord[]> {
  const rows = await Promise.all(ids.map((id) => deps.repos.cases.findById(id)));
  return rows.filter((r): r is CaseRecord => r !== null);
}

/** Given cases as the papers list them. */
export async function papersOf(deps: GatewayDeps, rows: readonly CaseRecord[]): Promise<RoundCase[]> {
  const name = await unitNames(deps);
  return rows.map((c) => roundCaseOf(c, name));
}

/** Round routes. */
export function roundRoutes(deps: GatewayDeps): Route[] {
  const audit = (actorId: string, action: string, target: string, details: Record<string, unknown>) =>
    deps.repos.audit.log({ actorId, action, target, details, requestId: null });
  return [
    route({
      method: 'get',
      path: '/api/v1/rounds',
      summary:
        'Các đợt xét sáng kiến, đợt mới nhất trước: thời gian nhận hồ sơ, đơn vị, lĩnh vực, bộ quy tắc; kèm đợt xét thường xuyên của năm nếu xã cho nộp quanh năm',
      tag: 'Đợt xét',
      access: 'authenticated',
      success: { status: 200, description: 'Đợt xét', schema: z.object({ items: z.array(roundSchema) }) },
      handler: async () => {
        const now = new Date();
        const today = vnDate(now.getTime());
        const stored = (await deps.repos.rounds.all()).map((r) => shown(r, today));
        const standing = yearRoundFilingOf(await deps.repos.rulePacks.inForce(now))
          ? [shown(standingRound(Number(today.slice(0, 4))), today, true)]
          : [];
        const items = [...stored, ...standing].sort(
          (a, b) => b.opensOn.localeCompare(a.opensOn) || a.id.localeCompare(b.id),
        );
        return { status: 200, body: { items } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/rounds/placement',
      summary: 'Hồ sơ của đơn vị, lĩnh vực này nộp hôm nay sẽ vào đợt xét nào, hay không đợt nào nhận',
      tag: 'Đợt xét',
      access: 'authenticated',
      query: placementQuery,
      success: {
        status: 200,
        description: 'Đợt xét nhận hồ sơ, hoặc lý do không nhận',
        schema: z.object({
          round: z.object({ id: z.string(), name: z.string(), closesOn: z.string() }).nullable(),
          refused: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      },
      handler: async ({ query }) => {
        const now = new Date();
        const placed = placeFiling(
          await deps.repos.rounds.all(),
          vnDate(now.getTime()),
          query.unitId,
          query.field,
          yearRoundFilingOf(await deps.repos.rulePacks.inForce(now)),
        );
        return {
          status: 200,
          body:
            'round' in placed
              ? {
                  round: { id: placed.round.id, name: placed.round.name, closesOn: placed.round.closesOn },
                  refused: null,
                }
              : { round: null, refused: placed.refused },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/rounds',
      summary: 'Mở đợt xét sáng kiến: thời gian nhận hồ sơ, đơn vị và lĩnh vực nhận, bộ quy tắc áp dụng',
      tag: 'Đợt xét',
      access: ['ADMIN'],
      body: openRoundBody,
      errors: [409, 422],
      success: { status: 201, description: 'Đã mở đợt xét', schema: roundSchema },
      handler: async ({ body, actor }) => {
        const problem = roundProblems(body)[0];
        if (problem) throw new ProblemError(422, 'INVALID_ROUND', problem);
        if (body.id.startsWith('thuong-xuyen-'))
          throw new ProblemError(
            422,
            'INVALID_ROUND',
            'Mã bắt đầu bằng "thuong-xuyen-" dành cho đợt xét thường xuyên.',
          );
        const units = new Set(
          (await deps.repos.directory.units.find({}, { _id: 1 }).lean().exec()).map((u) => u._id),
        );
        const unknown = body.unitIds.find((u) => !units.has(u));
        if (unknown) throw new ProblemError(422, 'UNKNOWN_UNIT', `Không có đơn vị mã ${unknown}.`);
        if (body.rulePackVersion) {
          await deps.repos.rulePacks.get(body.rulePackVersion).catch((err: unknown) => {
            if (err instanceof UnknownRulePackError)
              throw new ProblemError(
                422,
                'UNKNOWN_RULE_PACK',
                `Không có bộ quy tắc phiên bản ${body.rulePackVersion}.`,
              );
            throw err;
          });
        }
        const round: Round = { ...body, closedEarlyOn: null };
        if (!(await deps.repos.rounds.create(round, actor!.personId)))
          throw new ProblemError(409, 'ROUND_EXISTS', `Đợt xét mã ${body.id} đã có.`);
        await audit(actor!.personId, 'ROUND_OPENED', body.id, { ...round });
        return { status: 201, body: shown(round, vnDate(Date.now())) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/admin/rounds/:id',
      summary: 'Đổi tên, đổi ngày kết thúc nhận hồ sơ, hoặc kết thúc nhận hồ sơ ngay',
      tag: 'Đợt xét',
      access: ['ADMIN'],
      params: roundParams,
      body: changeRoundBody,
      errors: [404, 422],
      success: { status: 200, description: 'Đợt xét sau khi sửa', schema: roundSchema },
      handler: async ({ params, body, actor }) => {
        const today = vnDate(Date.now());
        const before = (await deps.repos.rounds.all()).find((r) => r.id === params.id);
        if (!before) throw new ProblemError(404, 'ROUND_NOT_FOUND', `Không có đợt xét mã ${params.id}.`);
        const after = { ...before, ...(body.name ? { name: body.name } : {}) };
        if (body.closesOn) after.closesOn = body.closesOn;
        // Closing now: yesterday was the last day it took filings.
        if (body.close && roundStatus(before, today) !== 'CLOSED')
          after.closedEarlyOn = vnDate(Date.now() - 86_400_000);
        const problem = roundProblems(after)[0];
        if (problem) throw new ProblemError(422, 'INVALID_ROUND', problem);
        if (body.closesOn && body.closesOn < today && roundStatus(before, today) !== 'CLOSED')
          throw new ProblemError(
            422,
            'INVALID_ROUND',
            'Ngày kết thúc không được trước hôm nay; để dừng nhận hồ sơ ngay, chọn "Kết thúc nhận hồ sơ".',
          );
        const { id: _id, ...set } = after;
        const saved = await deps.repos.rounds.update(params.id, set);
        const closing = after.closedEarlyOn !== before.closedEarlyOn;
        await audit(actor!.personId, closing ? 'ROUND_CLOSED' : 'ROUND_CHANGED', params.id, {
          before,
          after: saved,
        });
        return { status: 200, body: shown(saved!, today) };
      },
    }),
    ...(['pdf', 'docx'] as const).map((format) =>
      route({
        method: 'get',
        path: `/api/v1/rounds/:id/summary.${format}`,
        summary: `Danh sách kết quả xét của đợt (${format.toUpperCase()}): sáng kiến được công nhận, không được công nhận, đề nghị cấp tỉnh`,
        tag: 'Đợt xét',
        access: PAPER_ROLES,
        params: roundParams,
        errors: [404],
        success: {
          status: 200,
          description: `Tệp ${format.toUpperCase()}`,
          schema: z.string(),
          mediaType: DOC_FORMATS[format].contentType,
        },
        handler: async ({ params, actor }) => {
          const round = await findRound(deps, params.id);
          const doc = roundSummary({
            round,
            cases: await roundCases(deps, round.id),
            commune: deps.commune,
            at: new Date(),
            preparedBy: actor!.fullName,
          });
          return renderedFile(doc, format, `ket-qua-${round.id}`);
        },
      }),
    ),
  ];
}
