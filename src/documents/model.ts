/**
 * An administrative document with the components of Nghị định 30/2020/NĐ-CP Art. 8 (Phụ lục I): national title and
 * motto, issuing body, number and symbol, place and date, type and summary, content, signer's authority, title and
 * name, recipients. One model, rendered to PDF and DOCX by pdf.ts and docx.ts.
 */

/** A block of content. */
export type Block =
  | { kind: 'heading'; text: string; center?: boolean }
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] };

/** A document ready to render. */
export interface OfficialDocument {
  /**
   * Issuing body, top left: the superior body (regular) above the issuer (bold), both upper case. Absent on a person's
   * application (đơn, e.g. TT18 Phụ lục I), which has the national title and motto alone, centred.
   */
  issuer?: { superior?: string; name: string };
  /** "07/QĐ-UBND"; null for an unnumbered document. */
  number: string | null;
  place: string;
  date: Date;
  /**
   * Where the place and date go: under the motto (NĐ30, the default), or above the signature, as on an application
   * the person dates and signs at its end.
   */
  placeDate?: 'header' | 'signature';
  /** Type of document in capitals ("QUYẾT ĐỊNH"), or null for letters (công văn) without a type name. */
  type: string;
  summary?: string;
  /** "Kính gửi: …", centred under the type: whom an application or a letter is addressed to. */
  addressee?: string;
  /** The authority that issues a decision, printed under the summary ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …"). */
  authority?: string;
  /** Legal bases, one per line, in italics ("Căn cứ …;"; the last ends with "."). */
  bases?: string[];
  body: Block[];
  /**
   * Signer's authority, title and name. `note` replaces the "(Đã ký)" of an issued document: a form printed to be
   * signed by hand says "(Ký và ghi rõ họ tên)" and leaves room for the signature.
   */
  signer?: { authority?: string; title: string; name: string; note?: string };
  recipients?: string[];
  /** A line in small italics after the signature: what the paper is (e.g. a print of a dossier, not an issued document). */
  footnote?: string;
  annex?: { title: string; subtitle?: string; blocks: Block[] };
  /** Marked across the first page when a decision is revoked (never deleted). */
  revoked?: string;
}

/** "ngày 05 tháng 02 năm 2026": a zero before days below 10 and before months 1 and 2 (NĐ30 Phụ lục I). */
export function vietnameseDate(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const day = local.getUTCDate();
  const month = local.getUTCMonth() + 1;
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `ngày ${dd} tháng ${mm} năm ${local.getUTCFullYear()}`;
}

/** Money in VND with Vietnamese grouping ("1.500.000 đồng"). */
export function vnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(amount)} đồng`;
}

/** Legal bases end with ";" except the last, which ends with "." (NĐ30 Phụ lục I). */
export function basisLines(bases: readonly string[]): string[] {
  return bases.map((b, i) => `${b.replace(/[;.]\s*$/, '')}${i === bases.length - 1 ? '.' : ';'}`);
}
