/**
 * Answers several route files give: a person as the API shows one, an issued document's stored bytes, a document
 * rendered on demand.
 */
import type { PersonRecord } from '../db/directory';
import type { IssuedDocument } from '../db/documents';
import { DOC_FORMATS } from '../documents/formats';
import type { OfficialDocument } from '../documents/model';
import type { RouteResult } from './registry';

/** A person as the API shows one (never the password hash). */
export function toPerson(p: PersonRecord) {
  return {
    id: p._id,
    username: p.username,
    fullName: p.fullName,
    roles: p.roles,
    unitIds: p.unitIds,
    councilIds: p.councilIds,
    active: p.active,
  };
}

/** The answer that sends an issued document's stored bytes, with their SHA-256 and a revoked mark. */
export function documentFile(doc: IssuedDocument, format: 'pdf' | 'docx', basename: string): RouteResult {
  const pdf = format === 'pdf';
  return {
    status: 200,
    headers: {
      'X-Content-SHA256': pdf ? doc.pdfSha256 : doc.docxSha256,
      ...(doc.revokedAt ? { 'X-Document-Revoked': 'true' } : {}),
    },
    raw: {
      contentType: DOC_FORMATS[format].contentType,
      data: pdf ? doc.pdf : doc.docx,
      filename: `${basename}.${format}`,
    },
  };
}

/** The answer that sends a document rendered now (a print or a working paper: nothing kept, never cached). */
export async function renderedFile(
  doc: OfficialDocument,
  format: 'pdf' | 'docx',
  basename: string,
): Promise<RouteResult> {
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    raw: {
      contentType: DOC_FORMATS[format].contentType,
      data: await DOC_FORMATS[format].render(doc),
      filename: `${basename}.${format}`,
    },
  };
}
