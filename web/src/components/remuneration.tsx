/**
 * The case page's "Thù lao" section (NĐ13 Art. 10; src/gateway/routes/remuneration.ts): each year of the schedule
 * with what is owed (and how it was reached, with its legal basis), paid and outstanding, per author; the payments
 * with their evidence; and for the head of the investing unit, the forms to set a year's amount and to record a
 * payment.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InitiativeState } from '../../../src/contracts/initiative';
import { api, call, download } from '../api/client';
import { formatDate, formatMoney } from '../format';
import { DoneNotice, QueryStatus } from './feedback';
import { AssessmentForm, PaymentForm, type Ledger } from './remuneration-forms';

type Year = Ledger['years'][number];

function YearTag({ y }: { y: Year }) {
  if (y.status === 'PAID') return <span className="tag tag-ok">Đã trả đủ</span>;
  if (y.overdue) return <span className="tag tag-bad">Quá hạn chi trả</span>;
  if (y.dueSoon) return <span className="tag tag-warn">Sắp đến hạn</span>;
  if (y.status === 'NOT_ASSESSED') return <span className="tag tag-muted">Chưa xác định số tiền</span>;
  return <span className="tag tag-muted">Chưa đến hạn</span>;
}

function YearBlock({ y }: { y: Year }) {
  return (
    <section aria-labelledby={`thu-lao-nam-${y.year}`} className="remuneration-year">
      <h3 id={`thu-lao-nam-${y.year}`}>
        Năm áp dụng thứ {y.year}{' '}
        <span className="meta">
          ({formatDate(y.periodFrom)} – {formatDate(y.periodTo)})
        </span>{' '}
        <YearTag y={y} />
      </h3>
      <p>
        <strong>Hạn chi trả:</strong> {formatDate(y.dueBy)}
      </p>
      {y.assessment ? (
        <p>
          <strong>Số phải trả:</strong> {formatMoney(y.owedVnd)}{' '}
          {y.assessment.basis === 'BENEFIT'
            ? `(tiền làm lợi của năm ${formatMoney(y.assessment.benefitVnd)})`
            : `(không tính được tiền làm lợi; mức lương làm căn cứ ${formatMoney(y.assessment.referenceWageVnd)})`}
          <br />
          <span className="meta">
            Căn cứ: {y.basisText} Xác định ngày {formatDate(y.assessment.at)} bởi {y.assessment.by.fullName}
            {y.assessment.note ? `; ${y.assessment.note}` : ''}.
          </span>
        </p>
      ) : (
        <p>Đơn vị chưa xác định số tiền thù lao của năm này.</p>
      )}
      <table className="responsive">
        <caption className="visually-hidden">Thù lao năm thứ {y.year} theo tác giả</caption>
        <thead>
          <tr>
            <th scope="col">Tác giả</th>
            <th scope="col" className="num">
              Tỷ lệ đóng góp
            </th>
            <th scope="col" className="num">
              Phải trả
            </th>
            <th scope="col" className="num">
              Đã trả
            </th>
            <th scope="col" className="num">
              Còn phải trả
            </th>
          </tr>
        </thead>
        <tbody>
          {y.authors.map((a) => (
            <tr key={a.key}>
              <td data-label="Tác giả">{a.fullName}</td>
              <td data-label="Tỷ lệ đóng góp" className="num">
                {a.sharePercent}%
              </td>
              <td data-label="Phải trả" className="num">
                {formatMoney(a.owedVnd)}
              </td>
              <td data-label="Đã trả" className="num">
                {formatMoney(a.paidVnd)}
              </td>
              <td data-label="Còn phải trả" className="num">
                {formatMoney(a.outstandingVnd)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Payments({ id, ledger }: { id: string; ledger: Ledger }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (ledger.payments.length === 0) return <p>Chưa ghi nhận khoản chi trả nào.</p>;
  return (
    <>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <table className="responsive">
        <caption className="visually-hidden">Các khoản đã chi trả</caption>
        <thead>
          <tr>
            <th scope="col">Ngày chi</th>
            <th scope="col">Năm</th>
            <th scope="col">Tác giả nhận</th>
            <th scope="col" className="num">
              Số tiền
            </th>
            <th scope="col">Người ghi nhận</th>
            <th scope="col">Chứng từ</th>
          </tr>
        </thead>
        <tbody>
          {ledger.payments.map((p) => (
            <tr key={p.seq}>
              <td data-label="Ngày chi">{formatDate(p.paidOn)}</td>
              <td data-label="Năm">Thứ {p.year}</td>
              <td data-label="Tác giả nhận">{p.authorName}</td>
              <td data-label="Số tiền" className="num">
                {formatMoney(p.amountVnd)}
              </td>
              <td data-label="Người ghi nhận">{p.by.fullName}</td>
              <td data-label="Chứng từ">
                {p.evidence.reference}
                {p.evidence.attachment && (
                  <>
                    {p.evidence.reference ? ' · ' : ''}
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() =>
                        void download(
                          `/api/v1/initiatives/${encodeURIComponent(id)}/attachments/${encodeURIComponent(p.evidence.attachment!.id)}`,
                          p.evidence.attachment!.filename,
                        ).catch((err: unknown) =>
                          setProblem(err instanceof Error ? err.message : 'Không tải được.'),
                        )
                      }
                    >
                      {p.evidence.attachment.filename}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The section; nothing when remuneration does not apply to the case. */
