/**
 * The achievement record behind every emulation review: each recognised initiative of a person or a unit, with the
 * person's share, the level, the confirmed effect and the decision; revocations shown as such. One record per author
 * and initiative (src/db/achievements.ts), so nothing is counted twice. A person sees their own record, a unit head
 * their unit's, the commune's officers everyone's and the year's review table.
 */
import { z } from 'zod';
import type { Actor } from '../../contracts/initiative';
import type { Achievement } from '../../db/achievements';
import type { CaseRecord } from '../../db/cases';
import { payeeKey, type Ledger } from '../../domain/remuneration';
import { DEFAULT_RULE_PACK } from '../../domain/rule-pack';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { ledgerOfCase } from './remuneration';
import { DOC_FORMATS } from '../../documents/formats';
import { renderedFile } from '../answers';
import { reviewDocument } from '../../documents/templates/review';

const OFFICERS = ['SUPERVISOR', 'CHAIRMAN', 'SECRETARY', 'ADMIN'] as const;
const isOfficer = (a: Actor) => a.roles.some((r) => (OFFICERS as readonly string[]).includes(r));
const LEVELS = new Map(DEFAULT_RULE_PACK.rewardLevels.value.map((l) => [l.key, l.label]));

const itemSchema = z.object({
  initiativeId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  unitId: z.string(),
  personId: z.string().nullable(),
  fullName: z.string(),
  sharePercent: z.number(),
  year: z.number(),
  level: z.string().nullable(),
  /** The scope the council proposed: the commune's (unit level), or proposed to the province. */
  scope: z.enum(['COMMUNE', 'PROVINCE']),
  effect: z.enum(['EFFECTIVE', 'NOT_EFFECTIVE']).nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  revoked: z.boolean(),
  /**
   * The author's remuneration for this initiative (NĐ13 Art. 10), over the schedule's years set so far: owed, paid,
   * outstanding, whether a year is overdue. Null when the recognition set no schedule.
   */
  remuneration: z
    .object({
      owedVnd: z.number(),
      paidVnd: z.number(),
      outstandingVnd: z.number(),
      overdue: z.boolean(),
      /** Years of the schedule, and those whose amount is not set yet. */
      years: z.number(),
      yearsNotAssessed: z.number(),
    })
    .nullable(),
});
export type AchievementItem = z.infer<typeof itemSchema>;

const listQuery = z.strictObject({
  personId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,63}$/)
    .optional(),
  unitId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,63}$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
const reviewQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

/** The scope the council's last meeting with a quorum proposed. */
function scopeOf(c: Pick<CaseRecord, 'state'>): 'COMMUNE' | 'PROVINCE' {
  const held = (c.state?.meetings ?? []).filter((m) => m.outcome !== 'NO_QUORUM');
  return held.at(-1)?.proposedScope === 'PROVINCE' ? 'PROVINCE' : 'COMMUNE';
}

