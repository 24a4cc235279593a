/** Answers several route files give: a person as the API shows one, an issued document's stored bytes. */
import type { PersonRecord } from '../db/directory';
import type { IssuedDocument } from '../db/documents';
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
      contentType: pdf
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: pdf ? doc.pdf : doc.docx,
      filename: `${basename}.${format}`,
    },
  };
}
