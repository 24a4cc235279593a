/** The two formats every document downloads in, with their media types and renderers. */
import { renderDocx } from './docx';
import { renderPdf } from './pdf';

export const DOC_FORMATS = {
  pdf: { contentType: 'application/pdf', render: renderPdf },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderDocx,
  },
} as const;
