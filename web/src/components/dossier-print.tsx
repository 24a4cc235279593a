/** The case's dossier printed as the application form (TT18 Phụ lục I) with its description: PDF and DOCX. */
import { api, call } from '../api/client';
import { DownloadButton } from './download';

export function DossierPrint({ id, code }: { id: string; code: string }) {
  return (
    <>
      {(['pdf', 'docx'] as const).map((format) => (
        <DownloadButton
          key={format}
          href={`/api/v1/initiatives/${encodeURIComponent(id)}/print.${format}`}
          filename={`don-yeu-cau-cong-nhan-sang-kien-${code}.${format}`}
          label={format === 'pdf' ? 'In hồ sơ (PDF)' : 'Tải đơn (DOCX)'}
          fetchBlob={() =>
            format === 'pdf'
              ? call(() =>
                  api.GET('/api/v1/initiatives/{id}/print.pdf', {
                    params: { path: { id } },
                    parseAs: 'blob',
                  }),
                )
              : call(() =>
                  api.GET('/api/v1/initiatives/{id}/print.docx', {
                    params: { path: { id } },
                    parseAs: 'blob',
                  }),
                )
          }
        />
      ))}
    </>
  );
}
