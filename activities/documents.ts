/** Issuing the flow's documents from the legal-record entries that call for them (see src/documents/templates.ts). */
import type { InitiativeState } from '../src/contracts/initiative';
import type { LegalEntryDraft } from '../src/contracts/records';
import { renderDocx } from '../src/documents/docx';
import { renderPdf } from '../src/documents/pdf';
import { documentsFor } from '../src/documents/templates';
import type { ActivityDeps } from '.';
import { vnYear } from '../src/domain/duration';
import { observeDocumentRender } from '../src/worker/telemetry';

/**
 * Issues every document the entries call for (once per key: a retry finds them issued) and returns the entries with
 * each document's number and SHA-256 added to their details, so the legal record holds the document's fingerprint.
 */
export async function issueDocuments(
  deps: Pick<ActivityDeps, 'documents' | 'directory' | 'commune' | 'cases'>,
  state: InitiativeState,
  entries: LegalEntryDraft[],
  /** Called after each document: the activity's heartbeat. */
  progress: () => void = () => undefined,
): Promise<LegalEntryDraft[]> {
  // Most writes issue nothing: the unit names (read whole) are read only for a write that issues a document.
  const issues = entries.some(
    (e) => documentsFor(e, state, { commune: deps.commune, unitName: String }).length,
  );
  if (!issues) return entries;
  const units = new Map<string, string>();
  for (const u of await deps.directory.units.find({}, { name: 1 }).lean().exec()) units.set(u._id, u.name);
  const unitName = (id: string) => units.get(id) ?? id;
  const out: LegalEntryDraft[] = [];
  for (const entry of entries) {
    const plans = documentsFor(entry, state, { commune: deps.commune, unitName });
    if (plans.length === 0) {
      out.push(entry);
      continue;
    }
    const refs = [];
    for (const plan of plans) {
      progress();
      const issuedAt = new Date(entry.at);
      const doc = await deps.documents.issue({
        key: plan.key,
        initiativeId: state.initiativeId,
        kind: plan.kind,
        title: plan.title,
        series: plan.series,
        year: vnYear(issuedAt.getTime()),
        issuedAt,
        signerName: plan.signerName,
        scorerId: plan.scorerId ?? null,
        symbol: plan.symbol,
        fixedNumber: plan.fixedNumber ?? null,
        render: async (number) => {
          const t = performance.now();
          const spec = plan.build(number);
          const [pdf, docx] = await Promise.all([renderPdf(spec), renderDocx(spec)]);
          observeDocumentRender(plan.kind, (performance.now() - t) / 1000);
          return { pdf, docx };
        },
      });
      const printed = doc.number;
      refs.push({
        id: doc._id,
        kind: doc.kind,
        number: printed,
        pdfSha256: doc.pdfSha256,
        docxSha256: doc.docxSha256,
      });
      if (plan.kind === 'RECOGNITION_DECISION') {
        await deps.cases.model
          .updateOne(
            { _id: state.initiativeId },
            { $set: { decisionNumber: printed, decisionDate: issuedAt } },
          )
          .exec();
      }
    }
    out.push({ ...entry, details: { ...entry.details, documents: refs } });
  }
  return out;
}
