/** Request and response schemas of the gateway (zod): one definition for validation and for /openapi.json. */
import { z } from 'zod';
import { INITIATIVE_ID_PATTERN } from '../contracts/ids';
import { ROLES, STAGES, STEPS } from '../contracts/initiative';
import { dossierSchema, isoDate, slug, text } from './dossier-schema';

export {
  authorSchema,
  createInitiativeSchema,
  dossierSchema,
  isoDate,
  slug,
  text,
  type CreateInitiativeBody,
} from './dossier-schema';

const role = z.enum(ROLES);
const duration = z.union([
  z.strictObject({ workingDays: z.number().int().min(1).max(400) }),
  z.strictObject({ days: z.number().int().min(1).max(400) }),
  z.strictObject({ months: z.number().int().min(1).max(36) }),
]);

/** Path parameter of one initiative. */
export const initiativeParamsSchema = z.strictObject({
  id: z.string().regex(INITIATIVE_ID_PATTERN, 'Mã hồ sơ không hợp lệ'),
});
/** Path parameters of one adoption. */
export const replicationParamsSchema = z.strictObject({
  id: z.string().regex(INITIATIVE_ID_PATTERN, 'Mã hồ sơ không hợp lệ'),
  unitId: slug,
});

const status = z.enum(['OPEN', 'COMPLETED', 'REJECTED', 'WITHDRAWN', 'REVOKED']);

/** Filters, search, sorting and paging of the case list. */
export const listQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  status: status.optional(),
  unitId: slug.optional(),
  field: z.string().max(200).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  roundId: slug.optional(),
  q: z.string().max(200).optional(),
  sort: z
    .enum(['filedAt', '-filedAt', 'dueAt', '-dueAt', 'title', '-title', 'updatedAt', '-updatedAt'])
    .default('-filedAt'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** Validated list query. */
export type ListQuery = z.infer<typeof listQuerySchema>;

const reasons = text(5000);
const items = z.array(text(1000)).min(1, 'Cần nêu ít nhất một nội dung').max(50);
const metric = z.strictObject({
  name: text(200),
  unit: text(50),
  baseline: z.number().finite(),
  value: z.number().finite(),
});
const effectReport = z.strictObject({
  periodEnd: isoDate,
  metrics: z.array(metric).min(1, 'Cần ít nhất một chỉ số').max(50),
  monetaryBenefitVnd: z.number().int().min(0).max(1e15).optional(),
  evidenceRefs: z.array(text(200)).max(50).default([]),
  note: text(5000).optional(),
});
const councilMember = z.strictObject({
  personId: slug,
  position: z.enum(['CHAIR', 'VICE_CHAIR', 'SECRETARY', 'MEMBER', 'UNION_REP']),
});

/** Bodies of the decisions, by action. */
export const decisionBodies = {
  amendment: z.strictObject({ dossier: dossierSchema, note: text(2000).optional() }),
  withdrawal: z.strictObject({ reason: reasons }),
  unitReview: z.discriminatedUnion('outcome', [
    z.strictObject({
      outcome: z.literal('ENDORSE'),
      confirmedApplication: z.literal(true, 'Cần xác nhận sáng kiến đã được áp dụng tại đơn vị'),
    }),
    z.strictObject({ outcome: z.literal('RETURN'), items }),
    z.strictObject({ outcome: z.literal('DECLINE'), reasons }),
  ]),
  registration: z.strictObject({}),
  formalCheck: z.discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal('ACCEPT') }),
    z.strictObject({ outcome: z.literal('REQUEST_AMENDMENT'), items }),
    z.strictObject({ outcome: z.literal('NOT_ACCEPT'), reasons }),
  ]),
  council: z.strictObject({
    councilId: slug,
    /** Omitted: the standing council's members. */
    members: z.array(councilMember).min(3).max(25).optional(),
  }),
  conflictDeclaration: z.strictObject({ reason: reasons }),
  scores: z.strictObject({
    scores: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/), z.number().finite().min(0).max(1000)),
    comment: text(5000).optional(),
  }),
  meeting: z.strictObject({
    present: z.array(slug).max(50),
    /** Show of hands: each member's vote. */
    votes: z.record(slug, z.enum(['AGREE', 'DISAGREE', 'ABSTAIN'])).optional(),
    /** Secret ballot (the council's voting mode in the rule pack): the counts only. */
    ballot: z
      .strictObject({
        agree: z.number().int().min(0).max(100),
        disagree: z.number().int().min(0).max(100),
        abstain: z.number().int().min(0).max(100),
      })
      .optional(),
    /** The mode the council chose at this meeting, where the rule pack leaves the choice to it. */
    votingMode: z.enum(['SHOW_OF_HANDS', 'SECRET_BALLOT']).optional(),
    proposedScope: z.enum(['UNIT', 'PROVINCE']),
    minutes: text(20000),
  }),
  effectReport,
  firstApplication: z.strictObject({ completedOn: isoDate }),
  effectConfirmation: z.strictObject({
    verdict: z.enum(['EFFECTIVE', 'NOT_EFFECTIVE']),
    summary: text(5000),
  }),
  decision: z.discriminatedUnion('outcome', [
    z.strictObject({
      outcome: z.literal('RECOGNISE'),
      /** Optional: the capacity comes from the directory; a different one given here is refused. */
      signerTitle: z.enum(['CHU_TICH', 'PHO_CHU_TICH']).optional(),
      reasons: text(5000).optional(),
    }),
    z.strictObject({
      outcome: z.literal('REFUSE'),
      signerTitle: z.enum(['CHU_TICH', 'PHO_CHU_TICH']).optional(),
      reasons,
    }),
  ]),
  appeal: z.strictObject({ grounds: reasons }),
  replication: z.strictObject({
    unitIds: z.array(slug).min(1).max(50),
    similarUnitsTotal: z.number().int().min(1).max(10_000).optional(),
  }),
  revocation: z.strictObject({ reasons }),
  deadlineExtension: z.strictObject({
    reason: reasons,
    by: duration,
    target: z.enum(['STEP', 'DECISION_CLOCK']).default('STEP'),
  }),
  reassignment: z.strictObject({ personId: slug, reason: reasons }),
  reminder: z.strictObject({ message: text(1000).optional() }),
  adoptionPlan: z.strictObject({ startDate: isoDate, plan: text(10000) }),
  adoptionConfirmation: z.strictObject({
    verdict: z.enum(['EFFECTIVE', 'NOT_EFFECTIVE']),
    summary: text(5000),
  }),
};

