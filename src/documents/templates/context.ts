/**
 * What every document template reads: the entry that issues it, the case's state, and the parts the documents of
 * a case share (issuing bodies, date and place, authors, the signer's authority line).
 */
import type { InitiativeState } from '../../contracts/initiative';
import type { LegalEntryDraft } from '../../contracts/records';
import { recordedAuthority, type SigningAuthority } from '../../domain/signing';
import type { Block, OfficialDocument } from '../model';

/** The commune that issues the documents. */
export interface Commune {
  /** "Thanh Thủy" */
  name: string;
  /** "Phú Thọ" */
  province: string;
}

/** A document to issue: its key (once per case and occasion), numbering and content. */
export interface DocumentPlan {
  key: string;
  kind: string;
  title: string;
  /** Numbering series (unique per issuer), or null for an unnumbered document. */
  series: string | null;
  /** The symbol printed after the number ("QĐ-UBND"). */
  symbol: string | null;
  /** A number given elsewhere: the receipt carries the dossier's register number. */
  fixedNumber?: string;
  signerName: string | null;
  /** On a score sheet: the member who scored. The sheet is sealed until the scores open (src/domain/access.ts). */
  scorerId?: string;
  build: (number: string | null) => OfficialDocument;
}

/** The legal bases every decision of the commune on an initiative cites. */
export const BASES_NĐ13 = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
  'Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ Sáng kiến',
  'Căn cứ Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013 của Bộ Khoa học và Công nghệ hướng dẫn thi hành một số quy định của Điều lệ Sáng kiến',
];

/** The shared parts of the documents an entry issues. */
export function templateContext(
  entry: LegalEntryDraft,
  state: InitiativeState,
  ctx: { commune: Commune; unitName: (id: string) => string },
) {
  const ubnd = { name: `Ủy ban nhân dân\nxã ${ctx.commune.name}` };
  const council = { superior: `Ủy ban nhân dân\nxã ${ctx.commune.name}`, name: 'Hội đồng sáng kiến' };
  const date = new Date(entry.at);
  const place = ctx.commune.name;
  const d = state.dossier;
  const authors = d.authors.map((a) => `${a.fullName} (${a.sharePercent}%)`).join(', ');
  const unit = ctx.unitName(d.unitId);
  const key = (kind: string, suffix = '') => `${state.initiativeId}:${kind}${suffix}`;
  // The case's short code, as people quote it when they ask about their dossier.
  const caseCode = state.code ? [p(`Mã hồ sơ: ${state.code}.`)] : [];
  // The authority line and title come from the office the signer held (src/domain/signing.ts), never from a request.
  const chairmanSigner = (s: SigningAuthority) =>
    s.authority
      ? { authority: s.authority, title: s.title, name: entry.actorName }
      : { title: s.title, name: entry.actorName };
  // A vice-chairman signs for the chairman on the basis of a delegation: the document names it.
  const delegationBasis = (s: SigningAuthority) =>
    s.delegation ? [`Căn cứ ${s.delegation.basis} (phân công ký thay Chủ tịch: ${s.delegation.scope})`] : [];
  const decisionSigner = recordedAuthority(state.decision ?? {});
  const recipientsUbnd = ['Như Điều 3', 'Lưu: VT, VHXH'];
  return {
    entry,
    state,
    commune: ctx.commune,
    ubnd,
    council,
    date,
    place,
    d,
    authors,
    unit,
    key,
    caseCode,
    chairmanSigner,
    delegationBasis,
    decisionSigner,
    recipientsUbnd,
  };
}

/** What a template receives. */
export type TemplateContext = ReturnType<typeof templateContext>;

/** A detail of an entry as text (details are free-form). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** A paragraph. */
export function p(text: string, o: { bold?: boolean; italic?: boolean } = {}): Block {
  return { kind: 'paragraph', text, ...o };
}
