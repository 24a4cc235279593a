/**
 * Who signs a decision of the commune's People's Committee, and in what capacity (NĐ30/2020 Art. 8 and Phụ lục I:
 * the signer's authority line). The capacity comes from the offices a person holds and the delegations they have
 * been given, never from what they type. Pure and workflow-safe.
 */

/** The People's Committee's offices that sign its decisions. */
export type SigningOffice = 'CHU_TICH' | 'PHO_CHU_TICH';

/** Offices held for a term: the People's Committee's signing offices, and the head of a unit (thủ trưởng đơn vị). */
export type Office = SigningOffice | 'THU_TRUONG_DON_VI';

/** A term in office: who holds it, from when to when (Vietnam dates, `to` inclusive), on what basis. */
export interface OfficeTerm {
  id: string;
  office: Office;
  personId: string;
  /** The unit a unit head's term is for. */
  unitId?: string;
  from: string;
  to: string | null;
  basis: string;
}

/** A delegation: a vice-chairman signs for the chairman ("KT. CHỦ TỊCH") in a field, for a period, on a basis. */
export interface Delegation {
  id: string;
  personId: string;
  /** What it covers, as the assignment says it (e.g. "Khoa học, công nghệ và sáng kiến"). */
  scope: string;
  from: string;
  to: string | null;
  basis: string;
}

/** The capacity a decision is signed in, recorded with the decision and printed on its documents. */
export interface SigningAuthority {
  office: SigningOffice;
  /** The term in office it rests on. */
  termId: string;
  /** "KT. CHỦ TỊCH" when a vice-chairman signs for the chairman; null when the chairman signs. */
  authority: 'KT. CHỦ TỊCH' | null;
  title: 'CHỦ TỊCH' | 'PHÓ CHỦ TỊCH';
  delegation: Delegation | null;
}

const current = (t: { from: string; to: string | null }, date: string) =>
  t.from <= date && (t.to === null || date <= t.to);

/** The capacity a person signs in on a date, or why they may not sign. */
export function signingAuthority(
  personId: string,
  date: string,
  terms: readonly OfficeTerm[],
  delegations: readonly Delegation[],
): SigningAuthority | { code: 'NO_SIGNING_OFFICE' | 'NO_DELEGATION'; message: string } {
  const held = terms.filter((t) => t.personId === personId && current(t, date));
  const chair = held.find((t) => t.office === 'CHU_TICH');
  if (chair)
    return { office: 'CHU_TICH', termId: chair.id, authority: null, title: 'CHỦ TỊCH', delegation: null };
  const vice = held.find((t) => t.office === 'PHO_CHU_TICH');
  if (!vice)
    return {
      code: 'NO_SIGNING_OFFICE',
      message:
        'Bạn không giữ chức vụ Chủ tịch hoặc Phó Chủ tịch UBND xã vào ngày ký nên không ký được văn bản này.',
    };
  const delegation = delegations.find((d) => d.personId === personId && current(d, date));
  if (!delegation)
    return {
      code: 'NO_DELEGATION',
      message: 'Phó Chủ tịch chỉ ký thay Chủ tịch khi có phân công (ủy quyền) còn hiệu lực vào ngày ký.',
    };
  return {
    office: 'PHO_CHU_TICH',
    termId: vice.id,
    authority: 'KT. CHỦ TỊCH',
    title: 'PHÓ CHỦ TỊCH',
    delegation,
  };
}

/** Why a declared capacity differs from the one the directory gives, or null when they agree. */
export function declaredCapacityProblem(
  declared: SigningOffice | undefined,
  derived: SigningAuthority,
): string | null {
  if (declared === undefined || declared === derived.office) return null;
  return derived.office === 'CHU_TICH'
    ? 'Chủ tịch UBND xã ký với chức danh "CHỦ TỊCH", không ký thay ("KT. CHỦ TỊCH").'
    : 'Phó Chủ tịch ký thay Chủ tịch ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), không ký với chức danh "CHỦ TỊCH".';
}

/** True when a capacity is one the rules allow (checked again by the workflow: the gateway builds it). */
export function isValidAuthority(s: SigningAuthority | undefined): s is SigningAuthority {
  if (!s || typeof s !== 'object' || typeof s.termId !== 'string') return false;
  if (s.office === 'CHU_TICH') return s.authority === null && s.title === 'CHỦ TỊCH' && s.delegation === null;
  return (
    s.office === 'PHO_CHU_TICH' &&
    s.authority === 'KT. CHỦ TỊCH' &&
    s.title === 'PHÓ CHỦ TỊCH' &&
    !!s.delegation
  );
}

/** The authority line as a person reads it in the record ("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"). */
export function describeAuthority(s: SigningAuthority): string {
  return s.authority ? `${s.authority}, ${s.title}` : s.title;
}

/**
 * The capacity of a decision: the one the gateway derived, or for an Update recorded before that (a replayed history)
 * the declared title, marked as resting on no recorded term.
 */
export function recordedAuthority(args: {
  signer?: SigningAuthority;
  signerTitle?: SigningOffice;
}): SigningAuthority {
  if (args.signer) return args.signer;
  return args.signerTitle === 'PHO_CHU_TICH'
    ? {
        office: 'PHO_CHU_TICH',
        termId: 'unrecorded',
        authority: 'KT. CHỦ TỊCH',
        title: 'PHÓ CHỦ TỊCH',
        delegation: null,
      }
    : { office: 'CHU_TICH', termId: 'unrecorded', authority: null, title: 'CHỦ TỊCH', delegation: null };
}

/** The unit-head term a unit head acts in, recorded with their decisions on the unit's cases. */
export interface ActingOffice {
  office: 'THU_TRUONG_DON_VI';
  termId: string;
  unitId: string;
  basis: string;
}

/**
 * The term a person acts in as head of a unit on a date. Where the directory records the unit's heads, acting needs a
 * current term (a head whose term has ended, or who was never appointed, is refused); a unit whose heads are not
 * recorded yet relies on the directory's role alone (null).
 */
export function unitHeadOffice(
  personId: string,
  unitId: string,
  date: string,
  terms: readonly OfficeTerm[],
): ActingOffice | null | { code: 'NO_UNIT_HEAD_TERM'; message: string } {
  const unitTerms = terms.filter((t) => t.office === 'THU_TRUONG_DON_VI' && t.unitId === unitId);
  if (unitTerms.length === 0) return null;
  const held = unitTerms.find((t) => t.personId === personId && current(t, date));
  if (!held)
    return {
      code: 'NO_UNIT_HEAD_TERM',
      message:
        'Theo danh mục chức vụ, bạn không giữ chức thủ trưởng đơn vị này vào ngày hôm nay nên không thực hiện được thao tác này.',
    };
  return { office: 'THU_TRUONG_DON_VI', termId: held.id, unitId, basis: held.basis };
}
