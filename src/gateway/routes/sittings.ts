/**
 * Council sittings: the council works a round as a session, one meeting whose agenda covers several of the round's
 * cases. The secretary of that council (or the chairman) sets the time, place and cases; the agenda prints in the
 * NĐ30 layout; the minutes stay per case, recorded on each case as before.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isDuplicateKeyError } from '../../db/cases';
import type { SittingRecord } from '../../db/rounds';
import { sittingAgenda } from '../../documents/templates/rounds';
import type { Actor } from '../../contracts/initiative';
import { slug, text } from '../dossier-schema';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { DOC_FORMATS } from '../../documents/formats';
import { renderedFile } from '../answers';
import { casesByIds, findRound, papersOf } from './rounds';

const READERS = ['SECRETARY', 'CHAIRMAN', 'SUPERVISOR', 'COUNCIL_MEMBER'] as const;

const scheduleBody = z.strictObject({
  councilId: slug,
  meetingAt: z.iso
    .datetime({ offset: true, message: 'Thời gian họp phải có dạng ngày giờ ISO 8601' })
    .refine((s) => !Number.isNaN(Date.parse(s)), 'Thời gian họp không tồn tại'),
  place: text(200),
  caseIds: z
    .array(z.string().max(64))
    .min(1, 'Chọn ít nhất một hồ sơ')
    .max(30, 'Tối đa 30 hồ sơ một phiên họp'),
});

const sittingParams = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Mã phiên họp không hợp lệ'),
});

const sittingCaseSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  unitId: z.string(),
  status: z.string(),
  step: z.string(),
  /** The outcome of the case's last meeting, once its minutes are recorded. */
  outcome: z.string().nullable(),
});

const sittingSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  councilId: z.string(),
  councilName: z.string(),
  meetingAt: z.string(),
  place: z.string(),
  cases: z.array(sittingCaseSchema),
});

/** Whether a person may see a sitting: the commune-wide roles, or a member of its council. */
function mayRead(actor: Actor, councilId: string): boolean {
  if (actor.roles.some((r) => r === 'SECRETARY' || r === 'CHAIRMAN' || r === 'SUPERVISOR')) return true;
  return actor.councilIds.includes(councilId);
}

/** Loads what a sitting is shown with: its round, its council's name and members, its cases in agenda order. */
async function expand(deps: GatewayDeps, s: SittingRecord) {
  const round = await findRound(deps, s.roundId);
  const cases = await casesByIds(deps, s.caseIds);
  const stored = await deps.repos.directory.councils.findById(s.councilId).lean().exec();
  const council = {
    id: s.councilId,
    name: stored?.name ?? `Hội đồng sáng kiến ${s.councilId}`,
    members: stored?.members ?? cases[0]?.state.council?.members ?? [],
  };
  return { round, council, cases };
}

const answer = (s: SittingRecord, x: Awaited<ReturnType<typeof expand>>) => ({
  id: s._id,
  roundId: s.roundId,
  roundName: x.round.name,
  councilId: s.councilId,
  councilName: x.council.name,
  meetingAt: s.meetingAt,
  place: s.place,
  cases: x.cases.map((c) => ({
    id: c._id,
    code: c.code,
    title: c.title,
    unitId: c.unitId,
    status: c.status,
    step: c.step,
    outcome: c.state.meetings.at(-1)?.outcome ?? null,
  })),
});

