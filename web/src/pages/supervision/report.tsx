/** Giám sát › Báo cáo tổng kết: the period (kept in the address), its figures, and issuing the BC-UBND report. */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call } from '../../api/client';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from '../../components/forms';
import { Failure, Loading } from '../../components/layout';
import { useSearchParam } from '../../components/search-params';
import { formatDate, todayInVietnam } from '../../format';
import { DownloadLink } from './download-link';
import { useUnitNames } from './shared';
import { SummaryFigures } from './summary-figures';

export function ReportSection() {
  const [params, setDate] = useSearchParam();
  const { name: unitName } = useUnitNames();
  const year = todayInVietnam().slice(0, 4);
  const from = params.get('tu') ?? `${year}-01-01`;
  const to = params.get('den') ?? `${year}-12-31`;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const order = valid && from > to ? 'Ngày bắt đầu phải trước ngày kết thúc' : undefined;
  const summary = useQuery({
    queryKey: ['report-summary', from, to],
    queryFn: () => call(() => api.GET('/api/v1/reports/summary', { params: { query: { from, to } } })),
    enabled: valid && !order,
  });
  const apiErrors = summary.error instanceof ApiError ? summary.error.fieldErrors() : {};

  const [issued, setIssued] = usePersistentState<
    Record<string, { documentId: string; number: string | null }>
  >('giam-sat:bao-cao', {});
  const issue = useAction(async (key) => {
    const res = await call(() =>
      api.POST('/api/v1/reports/summary', { body: { from, to }, headers: { 'Idempotency-Key': key } }),
    );
    setIssued((prev) => ({ ...prev, [`${from}:${to}`]: res }));
    return res;
  });
  const doc = issued[`${from}:${to}`];

  return (
    <section aria-labelledby="bao-cao">
      <h2 id="bao-cao">Báo cáo tổng kết</h2>
      <div className="card">
        <div className="inline-fields">
          <Field label="Từ ngày" error={apiErrors['from']} id="report-from">
            {(p) => <input {...p} type="date" value={from} onChange={(e) => setDate('tu', e.target.value)} />}
          </Field>
          <Field label="Đến ngày" error={order ?? apiErrors['to']} id="report-to">
            {(p) => <input {...p} type="date" value={to} onChange={(e) => setDate('den', e.target.value)} />}
          </Field>
        </div>
        <p className="meta">
          Kỳ báo cáo: {formatDate(from)} – {formatDate(to)}. Số hồ sơ tính theo ngày nộp; sáng kiến được công
          nhận tính theo ngày quyết định.
        </p>
        {summary.isPending && summary.fetchStatus !== 'idle' && <Loading what="số liệu báo cáo" />}
        {summary.isError && Object.keys(apiErrors).length === 0 && (
          <Failure error={summary.error} retry={() => void summary.refetch()} />
        )}
        {summary.data && <SummaryFigures data={summary.data} unitName={unitName} />}

        <h3>Lập báo cáo (văn bản BC-UBND)</h3>
        <ErrorSummary message={issue.message} errors={issue.errors} />
        <div className="actions-row">
          <Button
            onClick={() => void issue.submit()}
            pending={issue.pending}
            pendingText="Đang lập báo cáo…"
            disabled={!valid || !!order}
          >
            {doc ? 'Lập lại báo cáo cho kỳ này' : 'Lập báo cáo tổng kết'}
          </Button>
        </div>
        {doc && (
          <div className="notice notice-ok" role="status">
            <p>
              Đã lập báo cáo{doc.number ? ` số ${doc.number}` : ''} cho kỳ {formatDate(from)} –{' '}
              {formatDate(to)}.
            </p>
            <div className="actions-row">
              <DownloadLink docId={doc.documentId} format="pdf" />
              <DownloadLink docId={doc.documentId} format="docx" />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
