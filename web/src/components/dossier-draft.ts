/** The dossier form's values as typed, and how they become the API's dossier and its field errors. */
import type { z } from 'zod';
import { createInitiativeSchema } from '../../../src/gateway/dossier-schema';
import type { Dossier } from '../../../src/contracts/initiative';

/** The form's values as typed (numbers stay text until sent). */
export interface DossierDraft {
  title: string;
  unitId: string;
  field: string;
  firstAppliedOn: string;
  summary: string;
  addressee: string;
  investor: string;
  stateFunded: boolean;
  remunerationApplies: boolean;
  firstApplicationCompleted: boolean;
  confidentialInfo: string;
  applicationConditions: string;
  expectedBenefit: string;
  participants: string;
  description: {
    priorState: string;
    purpose: string;
    content: string;
    applicability: string;
    effectComparison: string;
  };
  authors: {
    personId?: string;
    fullName: string;
    birthDate: string;
    workplace: string;
    jobTitle: string;
    qualification: string;
    share: string;
  }[];
}

/** An empty form, with the signed-in person as first author. */
export function emptyDraft(me: { id: string; fullName: string; unitIds: string[] }): DossierDraft {
  return {
    title: '',
    unitId: me.unitIds[0] ?? '',
    field: '',
    firstAppliedOn: '',
    summary: '',
    addressee: 'Hội đồng sáng kiến xã',
    investor: '',
    stateFunded: true,
    remunerationApplies: false,
    firstApplicationCompleted: false,
    confidentialInfo: '',
    applicationConditions: '',
    expectedBenefit: '',
    participants: '',
    description: { priorState: '', purpose: '', content: '', applicability: '', effectComparison: '' },
    authors: [
      {
        personId: me.id,
        fullName: me.fullName,
        birthDate: '',
        workplace: '',
        jobTitle: '',
        qualification: '',
        share: '100',
      },
    ],
  };
}

/** The form's values from a filed dossier (for an amendment). */
export function draftOf(d: Dossier): DossierDraft {
  return {
    title: d.title,
    unitId: d.unitId,
    field: d.field,
    firstAppliedOn: d.firstAppliedOn,
    summary: d.summary,
    addressee: d.addressee ?? '',
    investor: d.investor ?? '',
    stateFunded: d.stateFunded ?? false,
    remunerationApplies: d.remunerationApplies ?? false,
    firstApplicationCompleted: d.firstApplicationCompleted ?? false,
    confidentialInfo: d.confidentialInfo ?? '',
    applicationConditions: d.applicationConditions ?? '',
    expectedBenefit: d.expectedBenefit ?? '',
    participants: (d.firstApplicationParticipants ?? []).join('\n'),
    description: {
      priorState: d.description?.priorState ?? '',
      purpose: d.description?.purpose ?? '',
      content: d.description?.content ?? '',
      applicability: d.description?.applicability ?? '',
      effectComparison: d.description?.effectComparison ?? '',
    },
    authors: d.authors.map((a) => ({
      ...(a.personId ? { personId: a.personId } : {}),
      fullName: a.fullName,
      birthDate: a.birthDate ?? '',
      workplace: a.workplace ?? '',
      jobTitle: a.jobTitle ?? '',
      qualification: a.qualification ?? '',
      share: String(a.sharePercent).replace('.', ','),
    })),
  };
}

const opt = (s: string) => (s.trim() ? s : undefined);
/** A number as typed in Vietnamese (decimal comma). */
export const num = (s: string) => Number(s.replace(',', '.').trim());

/** The dossier as the API takes it (empty optional fields left out). */
export function toDossier(v: DossierDraft) {
  const description = Object.fromEntries(Object.entries(v.description).filter(([, t]) => t.trim()));
  const participants = v.participants
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    title: v.title,
    unitId: v.unitId,
    field: v.field,
    firstAppliedOn: v.firstAppliedOn,
    summary: v.summary,
    authors: v.authors.map((a) => ({
      ...(a.personId ? { personId: a.personId } : {}),
      fullName: a.fullName,
      ...(a.birthDate ? { birthDate: a.birthDate } : {}),
      ...(opt(a.workplace) ? { workplace: a.workplace } : {}),
      ...(opt(a.jobTitle) ? { jobTitle: a.jobTitle } : {}),
      ...(opt(a.qualification) ? { qualification: a.qualification } : {}),
      sharePercent: num(a.share),
    })),
    ...(opt(v.addressee) ? { addressee: v.addressee } : {}),
    ...(opt(v.investor) ? { investor: v.investor } : {}),
    stateFunded: v.stateFunded,
    remunerationApplies: v.remunerationApplies,
    firstApplicationCompleted: v.firstApplicationCompleted,
    ...(opt(v.confidentialInfo) ? { confidentialInfo: v.confidentialInfo } : {}),
    ...(opt(v.applicationConditions) ? { applicationConditions: v.applicationConditions } : {}),
    ...(opt(v.expectedBenefit) ? { expectedBenefit: v.expectedBenefit } : {}),
    ...(participants.length ? { firstApplicationParticipants: participants } : {}),
    ...(Object.keys(description).length ? { description } : {}),
  };
}

/** Field errors of the form by the API's paths (`authors.0.sharePercent`), from the shared schema. */
export function checkDossier(v: DossierDraft): Record<string, string> {
  const result = createInitiativeSchema.safeParse(toDossier(v));
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.map(String).join('.') || '_'] ??= issue.message;
  if (!v.firstAppliedOn) errors['firstAppliedOn'] = 'Chọn ngày áp dụng lần đầu';
  return errors;
}

export type DossierBody = z.input<typeof createInitiativeSchema>;
