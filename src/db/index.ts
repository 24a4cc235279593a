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
import { CaseRepository } from './cases';
import { LegalRecordRepository } from './legal-record';
import { RegisterRepository } from './register';
import { CaseCodeRepository } from './case-codes';
import { AuthorRepository } from './authors';
import { RulePackRepository } from './rule-packs';
import { TaskRepository } from './tasks';

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
}

/** Builds every repository on the connection (models are registered once per connection). */
export function createRepositories(conn: Connection): Repositories {
  const cases = new CaseRepository(conn);
  return {
    cases,
    adoptions: new AdoptionRepository(conn),
    legalRecord: new LegalRecordRepository(conn),
    tasks: new TaskRepository(conn),
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
  };
}
