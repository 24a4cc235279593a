/**
 * Lập phiên họp: the council's secretary (or the chairman) picks the council, the time and place, and the round's
 * cases waiting for that council (scoring or meeting), in the order the council will take them.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { QueryStatus } from '../components/feedback';
import { Button, Field } from '../components/forms';
import { STEP_VI } from '../labels';
import { AddCard, useAddForm, useCouncils } from './admin/shared';

const EMPTY = { councilId: '', meetingAt: '', place: '', caseIds: [] as string[] };

export function SittingForm({ roundId }: { roundId: string }) {
  const councils = useCouncils();
  const waiting = useQuery({
    queryKey: ['cases', 'round', roundId, 'council'],
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/initiatives', {
          params: {
            query: { roundId, stage: 'COUNCIL_EVALUATION', status: 'OPEN', sort: 'filedAt', limit: 100 },
          },
        }),
      ),
  });
  const candidates = (waiting.data?.items ?? []).filter((c) => c.step === 'SCORING' || c.step === 'MEETING');
  const { form, set, add, done, setDone } = useAddForm({
    storageKey: `dot-xet:${roundId}:phien-hop`,
    empty: EMPTY,
    invalidate: ['rounds', roundId, 'sittings'],
    send: (f, key) =>
      call(() =>
        api.POST('/api/v1/rounds/{id}/sittings', {
          params: { path: { id: roundId } },
          body: {
            councilId: f.councilId,
            // The time typed is Vietnam time.
            meetingAt: f.meetingAt ? `${f.meetingAt}:00+07:00` : '',
            place: f.place.trim(),
            caseIds: f.caseIds,
          },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    doneText: (r) => `Đã lập phiên họp ${r.councilName} gồm ${r.cases.length} hồ sơ.`,
  });
  const toggle = (id: string) =>
    set('caseIds', form.caseIds.includes(id) ? form.caseIds.filter((c) => c !== id) : [...form.caseIds, id]);
  return (
    <AddCard
      titleId="new-sitting-title"
      title="Lập phiên họp Hội đồng"
      message={add.message}
      errors={add.errors}
      fieldIds={{ councilId: 'ns-council', meetingAt: 'ns-at', place: 'ns-place', caseIds: 'ns-cases' }}
      done={done}
      onSubmit={() => {
        setDone(null);
        void add.submit();
      }}
    >
      <div className="inline-fields">
        <Field label="Hội đồng" id="ns-council" error={add.errors['councilId']} required>
          {(p) => (
            <select {...p} value={form.councilId} onChange={(e) => set('councilId', e.target.value)}>
              <option value="">Chọn Hội đồng</option>
              {(councils.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Thời gian họp" id="ns-at" error={add.errors['meetingAt']} required>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={form.meetingAt}
              onChange={(e) => set('meetingAt', e.target.value)}
            />
          )}
        </Field>
        <Field label="Địa điểm" id="ns-place" error={add.errors['place']} required>
          {(p) => <input {...p} value={form.place} onChange={(e) => set('place', e.target.value)} />}
        </Field>
      </div>
      <fieldset id="ns-cases" className={add.errors['caseIds'] ? 'field-error' : undefined}>
        <legend>Hồ sơ đưa vào chương trình họp (theo thứ tự chọn)</legend>
        {add.errors['caseIds'] && <p className="error-message">{add.errors['caseIds']}</p>}
        <QueryStatus query={waiting} what="hồ sơ chờ Hội đồng" />
        {waiting.data && candidates.length === 0 && (
          <p className="meta">Không có hồ sơ nào của đợt đang chờ Hội đồng chấm điểm hoặc họp.</p>
        )}
        {candidates.map((c) => {
          const order = form.caseIds.indexOf(c.id);
          return (
            <label key={c.id} className="choice">
              <input type="checkbox" checked={order >= 0} onChange={() => toggle(c.id)} />
              {order >= 0 ? `${order + 1}. ` : ''}
              {c.code ?? c.id} – {c.title}
              <span className="meta"> · {STEP_VI[c.step] ?? c.step}</span>
            </label>
          );
        })}
      </fieldset>
      <Button type="submit" pending={add.pending}>
        Lập phiên họp
      </Button>
    </AddCard>
  );
}
