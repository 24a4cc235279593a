/** Who acts on a case (roles, the signed-in actor) and the dossier they file: plain types, workflow-safe. */
import type { ActingOffice } from '../domain/signing';

/** The roles (docs/process.md). */
export const ROLES = [
  'SUBMITTER',
  'UNIT_HEAD',
  'SECRETARY',
  'COUNCIL_MEMBER',
  'CHAIRMAN',
  'SUPERVISOR',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated person on whose behalf a message is sent (the gateway fills it from the session). */
export interface Actor {
  personId: string;
  fullName: string;
  roles: Role[];
  /** Units the person acts for (unit heads, submitters). */
  unitIds: string[];
  /** Councils the person sits on. */
  councilIds: string[];
  /** The office term the person acts in for this decision (a unit head's), filled by the gateway from the directory. */
  office?: ActingOffice;
}

/** One author or co-author with their contribution share. */
export interface Author {
  /** The author's account, when they have one: used for conflict-of-interest checks. */
  personId?: string;
  fullName: string;
  birthDate?: string;
  workplace?: string;
  jobTitle?: string;
  qualification?: string;
  /** Contribution share in percent; the shares of a dossier sum to 100. */
  sharePercent: number;
}

/** The description (Bản mô tả sáng kiến). */
export interface Description {
  priorState?: string;
  purpose?: string;
  content?: string;
  applicability?: string;
  effectComparison?: string;
}

/** The dossier as filed (validated at the edge; workflows take plain data). */
export interface Dossier {
  title: string;
  unitId: string;
  field: string;
  /** Date of first or trial application, `YYYY-MM-DD`. */
  firstAppliedOn: string;
  summary: string;
  authors: Author[];
  /** Kính gửi: the body asked to recognise it. */
  addressee?: string;
  investor?: string;
  /** Funded by the State: the chairman-author may not sit on the council (TT18 Art. 8). */
  stateFunded?: boolean;
  /** The dossier already proves a completed first application: no tracking period is needed. */
  firstApplicationCompleted?: boolean;
  /** Remuneration is owed (investor is an economic organisation or self-financing unit, NĐ13 Art. 10). */
  remunerationApplies?: boolean;
  confidentialInfo?: string;
  applicationConditions?: string;
  expectedBenefit?: string;
  firstApplicationParticipants?: string[];
  description?: Description;
  attachmentRefs?: string[];
}