/** Sitting routes. */
export function sittingRoutes(deps: GatewayDeps): Route[] {
  const sittingOf = async (id: string, actor: Actor) => {
    const s = await deps.repos.rounds.sittings.findById(id).lean<SittingRecord>().exec();
    if (!s || !mayRead(actor, s.councilId))
      throw new ProblemError(404, 'SITTING_NOT_FOUND', 'Không có phiên họp này.');
    return s;
  };
  return [
    route({
      method: 'post',
      path: '/api/v1/rounds/:id/sittings',
      summary:
        'Lập phiên họp Hội đồng của đợt xét: thời gian, địa điểm, các hồ sơ đưa vào chương trình họp (hồ sơ đang ở bước chấm điểm hoặc họp của Hội đồng đó)',
      tag: 'Đợt xét',
      access: ['SECRETARY', 'CHAIRMAN'],
      params: z.strictObject({ id: slug }),
      body: scheduleBody,
      errors: [404, 409, 422],
      success: { status: 201, description: 'Đã lập phiên họp', schema: sittingSchema },
      handler: async ({ params, body, actor, idempotencyKey }) => {
        const round = await findRound(deps, params.id);
        const ids = [...new Set(body.caseIds)];
        const byId = new Map((await casesByIds(deps, ids)).map((r) => [r._id, r]));
        for (const id of ids) {
          const c = byId.get(id);
          const name = c?.code ?? id;
          if (!c) throw new ProblemError(422, 'UNKNOWN_CASE', `Không có hồ sơ ${id}.`);
          if (c.roundId !== round.id)
            throw new ProblemError(422, 'NOT_IN_ROUND', `Hồ sơ ${name} không thuộc ${round.name}.`);
          if (c.councilId !== body.councilId)
            throw new ProblemError(
              422,
              'OTHER_COUNCIL',
              `Hồ sơ ${name} chưa được giao cho Hội đồng ${body.councilId}.`,
            );
          if (c.status !== 'OPEN' || !['SCORING', 'MEETING'].includes(c.step))
            throw new ProblemError(
              409,
              'WRONG_STEP',
              `Hồ sơ ${name} không ở bước chấm điểm hoặc họp Hội đồng nên không đưa vào phiên họp.`,
            );
        }
        const council = await deps.repos.directory.councils.findById(body.councilId).lean().exec();
        const isChairman = actor!.roles.includes('CHAIRMAN');
        const keepsMinutes = council?.members?.some(
          (m) => m.personId === actor!.personId && m.position === 'SECRETARY',
        );
        if (!isChairman && !keepsMinutes)
          throw new ProblemError(
            403,
            'OUT_OF_SCOPE',
            'Chỉ thư ký của Hội đồng này hoặc Chủ tịch UBND xã được lập phiên họp.',
          );
        const sitting: SittingRecord = {
          _id: idempotencyKey
            ? `k-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`
            : randomUUID(),
          roundId: round.id,
          councilId: body.councilId,
          meetingAt: new Date(body.meetingAt).toISOString(),
          place: body.place,
          caseIds: ids,
          createdBy: actor!.personId,
          createdAt: new Date(),
        };
        try {
          await deps.repos.rounds.sittings.create(sitting);
        } catch (err) {
          // A retry of a request that died after storing it: the same sitting, logged once.
          if (!(idempotencyKey && isDuplicateKeyError(err))) throw err;
        }
        await deps.repos.audit.log({
          _id: `sitting:${sitting._id}`,
          actorId: actor!.personId,
          action: 'SITTING_SCHEDULED',
          target: sitting._id,
          details: {
            roundId: round.id,
            councilId: body.councilId,
            meetingAt: sitting.meetingAt,
            caseIds: ids,
          },
          requestId: null,
        });
        return { status: 201, body: answer(sitting, await expand(deps, sitting)) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/rounds/:id/sittings',
      summary: 'Các phiên họp Hội đồng của đợt xét, sớm nhất trước',
      tag: 'Đợt xét',
      access: READERS,
      params: z.strictObject({ id: slug }),
      errors: [404],
      success: { status: 200, description: 'Phiên họp', schema: z.object({ items: z.array(sittingSchema) }) },
      handler: async ({ params, actor }) => {
        await findRound(deps, params.id);
        const all = await deps.repos.rounds.sittings
          .find({ roundId: { $eq: params.id } })
          .sort({ meetingAt: 1 })
          .lean<SittingRecord[]>()
          .exec();
        const mine = all.filter((s) => mayRead(actor!, s.councilId));
        const items = await Promise.all(mine.map(async (s) => answer(s, await expand(deps, s))));
        return { status: 200, body: { items } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/sittings/:id',
      summary: 'Một phiên họp Hội đồng: chương trình, các hồ sơ và kết quả họp của từng hồ sơ',
      tag: 'Đợt xét',
      access: READERS,
      params: sittingParams,
      errors: [404],
      success: { status: 200, description: 'Phiên họp', schema: sittingSchema },
      handler: async ({ params, actor }) => {
        const s = await sittingOf(params.id, actor!);
        return { status: 200, body: answer(s, await expand(deps, s)) };
      },
    }),
    ...(['pdf', 'docx'] as const).map((format) =>
      route({
        method: 'get',
        path: `/api/v1/sittings/:id/agenda.${format}`,
        summary: `Chương trình phiên họp Hội đồng (${format.toUpperCase()}), các hồ sơ theo thứ tự xét`,
        tag: 'Đợt xét',
        access: READERS,
        params: sittingParams,
        errors: [404],
        success: {
          status: 200,
          description: `Tệp ${format.toUpperCase()}`,
          schema: z.string(),
          mediaType: DOC_FORMATS[format].contentType,
        },
        handler: async ({ params, actor }) => {
          const s = await sittingOf(params.id, actor!);
          const x = await expand(deps, s);
          const doc = sittingAgenda({
            round: x.round,
            council: x.council,
            sitting: s,
            cases: await papersOf(deps, x.cases),
            commune: deps.commune,
            at: s.createdAt,
          });
          return renderedFile(doc, format, `chuong-trinh-hop-${s.roundId}`);
        },
      }),
    ),
  ];
}
