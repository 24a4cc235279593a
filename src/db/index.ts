/** All repositories over one connection. */
import type { Connection } from 'mongoose';
import { AchievementRepository } from './achievements';
import { AdoptionRepository } from './adoptions';
import { AttachmentRepository } from './attachments';
import { AuditRepository } from './audit';
import { CalendarRepository } from './calendar';
import { DirectoryRepository } from './directory';
import { DocumentRepository } from './documents';
import { DraftRepository } from './drafts';
import { IdempotencyRepository } from './idempotency';
import { OfficeRepository } from './offices';
import { SessionRepository } from './sessions';
import { CaseRepository, type CaseRecord } from './cases';
import type { BackfillSource } from './open-cases';
import { LegalRecordRepository } from './legal-record';
import { RegisterRepository } from './register';
import { CaseCodeRepository } from './case-codes';
import { AuthorRepository } from './authors';
import { RulePackRepository } from './rule-packs';
import { TaskRepository, type TaskRecord } from './tasks';
import { OutboxRepository } from './outbox';
import { PasswordResetRepository } from './password-resets';
import { RemunerationRepository } from './remuneration';
import { RoundRepository } from './rounds';

/** The repositories the worker and the gateway use. */
export interface Repositories {
  cases: CaseRepository;
  adoptions: AdoptionRepository;
  legalRecord: LegalRecordRepository;
  tasks: TaskRepository;
  register: RegisterRepository;
  caseCodes: CaseCodeRepository;
  authors: AuthorRepository;
  rulePacks: RulePackRepository;
  calendar: CalendarRepository;
  achievements: AchievementRepository;
  directory: DirectoryRepository;
  offices: OfficeRepository;
  sessions: SessionRepository;
  idempotency: IdempotencyRepository;
  audit: AuditRepository;
  documents: DocumentRepository;
  attachments: AttachmentRepository;
  drafts: DraftRepository;
  outbox: OutboxRepository;
  passwordResets: PasswordResetRepository;
  remuneration: RemunerationRepository;
  rounds: RoundRepository;
}

/** Builds every repository on the connection (models are registered once per connection). */
export function createRepositories(conn: Connection): Repositories {
  const cases = new CaseRepository(conn);
  const tasks = new TaskRepository(conn);
  cases.openWork.backfillFrom(backfillSource(cases, tasks));
  return {
    cases,
    adoptions: new AdoptionRepository(conn),
    legalRecord: new LegalRecordRepository(conn),
    tasks,
    register: new RegisterRepository(conn, cases),
    caseCodes: new CaseCodeRepository(conn),
    authors: new AuthorRepository(conn),
    rulePacks: new RulePackRepository(conn),
    calendar: new CalendarRepository(conn),
    achievements: new AchievementRepository(conn),
    directory: new DirectoryRepository(conn),
    offices: new OfficeRepository(conn),
    sessions: new SessionRepository(conn),
    idempotency: new IdempotencyRepository(conn),
    audit: new AuditRepository(conn),
    documents: new DocumentRepository(conn),
    attachments: new AttachmentRepository(conn),
    drafts: new DraftRepository(conn),
    outbox: new OutboxRepository(conn),
    passwordResets: new PasswordResetRepository(conn),
    remuneration: new RemunerationRepository(conn),
    rounds: new RoundRepository(conn),
  };
}

/** Where open work is copied from once, on a database written before it existed (src/db/open-cases.ts). */
function backfillSource(cases: CaseRepository, tasks: TaskRepository): BackfillSource {
  return {
    async *states() {
      const cursor = cases.model
        .find({}, { state: 1, updatedAt: 1 })
        .lean<Pick<CaseRecord, 'state' | 'updatedAt'>>()
        .cursor();
      for await (const c of cursor) yield { state: c.state, updatedAt: c.updatedAt };
    },
    async replicationTasks() {
      const open = await tasks.tasks.find({ status: 'OPEN' }).lean<TaskRecord[]>().exec();
      return Promise.all(
        open
          .filter((t) => t.caseId !== t.initiativeId)
          .map(async (t) => {
            const c = await cases.model
              .findById(t.initiativeId, { code: 1, title: 1 })
              .lean<CaseRecord>()
              .exec();
            return {
              caseId: t.caseId,
              initiativeId: t.initiativeId,
              since: t.createdAt,
              code: c?.code ?? null,
              title: c?.title ?? t.initiativeId,
              task: {
                key: t._id,
                role: t.role,
                ...(t.unitId ? { unitId: t.unitId } : {}),
                ...(t.councilId ? { councilId: t.councilId } : {}),
                personIds: t.personIds,
                ...(t.assignee ? { assignee: t.assignee } : {}),
                description: t.description,
                dueAt: t.dueAt ? t.dueAt.toISOString() : null,
                escalated: t.escalated,
              },
            };
          }),
      );
    },
  };
}
