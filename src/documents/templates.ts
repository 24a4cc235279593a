/**
 * The documents of the flow (process.md, "Documents generated in the flow"): which legal-record entry issues which
 * document, in which number series, and its content built from the case's state. The templates are by family in
 * templates/: intake, council, and the documents of the outcome.
 */
import type { InitiativeState } from '../contracts/initiative';
import type { LegalEntryDraft } from '../contracts/records';
import { templateContext, type Commune, type DocumentPlan } from './templates/context';
import { councilDecision, meetingMinutes, scoreSheet } from './templates/council';
import { effectConfirmation, recognition, refusalNotice } from './templates/decisions';
import { intakeNotice, receipt } from './templates/intake';

export type { Commune, DocumentPlan } from './templates/context';

/** The documents an entry issues (none for most entries). */
export function documentsFor(
  entry: LegalEntryDraft,
  state: InitiativeState,
  ctx: { commune: Commune; unitName: (id: string) => string },
): DocumentPlan[] {
  const t = templateContext(entry, state, ctx);
  switch (entry.kind) {
    case 'REGISTERED':
      return receipt(t);
    case 'AMENDMENT_REQUESTED':
    case 'NOT_ACCEPTED':
      return intakeNotice(t);
    case 'COUNCIL_FORMED':
      return councilDecision(t);
    case 'SCORED':
      return scoreSheet(t);
    case 'COUNCIL_RECOMMENDED':
    case 'COUNCIL_NOT_RECOMMENDED':
    case 'MEETING_NO_QUORUM':
      return meetingMinutes(t);
    case 'EFFECT_CONFIRMED':
      return effectConfirmation(t);
    case 'RECOGNISED':
      return recognition(t);
    case 'REFUSED':
    case 'APPEAL_UPHELD':
      return refusalNotice(t);
    default:
      return [];
  }
}
