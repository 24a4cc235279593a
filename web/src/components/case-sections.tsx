/** Read-only parts of the case page: stepper, facts, council, effect, decision, replication. */
import { Link } from 'react-router';
import type { InitiativeState, Stage } from '../../../src/contracts/initiative';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../format';
import { POSITION_VI, STAGE_ORDER, STAGE_VI, VOTE_VI } from '../labels';

/** The five stages with the current one marked (aria-current) and finished ones ticked. */
export function StageStepper({ state }: { state: InitiativeState }) {
  const current = STAGE_ORDER.indexOf(state.stage);
  const closed = state.status !== 'OPEN';
  const entered = (s: Stage) => state.stageLog.find((l) => l.stage === s)?.enteredAt;
  return (
    <ol className="stepper" aria-label="Các giai đoạn của hồ sơ">
      {STAGE_ORDER.map((s, i) => {
        const done = i < current || (closed && state.status === 'COMPLETED' && i <= current);
        const isCurrent = i === current && !closed;
        return (
          <li
            key={s}
            className={done ? 'done' : isCurrent ? 'current' : ''}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <span className="num" aria-hidden="true">
              {done ? '✓' : i + 1}
            </span>
            <span>{STAGE_VI[s]}</span>
            <span className="state">
              {done
                ? 'Đã xong'
                : isCurrent
                  ? 'Đang thực hiện'
                  : i === current && closed
                    ? 'Dừng tại đây'
                    : 'Chưa đến'}
              {entered(s) && (isCurrent || done) ? ` · từ ${formatDate(entered(s))}` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function DossierFacts({ state, units }: { state: InitiativeState; units: Map<string, string> }) {
  const d = state.dossier;
  return (
    <section className="card" aria-labelledby="h-dossier">
      <h2 id="h-dossier">Hồ sơ (bản {state.dossierVersion})</h2>
      <dl className="facts">
        <dt>Đơn vị</dt>
        <dd>{units.get(d.unitId) ?? d.unitId}</dd>
        <dt>Lĩnh vực</dt>
        <dd>{d.field}</dd>
        <dt>Áp dụng lần đầu</dt>
        <dd>{formatDate(d.firstAppliedOn)}</dd>
        <dt>Người nộp</dt>
        <dd>{state.filedBy.fullName}</dd>
        <dt>Ngày nộp</dt>
        <dd>{formatDateTime(state.filedAt)}</dd>
        {state.registration && (
          <>
            <dt>Số vào sổ</dt>
            <dd>{state.registration.registerNo}</dd>
            <dt>Ngày hẹn trả kết quả</dt>
            <dd>{formatDate(state.registration.expectedReplyBy)}</dd>
          </>
        )}
        {state.round && (
          <>
            <dt>Đợt xét</dt>
            <dd>
              <Link to={`/dot-xet/${encodeURIComponent(state.round.id)}`}>{state.round.name}</Link>
            </dd>
          </>
        )}
        <dt>Bộ quy tắc áp dụng</dt>
        <dd>Phiên bản {state.rulePackVersion}</dd>
      </dl>
      <h3>Tóm tắt</h3>
      <p className="prose">{d.summary}</p>
      <h3>Tác giả</h3>
      <ul>
        {d.authors.map((a, i) => (
          <li key={i}>
            {a.fullName} — {formatNumber(a.sharePercent)}%{a.jobTitle ? `, ${a.jobTitle}` : ''}
            {a.workplace ? `, ${a.workplace}` : ''}
          </li>
        ))}
      </ul>
      {d.description && (
        <details>
          <summary>Bản mô tả sáng kiến</summary>
          {(
            [
              ['priorState', 'Tình trạng giải pháp đã biết'],
              ['purpose', 'Mục đích'],
              ['content', 'Nội dung giải pháp'],
              ['applicability', 'Khả năng áp dụng'],
              ['effectComparison', 'Hiệu quả so với trước'],
            ] as const
          ).map(([k, label]) =>
            d.description?.[k] ? (
              <div key={k}>
                <h4>{label}</h4>
                <p className="prose">{d.description[k]}</p>
              </div>
            ) : null,
          )}
        </details>
      )}
      {d.confidentialInfo && (
        <p className="notice notice-warn">
          <strong>Thông tin bảo mật:</strong> {d.confidentialInfo}
        </p>
      )}
    </section>
  );
}

export function CouncilSection({
  state,
  rubric,
}: {
  state: InitiativeState;
  rubric: { key: string; label: string; max: number }[];
}) {
  const c = state.council;
  if (!c) return null;
  const sheets = Object.entries(state.scores);
  const scorers = c.members.filter((m) => !c.recused.includes(m.personId));
  return (
    <section className="card" aria-labelledby="h-council">
      <h2 id="h-council">Hội đồng sáng kiến thẩm định</h2>
      <p className="meta">
        <span>Thành lập {formatDate(c.formedAt)}</span>
        <span>
          {sheets.length + (state.sealedScorers?.length ?? 0)}/{scorers.length} thành viên đã chấm
        </span>
        {state.meanScore !== null && <span>Điểm trung bình {formatNumber(state.meanScore)}</span>}
      </p>
      <table className="responsive">
        <thead>
          <tr>
            <th scope="col">Thành viên</th>
            <th scope="col">Chức danh</th>
            <th scope="col">Phiếu chấm</th>
          </tr>
        </thead>
        <tbody>
          {c.members.map((m) => {
            const sheet = state.scores[m.personId];
            return (
              <tr key={m.personId}>
                <td data-label="Thành viên">{m.fullName}</td>
                <td data-label="Chức danh">{POSITION_VI[m.position] ?? m.position}</td>
                <td data-label="Phiếu chấm">
                  {c.recused.includes(m.personId) ? (
                    <span className="tag tag-muted">Không chấm (xung đột lợi ích)</span>
                  ) : sheet ? (
                    <>
                      <strong>{formatNumber(sheet.total)} điểm</strong>{' '}
                      <span className="meta">
                        {rubric.map((r) => `${r.label}: ${formatNumber(sheet.scores[r.key])}`).join('; ')}
                      </span>
                    </>
                  ) : state.sealedScorers?.includes(m.personId) ? (
                    <span className="tag tag-muted">
                      {state.scoresRevealed
                        ? 'Đã chấm · phiếu chỉ Hội đồng và lãnh đạo xã xem'
                        : 'Đã chấm · phiếu niêm phong đến khi mọi thành viên chấm xong'}
                    </span>
                  ) : (
                    <span className="tag tag-warn">Chưa chấm</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {state.meetings.map((m, i) => (
        <div key={i} className="meeting">
          <h3>Họp ngày {formatDate(m.at)}</h3>
          <p>
            Có mặt {m.present.length}/{c.members.length}.{' '}
            {m.outcome === 'NO_QUORUM'
              ? 'Không đủ số thành viên có mặt để biểu quyết.'
              : m.outcome === 'RECOMMENDED'
                ? `Đề nghị công nhận (${m.agree ?? 0} đồng ý, cần ${m.required}).`
                : `Không đề nghị công nhận (${m.agree ?? 0} đồng ý, cần ${m.required}).`}
          </p>
          <ul className="meta">
            {Object.entries(m.votes).map(([pid, v]) => (
              <li key={pid}>
                {c.members.find((x) => x.personId === pid)?.fullName ?? pid}: {VOTE_VI[v]}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function EffectSection({ state }: { state: InitiativeState }) {
  const e = state.effect;
  if (!e) return null;
  return (
    <section className="card" aria-labelledby="h-effect">
      <h2 id="h-effect">Theo dõi hiệu quả áp dụng</h2>
      <p className="meta">
        <span>Bắt đầu {formatDate(e.startedAt)}</span>
        <span>Kết thúc theo dõi {formatDate(e.trackingEndsAt)}</span>
        {e.nextReportDueAt && <span>Báo cáo kỳ tới hạn {formatDate(e.nextReportDueAt)}</span>}
        {e.firstApplicationCompletedAt && (
          <span>Hoàn thành áp dụng lần đầu {formatDate(e.firstApplicationCompletedAt)}</span>
        )}
      </p>
      {e.verdict && (
        <p className={`notice ${e.verdict === 'EFFECTIVE' ? 'notice-ok' : 'notice-warn'}`}>
          Kết luận: {e.verdict === 'EFFECTIVE' ? 'Có hiệu quả' : 'Không có hiệu quả'} (
          {formatDate(e.confirmedAt)})
        </p>
      )}
      {e.reports.length === 0 ? (
        <p>Chưa có báo cáo hiệu quả.</p>
      ) : (
        e.reports.map((r, i) => (
          <div key={i}>
            <h3>
              Báo cáo kỳ đến {formatDate(r.periodEnd)}{' '}
              <span className="meta">(gửi {formatDateTime(r.reportedAt)})</span>
            </h3>
            <table className="responsive">
              <thead>
                <tr>
                  <th scope="col">Chỉ số</th>
                  <th scope="col" className="num">
                    Ban đầu
                  </th>
                  <th scope="col" className="num">
                    Hiện tại
                  </th>
                  <th scope="col" className="num">
                    Thay đổi
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.metrics.map((m, j) => (
                  <tr key={j}>
                    <td data-label="Chỉ số">
                      {m.name} ({m.unit})
                    </td>
                    <td data-label="Ban đầu" className="num">
                      {formatNumber(m.baseline)}
                    </td>
                    <td data-label="Hiện tại" className="num">
                      {formatNumber(m.value)}
                    </td>
                    <td data-label="Thay đổi" className="num">
                      {m.value - m.baseline >= 0 ? '+' : ''}
                      {formatNumber(m.value - m.baseline)}
                      {m.baseline !== 0
                        ? ` (${formatNumber(((m.value - m.baseline) / Math.abs(m.baseline)) * 100)}%)`
                        : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.monetaryBenefitVnd !== undefined && (
              <p>Lợi ích kinh tế: {formatMoney(r.monetaryBenefitVnd)}</p>
            )}
            {r.note && <p className="prose">{r.note}</p>}
          </div>
        ))
      )}
    </section>
  );
}

export function DecisionSection({ state, units }: { state: InitiativeState; units: Map<string, string> }) {
  const d = state.decision;
  const r = state.replication;
  if (!d && !r) return null;
  return (
    <section className="card" aria-labelledby="h-decision">
      <h2 id="h-decision">Công nhận, khen thưởng và nhân rộng</h2>
      {d && (
        <p className={`notice ${d.outcome === 'RECOGNISED' ? 'notice-ok' : 'notice-warn'}`}>
          {d.outcome === 'RECOGNISED' ? 'Đã công nhận sáng kiến' : 'Không công nhận sáng kiến'} ngày{' '}
          {formatDate(d.decidedAt)} (
          {d.signerTitle === 'CHU_TICH' ? 'Chủ tịch UBND xã' : 'KT. Chủ tịch, Phó Chủ tịch UBND xã'} ký)
          {d.rewardLevel ? `. Mức khen thưởng: ${d.rewardLevel}` : ''}
          {d.rewardVnd ? `, ${formatMoney(d.rewardVnd)}` : ''}
          {d.reasons ? `. Lý do: ${d.reasons}` : ''}
        </p>
      )}
      {state.appeal && (
        <p>
          Khiếu nại ngày {formatDate(state.appeal.filedAt)}: {state.appeal.grounds}
        </p>
      )}
      {r && (
        <>
          <h3>Đơn vị nhân rộng</h3>
          {r.targets.length === 0 ? (
            <p>Chưa chỉ định đơn vị nhân rộng.</p>
          ) : (
            <ul>
              {r.targets.map((t) => (
                <li key={t.unitId}>
                  {units.get(t.unitId) ?? t.unitId}:{' '}
                  {t.status === 'RUNNING'
                    ? 'đang áp dụng'
                    : t.status === 'CONFIRMED'
                      ? 'đã xác nhận có hiệu quả'
                      : t.status === 'NOT_EFFECTIVE'
                        ? 'không hiệu quả'
                        : 'đã kết thúc'}
                </li>
              ))}
            </ul>
          )}
          {r.checkpoints.length > 0 && (
            <p className="meta">
              {r.checkpoints.map((c, i) => (
                <span key={i}>
                  Mốc {formatDate(c.dueAt)}: {c.done ? `${c.adopted ?? 0} đơn vị đã áp dụng` : 'chưa đến'}
                </span>
              ))}
            </p>
          )}
        </>
      )}
    </section>
  );
}
