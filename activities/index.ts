/** Activities: the side effects of the workflows, built from injected dependencies (worker.ts composes them). */
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type { InitiativeState } from '../src/contracts/initiative';
import type { ReplicationState } from '../src/contracts/replication';
import type { AdoptionRepository } from '../src/db/adoptions';
import type { LegalEntryDraft, TaskDraft } from '../src/contracts/records';
import type { StateChange } from '../src/contracts/state-change';
import type { AchievementRepository } from '../src/db/achievements';
import type { CaseRepository } from '../src/db/cases';
import type { LegalRecordRepository } from '../src/db/legal-record';
import type { RegisterRepository, RegistrationResult } from '../src/db/register';
import type { TaskRepository } from '../src/db/tasks';
import type { DirectoryRepository } from '../src/db/directory';
import type { DocumentRepository } from '../src/db/documents';
import { issueDocuments } from './documents';
import { renderDocx } from '../src/documents/docx';
import { renderPdf } from '../src/documents/pdf';
import { summaryData, summaryDocument, type SummaryData } from '../src/reports/summary';
import type { Commune } from '../src/documents/templates';
import { vnYear } from '../src/domain/duration';
import type { DuplicateCheck } from '../src/domain/rule-pack';
import type { Notifier } from '../src/notify/notifier';

/** What the activities need from the outside world. */
export interface ActivityDeps {
  cases: CaseRepository;
  adoptions: AdoptionRepository;
  legalRecord: LegalRecordRepository;
  tasks: TaskRepository;
  register: RegisterRepository;
  achievements: AchievementRepository;
  documents: DocumentRepository;
  directory: DirectoryRepository;
  /** The commune that issues the documents. */
  commune: Commune;
  /** Writes each batch's notifications and their deliveries (src/notify/notifier.ts). */
  notifier: Notifier;
  /** Called once a batch has queued deliveries: the sender sends them at once instead of at its next poll. */
  onQueued?: () => void;
  /** Called after recordCase has written everything and before it returns (fault-injection tests use it). */
  afterRecord?: (input: RecordCaseInput) => void;
}

/** Input of recordCase: one batch of a case's changes, in order. */
export interface RecordCaseInput {
  /** The legal record's chain: the initiative, or one of its replication cases. */
  caseId: string;
  initiativeId: string;
  /** The initiative's state for the read model, whole (absent for replication cases)… */
  readModel?: InitiativeState;
  /** …or what changed since the write before (src/contracts/state-change.ts). */
  change?: StateChange;
  /** A replication case's state for the adoption read model. */
  adoption?: ReplicationState;
  entries: LegalEntryDraft[];
  /** Whoever must act next (null: nobody). */
  task: TaskDraft | null;
}

/** Result of recordCase. */
export interface RecordCaseResult {
  /** Entries newly written (0 when a retry finds them all there). */
  written: number;
}

/**
 * The state a change leads to, from the state the read model holds at its base. A retry after the write finds the
 * change's revision (or a later one) stored and takes that. Before anything is written, a read model that holds
 * neither fails the write for the workflow to send the state whole (STALE_READ_MODEL, not retried).
 */
async function stateAfter(
  deps: ActivityDeps,
  initiativeId: string,
  change: StateChange,
): Promise<InitiativeState> {
  const state = await deps.cases.stateAfter(initiativeId, change);
  if (state) return state;
  throw ApplicationFailure.nonRetryable(
    `the read model of ${initiativeId} does not hold revision ${change.base}`,
    'STALE_READ_MODEL',
  );
}

