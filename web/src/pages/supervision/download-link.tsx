/** A download link for an issued report (PDF or DOCX). */
import { api, call } from '../../api/client';
import { DownloadButton } from '../../components/download';

export function DownloadLink({ docId, format }: { docId: string; format: 'pdf' | 'docx' }) {
  return (
    <DownloadButton
      href={`/api/v1/reports/documents/${encodeURIComponent(docId)}/${format}`}
      filename={`bao-cao-tong-ket.${format}`}
      label={`Tải ${format.toUpperCase()}`}
      fetchBlob={() =>
        call(() =>
          api.GET('/api/v1/reports/documents/{docId}/{format}', {
            params: { path: { docId, format } },
            parseAs: 'blob',
          }),
        )
      }
    />
  );
}
