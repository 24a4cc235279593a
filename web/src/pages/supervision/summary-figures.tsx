/** The summary report's figures for a period: cases filed, recognised, replicated, effect and money saved. */
import { Link } from 'react-router';
import { formatDate, formatMoney, formatNumber } from '../../format';
import { statusCounts, type Summary } from './shared';

export function SummaryFigures({ data, unitName }: { data: Summary; unitName: (id: string) => string }) {
  const units = Object.entries(data.byUnit).sort((a, b) => b[1] - a[1]);
  const statuses = Object.entries(data.byStatus);
  return (
    <>
      <dl className="facts report-facts">
        <dt>Hồ sơ nộp trong kỳ</dt>
        <dd>{formatNumber(data.filed)}</dd>
        <dt>Sáng kiến được công nhận</dt>
        <dd>{formatNumber(data.recognised.length)}</dd>
        <dt>Nhân rộng</dt>
        <dd>
          {formatNumber(data.replication.initiatives)} sáng kiến, tại{' '}
          {formatNumber(data.replication.adoptingUnits)} đơn vị
        </dd>
        <dt>Hiệu quả áp dụng</dt>
        <dd>
          {formatNumber(data.effect.effective)} có hiệu quả, {formatNumber(data.effect.notEffective)} chưa đạt
        </dd>
        <dt>Số tiền làm lợi</dt>
        <dd>{formatMoney(data.effect.monetaryBenefitVnd)}</dd>
        {statuses.length > 0 && (
          <>
            <dt>Theo tình trạng</dt>
            <dd>{statusCounts(data.byStatus)}</dd>
          </>
        )}
      </dl>
      {units.length > 0 && (
        <table className="responsive report-units">
          <caption>Hồ sơ nộp trong kỳ theo đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col" className="num">
                Số hồ sơ
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map(([id, n]) => (
              <tr key={id}>
                <td data-label="Đơn vị">{unitName(id)}</td>
                <td data-label="Số hồ sơ" className="num">
                  {formatNumber(n)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.recognised.length > 0 && (
        <>
          <h3>Sáng kiến được công nhận trong kỳ</h3>
          <ul className="list">
            {data.recognised.map((r) => (
              <li key={r.id}>
                <Link to={`/ho-so/${encodeURIComponent(r.id)}`} className="row-title">
                  {r.title}
                </Link>
                <div className="meta">
                  <span>{unitName(r.unitId)}</span>
                  <span>{r.authors}</span>
                  <span>
                    {r.decisionNumber ? `QĐ số ${r.decisionNumber}, ` : ''}ngày {formatDate(r.decisionDate)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