/** Bulk supervision actions. */
export const bulkRemindSchema = z.strictObject({
  ids: z.array(z.string().regex(INITIATIVE_ID_PATTERN)).min(1).max(200),
  message: text(1000).optional(),
});
/** Bulk deadline extension. */
export const bulkExtendSchema = z.strictObject({
  ids: z.array(z.string().regex(INITIATIVE_ID_PATTERN)).min(1).max(200),
  by: duration,
  reason: reasons,
});

/** Stuck-case filters. */
export const stuckQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  unitId: slug.optional(),
  waitingOn: role.optional(),
  idleWorkingDays: z.coerce.number().int().min(0).max(1000).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  roundId: slug.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Statistics' filter. */
export const statsQuerySchema = z.strictObject({ roundId: slug.optional() });

/** Sign-in. */
export const loginSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
/** Token refresh. */
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(20).max(200).optional() });

/** A person as an administrator creates one. */
export const createPersonSchema = z.strictObject({
  id: slug,
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Tên đăng nhập gồm chữ thường, số, ".", "_" hoặc "-"'),
  fullName: text(120),
  password: z.string().min(12, 'Mật khẩu tối thiểu 12 ký tự').max(200),
  roles: z.array(role).min(1).max(7),
  unitIds: z.array(slug).max(20).default([]),
  councilIds: z.array(slug).max(20).default([]),
});
/** Changes to a person. */
export const updatePersonSchema = z.strictObject({
  fullName: text(120).optional(),
  password: z.string().min(12, 'Mật khẩu tối thiểu 12 ký tự').max(200).optional(),
  roles: z.array(role).min(1).max(7).optional(),
  unitIds: z.array(slug).max(20).optional(),
  councilIds: z.array(slug).max(20).optional(),
  active: z.boolean().optional(),
});
/** A unit. */
export const createUnitSchema = z.strictObject({
  id: slug,
  name: text(200),
  kind: z.enum(['OFFICE', 'SCHOOL', 'HEALTH_STATION', 'RESIDENTIAL_AREA', 'ORGANISATION']),
});
/** A council. */
export const createCouncilSchema = z.strictObject({
  id: slug,
  name: text(200),
  year: z.number().int().min(2000).max(2100),
  members: z.array(councilMember).min(3).max(25),
});
/** Changes to a council's members. */
export const updateCouncilSchema = z.strictObject({
  name: text(200).optional(),
  members: z.array(councilMember).min(3).max(25).optional(),
});
/** Path parameter of a directory record. */
export const idParamsSchema = z.strictObject({ id: slug });
/** Path parameter of a rule-pack version. */
export const versionParamsSchema = z.strictObject({ version: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/) });

/** Answers. */
export const caseSummarySchema = z
  .object({
    id: z.string(),
    /** The short code people read and type; null for cases filed before codes existed. */
    code: z.string().nullable(),
    title: z.string(),
    unitId: z.string(),
    field: z.string(),
    status,
    stage: z.enum(STAGES),
    step: z.enum(STEPS),
    waitingOn: z.unknown(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    filedAt: z.string(),
    updatedAt: z.string(),
  })
  .loose();
/** A page of cases. */
export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
/**
 * A case's state (see InitiativeState), as its workflow last wrote it to the read model. `revision` grows with every
 * change: a read whose revision is at least that of a person's last decision shows that decision.
 */
export const caseStateSchema = z
  .object({
    initiativeId: z.string(),
    code: z.string().optional(),
    status,
    stage: z.enum(STAGES),
    step: z.enum(STEPS),
    revision: z.number().int().min(0),
  })
  .loose();
/** The actions open to one person now. */
const availableSchema = z.object({
  actions: z.array(z.string()),
  adoption: z.array(z.object({ unitId: z.string(), action: z.enum(['plan', 'reports', 'confirmation']) })),
  withheld: z.array(z.object({ action: z.string(), reason: z.string() })),
});
/** A case as one person sees it: its state and the actions open to that person now. */
export const caseViewSchema = caseStateSchema.extend({
  rubric: z.array(z.object({ key: z.string(), label: z.string(), max: z.number() })).optional(),
  /** For a supervisor: the case's workflow in the Temporal UI. */
  temporalUrl: z.string().optional(),
  available: availableSchema,
});
/** A decision's answer: the state it left, already in the read model, and the actions now open to the person. */
export const decisionResultSchema = z.object({
  accepted: z.literal(true),
  state: caseStateSchema,
  available: availableSchema,
});
/** Tokens. */
export const tokenSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});
/** A person (never with the password hash). */
export const personSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    roles: z.array(role),
    unitIds: z.array(z.string()),
    councilIds: z.array(z.string()),
    active: z.boolean(),
  })
  .loose();
