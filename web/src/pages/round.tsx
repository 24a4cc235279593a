/**
 * One round: its window and scope, its cases on the list and the board, its result lists to print; the council's
 * sittings with their agendas, and for the council's secretary (or the chairman) the form that sets a new sitting.
 * The administrator can stop the round taking dossiers.
 */
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { DownloadButton } from '../components/download';
import { QueryStatus } from '../components/feedback';
import { Button, ErrorSummary, useAction } from '../components/forms';
import { PageTitle } from '../components/layout';
import { ROUND_STATUS_VI, roundWindow, useRounds } from '../components/rounds';
import { formatDateTime } from '../format';
import { STEP_VI } from '../labels';
import { useSession } from '../session';
import { SittingForm } from './sitting-form';

const OUTCOME_VI: Record<string, string> = {
  NO_QUORUM: 'Không đủ số thành viên, họp lại',
  RECOMMENDED: 'Hội đồng đề nghị công nhận',
  NOT_RECOMMENDED: 'Hội đồng không đề nghị công nhận',
};

export default function RoundPage() {
  const { id = '' } = useParams();
  const { has } = useSession();
  const rounds = useRounds();
  const round = rounds.data?.items.find((r) => r.id === id);
  if (!round)
    return (
      <>
        <PageTitle>Đợt xét</PageTitle>
        <QueryStatus query={rounds} what="đợt xét" />
        {rounds.data && <p className="notice">Không có đợt xét mã {id}.</p>}
      </>
    );
  const papers = has('SECRETARY', 'CHAIRMAN', 'SUPERVISOR');
  return (
    <>
      <PageTitle
        lead={`Nhận hồ sơ ${roundWindow(round)}. ${ROUND_STATUS_VI[round.status]}.`}
        actions={<Link to="/dot-xet">Các đợt xét</Link>}
      >
        {round.name}
      </PageTitle>
      <section className="card" aria-labelledby="round-cases">
        <h2 id="round-cases">Hồ sơ của đợt</h2>
        <p className="actions-row">
          <Link className="btn btn-secondary" to={`/ho-so?dot-xet=${encodeURIComponent(id)}`}>
            Danh sách hồ sơ của đợt
          </Link>
          {has('SUPERVISOR', 'CHAIRMAN') && (
            <Link className="btn btn-secondary" to={`/giam-sat?dotXet=${encodeURIComponent(id)}`}>
              Giám sát hồ sơ của đợt
            </Link>
          )}
        </p>
        {papers && (
          <p className="actions-row">
            {(['pdf', 'docx'] as const).map((f) => (
              <DownloadButton
                key={f}
                href={`/api/v1/rounds/${encodeURIComponent(id)}/summary.${f}`}
                filename={`ket-qua-${id}.${f}`}
                label={`Danh sách kết quả xét (${f.toUpperCase()})`}
                fetchBlob={() =>
                  call(() =>
                    api.GET(`/api/v1/rounds/{id}/summary.${f}` as '/api/v1/rounds/{id}/summary.pdf', {
                      params: { path: { id } },
                      parseAs: 'blob',
                    }),
                  )
                }
              />
            ))}
          </p>
        )}
        {has('ADMIN') && !round.standing && round.status !== 'CLOSED' && <CloseRound id={id} />}
      </section>
      {has('SECRETARY', 'CHAIRMAN', 'SUPERVISOR', 'COUNCIL_MEMBER') && <Sittings roundId={id} />}
      {has('SECRETARY', 'CHAIRMAN') && <SittingForm roundId={id} />}
    </>
  );
}

function CloseRound({ id }: { id: string }) {
  const queries = useQueryClient();
  const close = useAction(async () => {
    const r = await call(() =>
      api.PATCH('/api/v1/admin/rounds/{id}', { params: { path: { id } }, body: { close: true } }),
    );
    await queries.invalidateQueries({ queryKey: ['rounds'] });
    return r;
  });
  return (
    <>
      <ErrorSummary message={close.message} errors={close.errors} />
      <p className="meta">Kết thúc nhận hồ sơ ngay: từ bây giờ hồ sơ mới không vào đợt này.</p>
      <Button variant="secondary" pending={close.pending} onClick={() => void close.submit()}>
        Kết thúc nhận hồ sơ
      </Button>
    </>
  );
}

function Sittings({ roundId }: { roundId: string }) {
  const sittings = useQuery({
    queryKey: ['rounds', roundId, 'sittings'],
    queryFn: () => call(() => api.GET('/api/v1/rounds/{id}/sittings', { params: { path: { id: roundId } } })),
  });
  return (
    <section aria-labelledby="sittings-title">
      <h2 id="sittings-title">Phiên họp Hội đồng</h2>
      <QueryStatus query={sittings} what="phiên họp" />
      {sittings.data?.items.length === 0 && <p className="card">Chưa có phiên họp nào.</p>}
      {sittings.data?.items.map((s) => (
        <article key={s.id} className="card" aria-labelledby={`sitting-${s.id}`}>
          <h3 id={`sitting-${s.id}`}>
            {s.councilName}: {formatDateTime(s.meetingAt)}
          </h3>
          <p className="meta">
            Địa điểm: {s.place}. {s.cases.length} hồ sơ theo thứ tự xét; biên bản họp ghi ở từng hồ sơ.
          </p>
          <ol>
            {s.cases.map((c) => (
              <li key={c.id}>
                <Link to={`/ho-so/${encodeURIComponent(c.id)}`}>
                  {c.code ?? c.id} – {c.title}
                </Link>
                <span className="meta">
                  {' '}
                  · {c.outcome ? OUTCOME_VI[c.outcome] : (STEP_VI[c.step as keyof typeof STEP_VI] ?? c.step)}
                </span>
              </li>
            ))}
          </ol>
          <p className="actions-row">
            {(['pdf', 'docx'] as const).map((f) => (
              <DownloadButton
                key={f}
                href={`/api/v1/sittings/${s.id}/agenda.${f}`}
                filename={`chuong-trinh-hop-${roundId}.${f}`}
                label={`Chương trình họp (${f.toUpperCase()})`}
                fetchBlob={() =>
                  call(() =>
                    api.GET(`/api/v1/sittings/{id}/agenda.${f}` as '/api/v1/sittings/{id}/agenda.pdf', {
                      params: { path: { id: s.id } },
                      parseAs: 'blob',
                    }),
                  )
                }
              />
            ))}
          </p>
        </article>
      ))}
    </section>
  );
}
