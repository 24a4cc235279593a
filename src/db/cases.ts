/** The read model of cases: one document per initiative, written only by activities, read by the gateway's lists. */
import type mongoose from 'mongoose';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Author, CaseStatus, InitiativeState, Stage, WaitingOn } from '../contracts/initiative';
import { applyChange, type StateChange } from '../contracts/state-change';
import { foldVietnamese } from '../domain/text';
import { vnYear, type HolidayTable } from '../domain/duration';
import { openWorkOf, type OpenWork } from './open-cases';
import type { Statistics, StuckFilter } from './open-rows';

/** A case as stored in the read model. */
export interface CaseRecord {
  _id: string;
  /** The short code people read and type (`SK-2026-0012`); null for cases filed before codes existed. */
  code: string | null;
  title: string;
  /** Lower-case, accent-folded copy of the title for Vietnamese search (FerretDB has no collation or text index). */
  titleFolded: string;
  unitId: string;
  field: string;
  summary: string;
  authors: Author[];
  firstAppliedOn: string;
  status: CaseStatus;
  stage: Stage;
  step: string;
  waitingOn: WaitingOn | null;
  filedBy: string;
  filedAt: Date;
  /** When whoever must act is due (the step's deadline, or the decision clock while the chairman decides). */
  dueAt: Date | null;
  escalated: boolean;
  registerNo: string | null;
  rulePackVersion: string;
  /** The round the filing went into; null for cases filed before rounds existed. */
  roundId: string | null;
  decisionOutcome: 'RECOGNISED' | 'REFUSED' | null;
  meanScore: number | null;
  /** When the current step began: how long the case has been waiting. */
  stepSince: Date | null;
  summaryFolded: string;
  fieldFolded: string;
  /** Filing year in Vietnam time. */
  year: number;
  authorIds: string[];
  councilId: string | null;
  replicationUnitIds: string[];
  assigneeId: string | null;
  calendarProblem: string | null;
  stageLog: { stage: Stage; enteredAt: string }[];
  closedAt: Date | null;
  effectVerdict: 'EFFECTIVE' | 'NOT_EFFECTIVE' | null;
  monetaryBenefitVnd: number | null;
  decisionDate: Date | null;
  /** Set by the document activity when the recognition decision is numbered. */
  decisionNumber?: string | null;
  revision: number;
  updatedAt: Date;
  /** The case as its workflow last wrote it (scores unredacted: redact for the viewer, src/domain/access.ts). */
  state: InitiativeState;
}

const caseSchema = new Schema<CaseRecord>(
  {
    _id: { type: String, required: true },
    code: { type: String, default: null, index: true },
    title: { type: String, required: true },
    titleFolded: { type: String, required: true },
    unitId: { type: String, required: true, index: true },
    field: { type: String, required: true },
    summary: { type: String, required: true },
    authors: { type: Schema.Types.Mixed, required: true },
    firstAppliedOn: { type: String, required: true },
    status: { type: String, required: true },
    stage: { type: String, required: true, index: true },
    step: { type: String, required: true },
    waitingOn: { type: Schema.Types.Mixed, default: null },
    filedBy: { type: String, required: true },
    filedAt: { type: Date, required: true },
    dueAt: { type: Date, default: null },
    escalated: { type: Boolean, default: false },
    registerNo: { type: String, default: null },
    rulePackVersion: { type: String, required: true },
    roundId: { type: String, default: null, index: true },
    decisionOutcome: { type: String, default: null },
    meanScore: { type: Number, default: null },
    stepSince: { type: Date, default: null },
    summaryFolded: { type: String, default: '' },
    fieldFolded: { type: String, default: '' },
    year: { type: Number, required: true },
    authorIds: { type: [String], default: [] },
    councilId: { type: String, default: null },
    replicationUnitIds: { type: [String], default: [] },
    assigneeId: { type: String, default: null },
    calendarProblem: { type: String, default: null },
    stageLog: { type: Schema.Types.Mixed, default: [] },
    closedAt: { type: Date, default: null },
    effectVerdict: { type: String, default: null },
    monetaryBenefitVnd: { type: Number, default: null },
    decisionDate: { type: Date, default: null },
    decisionNumber: { type: String, default: null },
    revision: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    state: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'cases', versionKey: false, minimize: false },
);
// Shaped for the supervision board and the case list: open cases of a unit, and open cases of a stage by due date
// (overdue first). `status` first, so each also serves "all open cases". FerretDB does not use them yet (docs/benchmarks.md).
caseSchema.index({ status: 1, unitId: 1 });
caseSchema.index({ status: 1, stage: 1, dueAt: 1 });