/** Creates the activity functions bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    /**
     * Writes one batch of a case's changes: legal-record entries (hash-chained, once each), side records of
     * recognitions and revocations, notifications and their deliveries, the current task and the read model. Every write is idempotent,
     * so a retry after a crash anywhere in here leaves each record exactly once.
     */
    async recordCase(input: RecordCaseInput): Promise<RecordCaseResult> {
      // Documents first (each once per key), so each entry that issues one carries the document's SHA-256.
      // Each step beats (heartbeatTimeout in workflows/activity-proxies.ts): a dead worker's write is retried at once.
      heartbeat();
      const readModel = input.change
        ? await stateAfter(deps, input.initiativeId, input.change)
        : input.readModel;
      const entries = readModel
        ? await issueDocuments(deps, readModel, input.entries, heartbeat)
        : input.entries;
      const written = await deps.legalRecord.append(input.caseId, input.initiativeId, entries);
      heartbeat();
      for (const e of input.entries) {
        if (e.kind === 'FILED' && readModel) {
          // Later registrations compare their dossier with this one through the likely-duplicate index.
          const { title, summary } = readModel.dossier;
          await deps.register.indexFiling({ initiativeId: input.initiativeId, title, summary });
        }
        if (e.kind === 'RECOGNISED') {
          const d = e.details as {
            year: number;
            rewardLevel: string | null;
            achievements: { personId: string | null; fullName: string; sharePercent: number }[];
          };
          await deps.achievements.recordRecognition(
            input.initiativeId,
            d.year,
            d.rewardLevel,
            d.achievements,
          );
        }
        if (e.kind === 'REVOKED') {
          await deps.achievements.revoke(input.initiativeId);
          await deps.documents.revokeAll(input.initiativeId, e.summary);
        }
      }
      let notified = 0;
      // Notifications before the task is recorded as open: a retry still sees the task as new and writes what is missing.
      await deps.tasks.setCurrent(
        input.caseId,
        input.initiativeId,
        input.task,
        new Date(),
        async (newTask) => {
          notified = await deps.notifier.record({
            caseId: input.caseId,
            initiativeId: input.initiativeId,
            state: readModel,
            entries,
            newTask,
          });
        },
      );
      if (notified) deps.onQueued?.();
      heartbeat();
      if (readModel) await deps.cases.upsertState(readModel);
      if (input.adoption) await deps.adoptions.upsert(input.caseId, input.adoption);
      deps.afterRecord?.(input);
      return { written };
    },

    /** Issues the summary report of a period as a BC-UBND document (once per period) with its figures. */
    async issueSummaryReport(input: {
      from: string;
      to: string;
    }): Promise<{ documentId: string; number: string | null; data: SummaryData }> {
      const valid = (d: string) =>
        /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
      if (!valid(input.from) || !valid(input.to)) {
        // A retry cannot fix a bad period: fail the report at once instead of retrying forever.
        throw ApplicationFailure.nonRetryable(
          `invalid report period ${input.from}..${input.to}`,
          'INVALID_PERIOD',
        );
      }
      const data = await summaryData(deps, input.from, input.to);
      const units = new Map(
        (await deps.directory.units.find({}, { name: 1 }).lean().exec()).map((u) => [u._id, u.name]),
      );
      const chairman = await deps.directory.people
        .findOne({ roles: 'CHAIRMAN', active: true })
        .sort({ _id: 1 })
        .lean()
        .exec();
      const issuedAt = new Date();
      const build = summaryDocument(
        data,
        deps.commune,
        (id) => units.get(id) ?? id,
        chairman?.fullName ?? '',
        issuedAt,
      );
      const doc = await deps.documents.issue({
        key: `report:${input.from}:${input.to}`,
        initiativeId: 'reports',
        kind: 'SUMMARY_REPORT',
        title: `Báo cáo tổng kết ${input.from} – ${input.to}`,
        series: 'BC-UBND',
        year: vnYear(issuedAt.getTime()),
        issuedAt,
        signerName: chairman?.fullName ?? null,
        render: async (number) => {
          const spec = build(number);
          const [pdf, docx] = await Promise.all([renderPdf(spec), renderDocx(spec)]);
          return { pdf, docx };
        },
      });
      return { documentId: doc._id, number: doc.number, data };
    },

    /**
     * Revokes a completed case whose workflow has closed: the next legal-record entry (the chain continues; nobody
     * else writes a closed case), achievements and documents marked revoked, the read model REVOKED. Idempotent.
     */
    async revokeClosedCase(input: {
      initiativeId: string;
      actor: { personId: string; fullName: string };
      reasons: string;
      at: string;
    }): Promise<void> {
      const entries = await deps.legalRecord.list(input.initiativeId);
      const last = entries.at(-1);
      if (last?.kind !== 'REVOKED') {
        const summary = `Hủy bỏ quyết định công nhận: ${input.reasons}`;
        const revoked: LegalEntryDraft = {
          seq: (last?.seq ?? 0) + 1,
          at: input.at,
          kind: 'REVOKED',
          stage: 'REPLICATION_FOLLOW_UP',
          step: 'CLOSED',
          actorId: input.actor.personId,
          actorName: input.actor.fullName,
          summary,
          details: { status: 'REVOKED', afterCompletion: true },
          rulePackVersion: last?.rulePackVersion ?? '',
        };
        await deps.legalRecord.append(input.initiativeId, input.initiativeId, [revoked]);
      }
      // The filer and the authors hear of it, once (keyed by the entry; a retry finds it written).
      const entry = (await deps.legalRecord.list(input.initiativeId)).at(-1);
      const stored = await deps.cases.findById(input.initiativeId);
      if (entry?.kind === 'REVOKED' && stored?.state) {
        await deps.notifier.record({
          caseId: input.initiativeId,
          initiativeId: input.initiativeId,
          state: stored.state,
          entries: [entry],
          newTask: null,
        });
        deps.onQueued?.();
      }
      await deps.achievements.revoke(input.initiativeId);
      await deps.documents.revokeAll(input.initiativeId, input.reasons);
      await deps.tasks.setCurrent(input.initiativeId, input.initiativeId, null);
      await deps.cases.model
        .updateOne(
          { _id: input.initiativeId, status: { $ne: 'REVOKED' } },
          {
            $set: {
              status: 'REVOKED',
              step: 'CLOSED',
              closedAt: new Date(input.at),
              updatedAt: new Date(),
              'state.status': 'REVOKED',
              'state.step': 'CLOSED',
            },
            $inc: { revision: 1, 'state.revision': 1 },
          },
        )
        .exec();
    },

    /** Registers a dossier in the intake register (once per case) and flags likely duplicates. */
    async registerDossier(input: {
      initiativeId: string;
      title: string;
      summary: string;
      receivedAt: string;
      /** The case's likely-duplicate rule; a history from before it was passed uses the default pack's. */
      duplicates?: DuplicateCheck;
    }): Promise<RegistrationResult> {
      return deps.register.register(input);
    },
  };
}

/** The activity interface, for proxyActivities in workflow code. */
export type Activities = ReturnType<typeof createActivities>;