/** Achievement routes. */
export function achievementRoutes(deps: GatewayDeps): Route[] {
  /** Achievements with their cases, newest decision first. */
  async function items(filter: {
    personId?: string;
    unitId?: string;
    year?: number;
  }): Promise<AchievementItem[]> {
    const caseFilter: Record<string, unknown> = { decisionOutcome: 'RECOGNISED' };
    if (filter.unitId) caseFilter['unitId'] = { $eq: filter.unitId };
    const cases = await deps.repos.cases.model
      .find(caseFilter, {
        code: 1,
        title: 1,
        unitId: 1,
        effectVerdict: 1,
        decisionNumber: 1,
        decisionDate: 1,
        status: 1,
        monetaryBenefitVnd: 1,
        'state.remunerationSchedule': 1,
        'state.dossier.authors': 1,
        'state.decision.decidedAt': 1,
        'state.meetings': 1,
      })
      .lean<CaseRecord[]>()
      .exec();
    const byId = new Map(cases.map((c) => [c._id, c]));
    const found = await deps.repos.achievements.model
      .find({
        ...(filter.personId ? { personId: { $eq: filter.personId } } : {}),
        ...(filter.year ? { year: { $eq: filter.year } } : {}),
      })
      .lean<Achievement[]>()
      .exec();
    // The ledgers of the cases listed that have a schedule, each read once (by key: src/db/remuneration.ts).
    const ledgers = new Map<string, Ledger>();
    for (const id of new Set(found.map((a) => a.initiativeId))) {
      const c = byId.get(id);
      if (c && (c.state?.remunerationSchedule ?? []).length > 0)
        ledgers.set(id, ledgerOfCase(c, await deps.repos.remuneration.list(id)));
    }
    const remunerationOf = (a: Achievement): AchievementItem['remuneration'] => {
      const ledger = ledgers.get(a.initiativeId);
      if (!ledger) return null;
      const key = payeeKey(a);
      const mine = ledger.authors.find((x) => x.key === key);
      if (!mine) return null;
      const years = ledger.years.map((y) => y.authors.find((x) => x.key === key)!);
      return {
        owedVnd: mine.owedVnd ?? 0,
        paidVnd: mine.paidVnd,
        outstandingVnd: mine.outstandingVnd ?? 0,
        overdue: ledger.years.some(
          (y, i) => y.overdue && (years[i]!.outstandingVnd === null || years[i]!.outstandingVnd > 0),
        ),
        years: ledger.years.length,
        yearsNotAssessed: ledger.years.filter((y) => y.status === 'NOT_ASSESSED').length,
      };
    };
    return found
      .flatMap((a) => {
        const c = byId.get(a.initiativeId);
        if (!c) return [];
        return [
          {
            initiativeId: a.initiativeId,
            code: c.code ?? null,
            title: c.title,
            unitId: c.unitId,
            personId: a.personId,
            fullName: a.fullName,
            sharePercent: a.sharePercent,
            year: a.year,
            level: a.rewardLevel ? (LEVELS.get(a.rewardLevel) ?? a.rewardLevel) : null,
            scope: scopeOf(c),
            effect: c.effectVerdict ?? null,
            decisionNumber: c.decisionNumber ?? null,
            decisionDate: c.decisionDate ? c.decisionDate.toISOString() : null,
            revoked: a.revoked,
            remuneration: remunerationOf(a),
          },
        ];
      })
      .sort(
        (x, y) =>
          (y.decisionDate ?? '').localeCompare(x.decisionDate ?? '') || x.title.localeCompare(y.title),
      );
  }

  /** The year's review: per person and per unit, revoked recognitions left out, each author once per initiative. */
  async function review(year: number) {
    const all = (await items({ year })).filter((i) => !i.revoked);
    const people = new Map<string, { personId: string | null; fullName: string; list: AchievementItem[] }>();
    for (const i of all) {
      const key = i.personId ?? `name:${i.fullName}`;
      const p = people.get(key) ?? { personId: i.personId, fullName: i.fullName, list: [] };
      p.list.push(i);
      people.set(key, p);
    }
    const units = new Map<string, { initiatives: Set<string>; authors: Set<string> }>();
    for (const i of all) {
      const u = units.get(i.unitId) ?? { initiatives: new Set(), authors: new Set() };
      u.initiatives.add(i.initiativeId);
      u.authors.add(i.personId ?? `name:${i.fullName}`);
      units.set(i.unitId, u);
    }
    return {
      year,
      people: [...people.values()]
        .map((p) => ({
          personId: p.personId,
          fullName: p.fullName,
          initiatives: new Set(p.list.map((i) => i.initiativeId)).size,
          titles: p.list.map((i) => (i.code ? `${i.code} – ${i.title}` : i.title)),
          levels: p.list.map((i) => i.level ?? ''),
        }))
        .sort((x, y) => y.initiatives - x.initiatives || x.fullName.localeCompare(y.fullName, 'vi')),
      units: [...units.entries()]
        .map(([unitId, u]) => ({ unitId, initiatives: u.initiatives.size, authors: u.authors.size }))
        .sort((x, y) => y.initiatives - x.initiatives),
    };
  }

  return [
    route({
      method: 'get',
      path: '/api/v1/achievements',
      summary: 'Thành tích sáng kiến: của tôi, của đơn vị tôi phụ trách, hoặc (cán bộ xã) của bất kỳ ai',
      tag: 'Thành tích',
      access: 'authenticated',
      query: listQuery,
      success: {
        status: 200,
        description: 'Sáng kiến được công nhận, mỗi tác giả một dòng',
        schema: z.object({ items: z.array(itemSchema) }),
      },
      handler: async ({ actor, query }) => {
        const a = actor!;
        const unitAllowed = query.unitId && a.roles.includes('UNIT_HEAD') && a.unitIds.includes(query.unitId);
        if (!isOfficer(a)) {
          if (query.unitId && !unitAllowed)
            throw new ProblemError(403, 'FORBIDDEN', 'Chỉ xem được thành tích của đơn vị mình phụ trách.');
          if (query.personId && query.personId !== a.personId && !unitAllowed)
            throw new ProblemError(403, 'FORBIDDEN', 'Chỉ xem được thành tích của chính mình.');
        }
        const personId = query.personId ?? (isOfficer(a) || unitAllowed ? undefined : a.personId);
        return {
          status: 200,
          body: {
            items: await items({
              ...(personId ? { personId } : {}),
              ...(query.unitId ? { unitId: query.unitId } : {}),
              ...(query.year ? { year: query.year } : {}),
            }),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/achievements/review',
      summary:
        'Bảng tổng hợp thành tích sáng kiến của năm cho Hội đồng Thi đua – Khen thưởng (theo người, theo đơn vị)',
      tag: 'Thành tích',
      access: [...OFFICERS],
      query: reviewQuery,
      success: {
        status: 200,
        description: 'Bảng tổng hợp của năm',
        schema: z.object({
          year: z.number(),
          people: z.array(
            z.object({
              personId: z.string().nullable(),
              fullName: z.string(),
              initiatives: z.number(),
              titles: z.array(z.string()),
              levels: z.array(z.string()),
            }),
          ),
          units: z.array(z.object({ unitId: z.string(), initiatives: z.number(), authors: z.number() })),
        }),
      },
      handler: async ({ query }) => ({ status: 200, body: await review(query.year) }),
    }),
    ...(['pdf', 'docx'] as const).map((format) =>
      route({
        method: 'get',
        path: `/api/v1/achievements/review.${format}`,
        summary: `Bảng tổng hợp thành tích sáng kiến của năm (${format.toUpperCase()}) cho Hội đồng Thi đua – Khen thưởng`,
        tag: 'Thành tích',
        access: [...OFFICERS],
        query: reviewQuery,
        success: {
          status: 200,
          description: `Tệp ${format.toUpperCase()}`,
          schema: z.string(),
          mediaType: DOC_FORMATS[format].contentType,
        },
        handler: async ({ query, actor }) => {
          const units = new Map(
            (await deps.repos.directory.units.find({}, { name: 1 }).lean().exec()).map((u) => [
              u._id,
              u.name,
            ]),
          );
          const doc = reviewDocument({
            review: await review(query.year),
            unitName: (id) => units.get(id) ?? id,
            commune: deps.commune,
            at: new Date(),
            preparedBy: actor!.fullName,
          });
          return renderedFile(doc, format, `tong-hop-thanh-tich-${query.year}`);
        },
      }),
    ),
  ];
}