/** Filters and paging of a case list. */
export interface CaseListQuery {
  stage?: Stage | undefined;
  status?: CaseStatus | undefined;
  unitId?: string | undefined;
  limit: number;
  offset: number;
}

/** Repository of the case read model. */
export class CaseRepository {
  readonly model: Model<CaseRecord>;
  /** The open cases' rows and the closed cases' figures, which the lists read (src/db/open-cases.ts). */
  readonly openWork: OpenWork;

  constructor(conn: Connection) {
    this.model =
      (conn.models['Case'] as Model<CaseRecord> | undefined) ?? conn.model<CaseRecord>('Case', caseSchema);
    this.openWork = openWorkOf(conn);
  }

  /**
   * Writes the case's state if it is newer than what is stored. Idempotent: a retried or replayed write of the same
   * revision, or a late write of an older one, changes nothing.
   * Returns true when this call changed the document.
   *
   * The stored revision is read, then the document written, each by `_id` alone. A case's workflow writes it one
   * write at a time (workflows/driver.ts), so what this can race with is only a late attempt of an earlier write,
   * which the revision read turns away. A single conditional update (`_id` and `revision`) would be atomic on MongoDB,
   * but FerretDB answers only a filter on `_id` alone from its primary key: with any other field it reads every case,
   * on every write, and it does not make that update atomic either (it reads, then writes).
   */
  async upsertState(state: InitiativeState, now: Date = new Date()): Promise<boolean> {
    const doc: Omit<CaseRecord, '_id'> = {
      code: state.code ?? null,
      title: state.dossier.title,
      titleFolded: foldVietnamese(state.dossier.title),
      unitId: state.dossier.unitId,
      field: state.dossier.field,
      summary: state.dossier.summary,
      authors: state.dossier.authors,
      firstAppliedOn: state.dossier.firstAppliedOn,
      status: state.status,
      stage: state.stage,
      step: state.step,
      waitingOn: state.waitingOn,
      filedBy: state.filedBy.personId,
      filedAt: new Date(state.filedAt),
      dueAt: dueOf(state),
      escalated: (state.deadline?.escalated ?? false) || (state.decisionClock?.escalated ?? false),
      registerNo: state.registration?.registerNo ?? null,
      rulePackVersion: state.rulePackVersion,
      roundId: state.round?.id ?? null,
      decisionOutcome: state.decision?.outcome ?? null,
      meanScore: state.meanScore,
      stepSince: state.deadline ? new Date(state.deadline.startedAt) : stepStart(state),
      summaryFolded: foldVietnamese(state.dossier.summary),
      fieldFolded: foldVietnamese(state.dossier.field),
      year: vnYear(Date.parse(state.filedAt)),
      authorIds: state.dossier.authors.flatMap((a) => (a.personId ? [a.personId] : [])),
      councilId: state.council?.councilId ?? null,
      replicationUnitIds: state.replication?.targets.map((t) => t.unitId) ?? [],
      assigneeId: state.waitingOn?.assignee?.personId ?? null,
      calendarProblem: state.calendarProblem,
      stageLog: state.stageLog ?? [],
      closedAt: state.closure ? new Date(state.closure.at) : null,
      effectVerdict: state.effect?.verdict ?? null,
      monetaryBenefitVnd: state.effect
        ? state.effect.reports.reduce((a, r) => a + (r.monetaryBenefitVnd ?? 0), 0) || null
        : null,
      decisionDate: state.decision ? new Date(state.decision.decidedAt) : null,
      revision: state.revision,
      updatedAt: now,
      state,
    };
    let changed = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.model
        .findById(state.initiativeId, { revision: 1 })
        .lean<{ revision: number }>()
        .exec();
      // An older state changes nothing; the same one (a retry) still completes the open work below.
      if (stored && stored.revision > state.revision) return false;
      if (stored && stored.revision === state.revision) break;
      try {
        const res = await this.model.updateOne(
          { _id: state.initiativeId },
          { $set: doc },
          { upsert: !stored },
        );
        changed = res.modifiedCount + res.upsertedCount > 0;
        break;
      } catch (err) {
        // Two first writes raced to insert the case: read what the other one stored, and compare again.
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    await this.openWork.recordCase(state, now);
    return changed;
  }

  /**
   * Marks a completed case REVOKED after its workflow has closed (one revision later), in the case and in the closed
   * cases' figures. Idempotent. Reads and writes by `_id` alone (a filter on `status` would read every case on FerretDB).
   */
  async markRevoked(initiativeId: string, at: Date, now: Date = new Date()): Promise<void> {
    const stored = await this.model
      .findById(initiativeId, { status: 1, revision: 1 })
      .lean<Pick<CaseRecord, 'status' | 'revision'>>()
      .exec();
    if (!stored) return;
    if (stored.status !== 'REVOKED') {
      await this.model
        .updateOne(
          { _id: initiativeId },
          {
            $set: {
              status: 'REVOKED',
              step: 'CLOSED',
              closedAt: at,
              updatedAt: now,
              'state.status': 'REVOKED',
              'state.step': 'CLOSED',
            },
            $inc: { revision: 1, 'state.revision': 1 },
          },
        )
        .exec();
    }
    await this.openWork.markRevoked(
      initiativeId,
      stored.status === 'REVOKED' ? stored.revision : stored.revision + 1,
    );
  }

  /** The stuck-case board (GET /api/v1/supervision/stuck) from the open cases' rows, before the engine's facts. */
  stuck(q: StuckFilter, holidays: HolidayTable, now = Date.now()) {
    return this.openWork.stuck(q, holidays, now);
  }

  /** The supervisor's statistics (GET /api/v1/supervision/stats): open cases' rows and closed cases' figures. */
  statistics(now = Date.now(), roundId?: string): Promise<Statistics> {
    return this.openWork.statistics(now, roundId);
  }

  /** Open cases per stage. */
  openByStage(): Promise<Record<string, number>> {
    return this.openWork.openByStage();
  }

  /**
   * The state a change leads to (src/contracts/state-change.ts), applied to the stored state of its base revision; the
   * stored state itself when it is already at the change's revision or later (a retried write); null when the store
   * holds neither (an older state, or none).
   */
  async stateAfter(initiativeId: string, change: StateChange): Promise<InitiativeState | null> {
    const stored = await this.model
      .findById(initiativeId, { state: 1 })
      .lean<Pick<CaseRecord, 'state'>>()
      .exec();
    const state = stored?.state;
    if (!state) return null;
    if (state.revision >= change.revision) return state;
    return state.revision === change.base ? applyChange(state, change) : null;
  }

  /** One case by id, or null. */
  async findById(id: string): Promise<CaseRecord | null> {
    return this.model.findById(id).lean<CaseRecord>().exec();
  }

  /** A page of cases, newest filing first, with the total count. */
  async list(q: CaseListQuery): Promise<{ items: CaseRecord[]; total: number }> {
    const filter: mongoose.QueryFilter<CaseRecord> = {};
    // Values come from zod-validated enums and strings; `$eq` keeps an operator-like value from becoming an operator.
    if (q.stage) filter.stage = { $eq: q.stage };
    if (q.status) filter.status = { $eq: q.status };
    if (q.unitId) filter.unitId = { $eq: q.unitId };
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ filedAt: -1, _id: 1 })
        .skip(q.offset)
        .limit(q.limit)
        .lean<CaseRecord[]>()
        .exec(),
      this.model.countDocuments(filter).exec(),
    ]);
    return { items, total };
  }
}

/** Without a step deadline (decision, replication), the step began when the stage was last entered. */
function stepStart(state: InitiativeState): Date | null {
  const last = state.stageLog?.at(-1);
  return last ? new Date(last.enteredAt) : null;
}

function dueOf(state: InitiativeState): Date | null {
  const due = state.deadline?.dueAt ?? (state.step === 'DECISION' ? state.decisionClock?.dueAt : null);
  return due ? new Date(due) : null;
}

/** True for MongoDB's E11000 duplicate key error. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
