/** Initiative routes: file a case (starts its workflow), read one case's live state, list cases from the read model. */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { CaseRecord, CaseRepository } from '../../db/cases';
import type { RulePackRepository } from '../../db/rule-packs';
import { AlreadyStartedError, type InitiativeService } from '../../temporal/client';
import { ProblemError } from '../problem';
import {
  createInitiativeSchema,
  initiativeParamsSchema,
  listQuerySchema,
  type CreateInitiativeBody,
  type ListQuery,
} from '../schemas';
import { validate, type Validated } from '../validate';

/** What the initiative routes need. */
export interface InitiativeRoutesDeps {
  initiatives: InitiativeService;
  cases: CaseRepository;
  rulePacks: RulePackRepository;
}

/** Builds the router mounted at `/api/v1/initiatives`. */
export function initiativeRoutes(deps: InitiativeRoutesDeps): Router {
  const router = Router();

  router.post('/', validate('body', createInitiativeSchema), async (req, res) => {
    const { body } = res.locals['validated'] as Validated<CreateInitiativeBody>;
    const { id, ...dossier } = body;
    const initiativeId = id ?? randomUUID();
    const filedAt = new Date();
    // The case is pinned to the rule pack in force at filing; a later version never changes it.
    const pack = await deps.rulePacks.inForce(filedAt);
    try {
      await deps.initiatives.start({
        initiativeId,
        dossier,
        pack,
        // Until the gateway authenticates people (issue 4), filings are made by an anonymous submitter of the unit.
        filedBy: {
          personId: 'anonymous',
          fullName: 'Người nộp',
          roles: ['SUBMITTER'],
          unitIds: [dossier.unitId],
          councilIds: [],
        },
        filedAt: filedAt.toISOString(),
      });
    } catch (err) {
      if (err instanceof AlreadyStartedError) {
        throw new ProblemError(
          409,
          'INITIATIVE_ALREADY_EXISTS',
          `Hồ sơ mã ${initiativeId} đã được gửi trước đó.`,
          {
            initiativeId,
          },
        );
      }
      throw err;
    }
    req.log.info({ initiativeId }, 'initiative filed');
    res
      .status(201)
      .location(`${req.baseUrl}/${encodeURIComponent(initiativeId)}`)
      .json({ id: initiativeId, status: 'OPEN', stage: 'UNIT_RECOMMENDATION' });
  });

  router.get('/', validate('query', listQuerySchema), async (_req, res) => {
    const { query } = res.locals['validated'] as Validated<unknown, ListQuery>;
    const { items, total } = await deps.cases.list(query);
    res.json({ items: items.map(toSummary), total, limit: query.limit, offset: query.offset });
  });

  router.get('/:id', validate('params', initiativeParamsSchema), async (_req, res) => {
    const { params } = res.locals['validated'] as Validated<unknown, unknown, { id: string }>;
    const state = await deps.initiatives.getState(params.id);
    if (state) return void res.json({ source: 'workflow', ...state });
    // A closed case outlives the engine's retention in the read model.
    const record = await deps.cases.findById(params.id);
    if (!record) throw new ProblemError(404, 'INITIATIVE_NOT_FOUND', `Không tìm thấy hồ sơ mã ${params.id}.`);
    res.json({ source: 'read-model', ...toSummary(record) });
  });

  return router;
}

function toSummary(r: CaseRecord) {
  return {
    id: r._id,
    title: r.title,
    unitId: r.unitId,
    field: r.field,
    status: r.status,
    stage: r.stage,
    step: r.step,
    waitingOn: r.waitingOn,
    filedAt: r.filedAt,
    updatedAt: r.updatedAt,
  };
}
