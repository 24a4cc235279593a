/**
 * Filing a new dossier: the form is kept in this tab across reloads and saved as a draft on the server as the person
 * types (resumable from the home page on any device); sending checks every field first and sends nothing if one is bad.
 */
import { RoundPlacement } from '../components/rounds';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call, newKey } from '../api/client';
import { checkDossier, emptyDraft, toDossier, type DossierDraft } from '../components/dossier-draft';
import { DossierForm } from '../components/dossier-form';
import { Button, useAction, usePersistentState } from '../components/forms';
import { Failure, Loading, PageTitle } from '../components/layout';
import { formatDateTime } from '../format';
import { useSession } from '../session';

export default function DossierPage() {
  const { person, has } = useSession();
  const [params, setParams] = useSearchParams();
  const draftId = params.get('nhap');
  // A draft id is chosen once per new dossier and kept in the address, so a reload resumes the same draft.
  useEffect(() => {
    if (!draftId) setParams({ nhap: newKey().replace(/-/g, '') }, { replace: true });
  }, [draftId, setParams]);

  const saved = useQuery({
    queryKey: ['draft', draftId],
    queryFn: () =>
      call(() => api.GET('/api/v1/me/drafts/{id}', { params: { path: { id: draftId! } } })).catch(() => null),
    enabled: !!draftId,
    staleTime: Infinity,
  });

  if (!has('SUBMITTER'))
    return (
      <>
        <PageTitle>Nộp hồ sơ</PageTitle>
        <p>Chỉ tác giả sáng kiến nộp hồ sơ. Tài khoản của bạn không có vai trò này.</p>
      </>
    );
  if (!draftId || saved.isPending) return <Loading what="hồ sơ" />;
  if (saved.isError) return <Failure error={saved.error} />;
  return (
    <Filing
      key={draftId}
      draftId={draftId}
      initial={(saved.data?.data as unknown as DossierDraft | undefined) ?? emptyDraft(person!)}
      savedAt={saved.data?.updatedAt ?? null}
    />
  );
}

function Filing({
  draftId,
  initial,
  savedAt,
}: {
  draftId: string;
  initial: DossierDraft;
  savedAt: string | null;
}) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [value, setValue, clearLocal] = usePersistentState<DossierDraft>(`dossier:${draftId}`, initial);
  const [lastSaved, setLastSaved] = useState<string | null>(savedAt);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const dirty = useRef(false);

  const saveDraft = useCallback(async () => {
    try {
      await call(() =>
        api.PUT('/api/v1/me/drafts/{id}', {
          params: { path: { id: draftId } },
          body: { title: value.title.slice(0, 300), data: value as unknown as Record<string, unknown> },
        }),
      );
      dirty.current = false;
      setLastSaved(new Date().toISOString());
      setSaveProblem(null);
      void queries.invalidateQueries({ queryKey: ['drafts'] });
    } catch (err) {
      setSaveProblem(err instanceof Error ? err.message : 'Chưa lưu được bản nháp.');
    }
  }, [draftId, value, queries]);

  // Autosave: two seconds after the person stops typing.
  useEffect(() => {
    if (!dirty.current) return;
    const t = setTimeout(() => void saveDraft(), 2000);
    return () => clearTimeout(t);
  }, [value, saveDraft]);

  const change = (next: DossierDraft) => {
    dirty.current = true;
    setValue(next);
  };

  const action = useAction(async (key) => {
    const created = await call(() =>
      api.POST('/api/v1/initiatives', {
        params: { header: { 'Idempotency-Key': key } },
        body: toDossier(value),
      }),
    );
    return created;
  });

  const send = async () => {
    const errors = checkDossier(value);
    if (Object.keys(errors).length) {
      action.setErrors(errors);
      action.setMessage('Hồ sơ còn trường chưa hợp lệ; hồ sơ chưa được gửi.');
      return;
    }
    const created = await action.submit();
    if (!created) return;
    clearLocal();
    await call(() => api.DELETE('/api/v1/me/drafts/{id}', { params: { path: { id: draftId } } })).catch(
      () => undefined,
    );
    void queries.invalidateQueries();
    const id =
      (created as { initiativeId?: string; id?: string }).initiativeId ?? (created as { id?: string }).id;
    void navigate(`/ho-so/${encodeURIComponent(id ?? '')}`, { state: { filed: true } });
  };

  return (
    <>
      <PageTitle
        lead="Điền đơn yêu cầu công nhận và bản mô tả. Bản nháp được lưu tự động; bạn có thể quay lại tiếp tục."
        actions={<Link to="/">Về Việc cần làm</Link>}
      >
        Nộp hồ sơ sáng kiến
      </PageTitle>
      <DossierForm
        value={value}
        onChange={change}
        onSubmit={() => void send()}
        pending={action.pending}
        message={action.message}
        errors={action.errors}
        submitLabel="Gửi hồ sơ"
        status={
          <p className="meta draft-status" role="status">
            {saveProblem
              ? saveProblem
              : lastSaved
                ? `Đã lưu nháp lúc ${formatDateTime(lastSaved)}`
                : 'Bản nháp sẽ được lưu tự động khi bạn nhập.'}
          </p>
        }
        extra={
          <div className="notice">
            <RoundPlacement unitId={value.unitId} field={value.field} />
            <p>
              Sau khi gửi, hồ sơ đến thủ trưởng đơn vị xem xét. Tài liệu chứng minh (ảnh, số liệu, văn bản)
              được đính kèm ở trang hồ sơ ngay sau khi gửi.
            </p>
            <Button variant="secondary" onClick={() => void saveDraft()}>
              Lưu nháp ngay
            </Button>
          </div>
        }
      />
    </>
  );
}