export function RemunerationSection({ state }: { state: InitiativeState }) {
  const id = state.initiativeId;
  const scheduled = state.remunerationSchedule.length > 0;
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const ledger = useQuery({
    queryKey: ['remuneration', id],
    queryFn: () => call(() => api.GET('/api/v1/initiatives/{id}/remuneration', { params: { path: { id } } })),
    enabled: scheduled,
  });
  if (!scheduled && !state.dossier.remunerationApplies) return null;
  const after = (text: string) => {
    setDone(text);
    void queryClient.invalidateQueries({ queryKey: ['remuneration', id] });
    void queryClient.invalidateQueries({ queryKey: ['achievements'] });
  };
  return (
    <section className="card" aria-labelledby="h-remuneration">
      <h2 id="h-remuneration">Thù lao</h2>
      {!scheduled ? (
        <p>
          Hồ sơ đề nghị trả thù lao cho tác giả; lịch chi trả được lập khi sáng kiến được công nhận (Điều 10
          Nghị định 13/2012/NĐ-CP).
        </p>
      ) : (
        <>
          <QueryStatus query={ledger} what="thù lao" />
          {ledger.data && (
            <>
              {ledger.data.revoked && (
                <p className="notice notice-warn">
                  Quyết định công nhận đã bị hủy bỏ: không phát sinh thêm nghĩa vụ trả thù lao.
                </p>
              )}
              <dl className="facts" aria-label="Tổng hợp thù lao">
                <dt>Phải trả</dt>
                <dd>{formatMoney(ledger.data.totals.owedVnd)}</dd>
                <dt>Đã trả</dt>
                <dd>{formatMoney(ledger.data.totals.paidVnd)}</dd>
                <dt>Còn phải trả</dt>
                <dd data-testid="thu-lao-con-phai-tra">{formatMoney(ledger.data.totals.outstandingVnd)}</dd>
              </dl>
              {!ledger.data.verified && (
                <p className="tag tag-bad">Cảnh báo: chuỗi băm của sổ thù lao không khớp</p>
              )}
              {ledger.data.years.map((y) => (
                <YearBlock key={y.year} y={y} />
              ))}
              <h3>Các khoản đã chi trả</h3>
              <Payments id={id} ledger={ledger.data} />
              <details>
                <summary>Căn cứ pháp lý</summary>
                <ul>
                  <li>{ledger.data.basis.applicability}</li>
                  <li>{ledger.data.basis.percent}</li>
                  <li>{ledger.data.basis.floor}</li>
                  <li>{ledger.data.basis.dueDate}</li>
                  <li>{ledger.data.basis.split}</li>
                  <li>
                    Nhắc thủ trưởng đơn vị {ledger.data.reminderLeadDays} ngày trước hạn chi trả và khi quá
                    hạn (quy định của xã).
                  </li>
                </ul>
              </details>
              <DoneNotice text={done} />
              {ledger.data.mayRecord && (
                <>
                  <AssessmentForm id={id} ledger={ledger.data} onDone={after} />
                  <PaymentForm id={id} ledger={ledger.data} onDone={after} />
                </>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
