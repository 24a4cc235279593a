/**
 * Thành tích: my recognised initiatives; a unit head's unit; for the commune's officers, the year's review table for
 * the emulation council. Each list downloads as a spreadsheet.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { DownloadButton } from '../components/download';
import { QueryStatus } from '../components/feedback';
import { PageTitle } from '../components/layout';
import { formatDate, formatMoney } from '../format';
import { useSession } from '../session';
import type { paths } from '../api/schema';
import { useUnits } from './admin/shared';

type Item =
  paths['/api/v1/achievements']['get']['responses']['200']['content']['application/json']['items'][number];
const thisYear = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4));

/** An author's remuneration for one initiative: paid of owed, what is outstanding, and whether a year is overdue. */
function Remuneration({ r }: { r: Item['remuneration'] }) {
  if (!r) return <>—</>;
  return (
    <>
      Đã trả {formatMoney(r.paidVnd)} / phải trả {formatMoney(r.owedVnd)}
      <br />
      <span className="meta">Còn phải trả {formatMoney(r.outstandingVnd)}</span>
      {r.yearsNotAssessed > 0 && (
        <span className="meta">
          {' '}
          · {r.yearsNotAssessed}/{r.years} năm chưa xác định số tiền
        </span>
      )}
      {r.overdue && (
        <>
          {' '}
          <span className="tag tag-bad">Quá hạn chi trả</span>
        </>
      )}
    </>
  );
}

function Records({ items, who }: { items: Item[]; who: boolean }) {
  if (items.length === 0) return <p className="meta">Chưa có sáng kiến nào được công nhận.</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Bảng thành tích">
      <table>
        <thead>
          <tr>
            <th scope="col">Năm</th>
            {who && <th scope="col">Tác giả</th>}
            <th scope="col">Sáng kiến</th>
            <th scope="col">Tỷ lệ đóng góp</th>
            <th scope="col">Mức</th>
            <th scope="col">Phạm vi ảnh hưởng</th>
            <th scope="col">Hiệu quả</th>
            <th scope="col">Quyết định</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Thù lao</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.initiativeId}:${i.personId ?? i.fullName}`}>
              <td>{i.year}</td>
              {who && <td>{i.fullName}</td>}
              <td>{i.code ? `${i.code} – ${i.title}` : i.title}</td>
              <td>{i.sharePercent}%</td>
              <td>{i.level ?? '—'}</td>
              <td>{i.scope === 'PROVINCE' ? 'Đề nghị cấp tỉnh' : 'Cấp xã'}</td>
              <td>{i.effect === 'EFFECTIVE' ? 'Có hiệu quả' : i.effect ? 'Không hiệu quả' : '—'}</td>
              <td>{i.decisionNumber ? `${i.decisionNumber}, ${formatDate(i.decisionDate)}` : '—'}</td>
              <td>
                {i.revoked ? (
                  <span className="tag tag-bad">Đã hủy bỏ công nhận</span>
                ) : (
                  <span className="tag tag-ok">Được công nhận</span>
                )}
              </td>
              <td>
                <Remuneration r={i.remuneration} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function List({ title, query, who }: { title: string; query: { unitId?: string }; who: boolean }) {
  const list = useQuery({
    queryKey: ['achievements', query],
    queryFn: () => call(() => api.GET('/api/v1/achievements', { params: { query } })),
  });
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <QueryStatus query={list} what="thành tích" />
      {list.data && <Records items={list.data.items} who={who} />}
      <DownloadButton
        href={`/api/v1/achievements.xlsx?${new URLSearchParams(query).toString()}`}
        filename="thanh-tich-sang-kien.xlsx"
        label="Tải bảng tính (XLSX)"
        fetchBlob={() =>
          call(() => api.GET('/api/v1/achievements.xlsx', { params: { query }, parseAs: 'blob' }))
        }
      />
    </section>
  );
}

function Review() {
  const [year, setYear] = useState(thisYear);
  const units = useUnits();
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const review = useQuery({
    queryKey: ['achievements', 'review', year],
    queryFn: () => call(() => api.GET('/api/v1/achievements/review', { params: { query: { year } } })),
  });
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">Tổng hợp năm cho Hội đồng Thi đua – Khen thưởng</h2>
      <label htmlFor="review-year">Năm </label>
      <select id="review-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {[0, 1, 2, 3].map((d) => (
          <option key={d} value={thisYear - d}>
            {thisYear - d}
          </option>
        ))}
      </select>
      <QueryStatus query={review} what="bảng tổng hợp" />
      {review.data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Bảng tổng hợp năm">
          <table>
            <caption>Cá nhân có sáng kiến được công nhận năm {year}</caption>
            <thead>
              <tr>
                <th scope="col">Họ và tên</th>
                <th scope="col">Số sáng kiến</th>
                <th scope="col">Sáng kiến</th>
              </tr>
            </thead>
            <tbody>
              {review.data.people.map((p) => (
                <tr key={p.personId ?? p.fullName}>
                  <td>{p.fullName}</td>
                  <td>{p.initiatives}</td>
                  <td>{p.titles.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Đơn vị có sáng kiến được công nhận năm {year}</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Số sáng kiến</th>
                <th scope="col">Số tác giả</th>
              </tr>
            </thead>
            <tbody>
              {review.data.units.map((u) => (
                <tr key={u.unitId}>
                  <td>{unitName(u.unitId)}</td>
                  <td>{u.initiatives}</td>
                  <td>{u.authors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="actions-row">
        {(['pdf', 'docx'] as const).map((f) => (
          <DownloadButton
            key={f}
            href={`/api/v1/achievements/review.${f}?year=${year}`}
            filename={`tong-hop-thanh-tich-${year}.${f}`}
            label={`Tải bảng tổng hợp (${f.toUpperCase()})`}
            fetchBlob={() =>
              call(() =>
                api.GET(`/api/v1/achievements/review.${f}` as '/api/v1/achievements/review.pdf', {
                  params: { query: { year } },
                  parseAs: 'blob',
                }),
              )
            }
          />
        ))}
      </p>
      <DownloadButton
        href={`/api/v1/achievements/review.xlsx?year=${year}`}
        filename={`tong-hop-thanh-tich-${year}.xlsx`}
        label="Tải bảng tính (XLSX)"
        fetchBlob={() =>
          call(() =>
            api.GET('/api/v1/achievements/review.xlsx', { params: { query: { year } }, parseAs: 'blob' }),
          )
        }
      />
    </section>
  );
}

export default function AchievementsPage() {
  const { person, has } = useSession();
  const officer = has('SUPERVISOR', 'CHAIRMAN', 'SECRETARY', 'ADMIN');
  const headOf = has('UNIT_HEAD') ? (person?.unitIds ?? []) : [];
  return (
    <>
      <PageTitle lead="Sáng kiến được công nhận của từng tác giả, căn cứ xét thi đua, khen thưởng; mỗi sáng kiến tính một lần cho mỗi tác giả.">
        Thành tích sáng kiến
      </PageTitle>
      {officer ? (
        <>
          <Review />
          <List title="Tất cả thành tích" query={{}} who />
        </>
      ) : (
        <>
          <List title="Của tôi" query={{}} who={false} />
          {headOf.map((unitId) => (
            <List key={unitId} title="Của đơn vị tôi phụ trách" query={{ unitId }} who />
          ))}
        </>
      )}
    </>
  );
}
