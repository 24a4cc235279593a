/**
 * The case page: the five stages, what the case waits on (who, by when), the actions this person may take now (and
 * only those), the dossier, council, effect, decision and replication, the legal record, documents and attachments.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../api/client';
import { CaseActions, type CaseView } from '../components/case-actions';
import {
  CouncilSection,
  DecisionSection,
  DossierFacts,
  EffectSection,
  StageStepper,
} from '../components/case-sections';
import { FilesSection, RecordTimeline } from '../components/case-files';
import { DossierPrint } from '../components/dossier-print';
import { RemunerationSection } from '../components/remuneration';
import { Failure, Loading, PageTitle } from '../components/layout';
import { DueChip, StatusTag, waitingText } from '../components/status';
import { formatDate, humanizeDates } from '../format';
import { ACTION_VI, STAGE_VI, STEP_VI } from '../labels';
import type { CaseAction } from '../../../src/domain/actions';

export default function CasePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [done, setDone] = useState<string | null>(
    (location.state as { filed?: boolean } | null)?.filed
      ? 'Đã gửi hồ sơ. Thủ trưởng đơn vị sẽ xem xét.'
      : null,
  );
  const doneRef = useRef<HTMLDivElement>(null);
  const view = useQuery({
    queryKey: ['case', id],
    queryFn: () => call(() => api.GET('/api/v1/initiatives/{id}', { params: { path: { id } } })),
  });
  const units = useQuery({ queryKey: ['units'], queryFn: () => call(() => api.GET('/api/v1/units')) });
  const unitNames = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (view.isPending) return <Loading what="hồ sơ" />;
  if (view.isError)
    return (
      <>
        <PageTitle>{`Hồ sơ ${id}`}</PageTitle>
        <Failure error={view.error} retry={() => void view.refetch()} />
        <p>
          <Link to="/ho-so">Về danh sách hồ sơ</Link>
        </p>
      </>
    );

  const s = view.data as unknown as CaseView;
  // Attaching and replacing files are offered with the files, reminders with the supervision forms.
  const actions = s.available.actions.filter(
    (a) => !['attachments', 'attachment-replacement', 'reminders'].includes(a),
  );
  return (
    <>
      <PageTitle
        lead={
          <>
            Mã hồ sơ <strong>{s.code ?? s.initiativeId}</strong> · <StatusTag status={s.status} />
          </>
        }
        actions={
          <>
            <DossierPrint id={s.initiativeId} code={s.code ?? s.initiativeId} />
            {s.temporalUrl && (
              <a className="btn btn-secondary" href={s.temporalUrl} target="_blank" rel="noreferrer">
                Xem quy trình trong Temporal UI
              </a>
            )}
          </>
        }
      >
        {s.dossier.title}
      </PageTitle>
      <StageStepper state={s} />
      {done && (
        <div className="notice notice-ok" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}
      <div className="grid grid-2">
        <div>
          <section className="card waiting" aria-labelledby="h-waiting">
            <h2 id="h-waiting">
              {s.status === 'OPEN' ? `Bước hiện tại: ${STEP_VI[s.step]}` : 'Hồ sơ đã kết thúc'}
            </h2>
            {s.status === 'OPEN' ? (
              <>
                <p>
                  <strong>Đang chờ:</strong> {waitingText(s.waitingOn)}
                </p>
                {s.deadline && (
                  <p>
                    <strong>Hạn xử lý:</strong> <DueChip dueAt={s.deadline.dueAt} />
                    {s.deadline.escalated && <span className="tag tag-bad">Đã báo cáo lãnh đạo</span>}
                  </p>
                )}
                {s.deadline && s.deadline.extensions.length > 0 && (
                  <ul className="meta">
                    {s.deadline.extensions.map((e, i) => (
                      <li key={i}>
                        Gia hạn đến {formatDate(e.newDueAt)}: {e.reason}
                      </li>
                    ))}
                  </ul>
                )}
                {s.decisionClock?.dueAt && (
                  <p className="meta">
                    Thời hạn ra quyết định công nhận: {formatDate(s.decisionClock.dueAt)}
                  </p>
                )}
                {s.calendarProblem && <p className="notice notice-warn">{s.calendarProblem}</p>}
              </>
            ) : (
              <p>
                {s.closure ? humanizeDates(s.closure.reason) : null}
                {s.closure ? ` (${formatDate(s.closure.at)})` : ''}
              </p>
            )}
            <p className="meta">Giai đoạn: {STAGE_VI[s.stage]}</p>
          </section>

          <section aria-labelledby="h-mine">
            <h2 id="h-mine">Việc của tôi</h2>
            {actions.length === 0 && s.available.adoption.length === 0 && (
              <p className="card">Bạn không có việc cần làm ở bước này.</p>
            )}
            {s.available.withheld.map((w) => (
              <div className="notice notice-warn" key={w.action}>
                <p>
                  <strong>{ACTION_VI[w.action as CaseAction] ?? w.action}:</strong> {w.reason}
                </p>
              </div>
            ))}
            <CaseActions view={s} onDone={setDone} />
          </section>
          <DossierFacts state={s} units={unitNames} />
          <CouncilSection state={s} rubric={s.rubric ?? []} />
          <EffectSection state={s} />
          <DecisionSection state={s} units={unitNames} />
          <RemunerationSection state={s} />
        </div>
        <div>
          <FilesSection state={s} onDone={setDone} />
          <RecordTimeline id={id} />
        </div>
      </div>
    </>
  );
}
