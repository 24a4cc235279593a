/**
 * The actions this person may take on the case now (the gateway says which), each a small form. Every submission
 * carries an Idempotency-Key, shows its pending state, and shows the gateway's refusal in Vietnamese next to the field.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { InitiativeState } from '../../../src/contracts/initiative';
import type { CaseAction } from '../../../src/domain/actions';
import { api, call, upload } from '../api/client';
import { showAnswer } from '../api/queries';
import type { paths } from '../api/schema';
import { formatNumber, todayInVietnam } from '../format';
import { POSITION_VI } from '../labels';
import { checkDossier, DossierForm, draftOf, toDossier, type DossierDraft } from './dossier-form';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from './forms';

type ActionPath = Extract<keyof paths, `/api/v1/initiatives/{id}/${string}`>;
type BodyOf<P extends ActionPath> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
type AdoptionPath = Extract<keyof paths, `/api/v1/initiatives/{id}/replications/{unitId}/${string}`>;
type AdoptionBodyOf<P extends AdoptionPath> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type CaseView = InitiativeState & {
  rubric?: { key: string; label: string; max: number }[];
  /** How the case's council decides (the pinned rule pack): named votes, or a secret ballot's counts only. */
  votingMode?: 'SHOW_OF_HANDS' | 'SECRET_BALLOT' | 'CHOSEN_AT_MEETING';
  available: {
    actions: CaseAction[];
    adoption: { unitId: string; action: 'plan' | 'reports' | 'confirmation' }[];
    withheld: { action: string; reason: string }[];
  };
  temporalUrl?: string;
};

/**
 * A form for one action: its own key, pending state and errors. `send` returns the body (or field errors found
 * before sending, in which case nothing is sent).
 */
function ActionForm({
  id,
  title,
  intro,
  children,
  submitLabel,
  send,
  onDone,
  danger,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: (errors: Record<string, string>) => ReactNode;
  submitLabel: string;
  send: (key: string) => Promise<string | Record<string, string | undefined>>;
  onDone: (text: string) => void;
  danger?: boolean;
}) {
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const action = useAction(send);
  const errors = { ...localErrors, ...action.errors };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLocalErrors({});
    const result = await action.submit();
    if (typeof result === 'string') onDone(result);
    else if (result) {
      setLocalErrors(Object.fromEntries(Object.entries(result).filter((e): e is [string, string] => !!e[1])));
      action.setMessage('Còn trường chưa hợp lệ; chưa gửi.');
    }
  };
  return (
    <section className="card action" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{title}</h3>
      {intro}
      <ErrorSummary
        message={action.message}
        errors={errors}
        fieldIds={Object.fromEntries(Object.keys(errors).map((k) => [k, `${id}-${k.split('.')[0]}`]))}
      />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {children(errors)}
        <Button type="submit" pending={action.pending} variant={danger ? 'danger' : 'primary'}>
          {submitLabel}
        </Button>
      </form>
    </section>
  );
}

/** Posts a decision body, and shows the state it left at once. */
async function post<P extends ActionPath>(path: P, id: string, key: string, body: BodyOf<P>): Promise<void> {
  const answer = await call(() =>
    api.POST(path as never, { params: { path: { id }, header: { 'Idempotency-Key': key } }, body } as never),
  );
  if (answer && typeof answer === 'object' && 'state' in answer) showAnswer(id, answer);
}
async function postAdoption<P extends AdoptionPath>(
  path: P,
  id: string,
  unitId: string,
  key: string,
  body: AdoptionBodyOf<P>,
): Promise<void> {
  await call(() =>
    api.POST(
      path as never,
      { params: { path: { id, unitId }, header: { 'Idempotency-Key': key } }, body } as never,
    ),
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function TextArea({
  id,
  name,
  label,
  hint,
  value,
  onChange,
  error,
  required: req,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error} required={req} id={`${id}-${name}`}>
      {(p) => <textarea {...p} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** All action forms open to the person, in the order the step needs them. */
export function CaseActions({ view, onDone }: { view: CaseView; onDone: (text: string) => void }) {
  const id = view.initiativeId;
  const queries = useQueryClient();
  const done = (text: string) => {
    void queries.invalidateQueries({ queryKey: ['case', id] });
    void queries.invalidateQueries({ queryKey: ['record', id] });
    void queries.invalidateQueries({ queryKey: ['tasks'] });
    void queries.invalidateQueries({ queryKey: ['documents', id] });
    onDone(text);
  };
  const has = (a: CaseAction) => view.available.actions.includes(a);
  const p = { view, onDone: done };
  return (
    <>
      {has('unit-review') && <UnitReview {...p} />}
      {has('amendment') && <Amendment {...p} />}
      {has('registration') && <Registration {...p} />}
      {has('formal-check') && <FormalCheck {...p} />}
      {has('council') && <Council {...p} />}
      {has('scores') && <Scores {...p} />}
      {has('meeting') && <Meeting {...p} />}
      {has('effect-reports') && <EffectReport {...p} />}
      {has('first-application') && <FirstApplication {...p} />}
      {has('effect-confirmation') && <EffectConfirmation {...p} />}
      {has('decision') && <Decision {...p} />}
      {has('appeal') && <Appeal {...p} />}
      {has('replication') && <Replication {...p} />}
      {view.available.adoption
        .filter((a) => a.action === 'plan')
        .map((a) => (
          <Adoption key={a.unitId} unitId={a.unitId} {...p} />
        ))}
      {has('attachments') && <Attachments {...p} />}
      {has('conflict-declaration') && <Conflict {...p} />}
      {has('deadline-extension') && <Extension {...p} />}
      {has('reassignment') && <Reassignment {...p} />}
      {has('reminders') && <Reminder {...p} />}
      {has('withdrawal') && <Withdrawal {...p} />}
      {has('revocation') && <Revocation {...p} />}
    </>
  );
}

type P = { view: CaseView; onDone: (text: string) => void };

function UnitReview({ view, onDone }: P) {
  const id = view.initiativeId;
  const [outcome, setOutcome] = usePersistentState<'ENDORSE' | 'RETURN' | 'DECLINE' | ''>(`ur-o:${id}`, '');
  const [confirmed, setConfirmed] = useState(false);
  const [items, setItems] = usePersistentState(`ur-i:${id}`, '');
  const [reasons, setReasons] = usePersistentState(`ur-r:${id}`, '');
  return (
    <ActionForm
      id="unit-review"
      title="Xem xét của thủ trưởng đơn vị"
      submitLabel="Gửi ý kiến"
      onDone={onDone}
      send={async (key) => {
        if (!outcome) return { outcome: 'Chọn một ý kiến' };
        if (outcome === 'ENDORSE') {
          if (!confirmed)
            return { confirmedApplication: 'Cần xác nhận sáng kiến đã được áp dụng tại đơn vị' };
          await post('/api/v1/initiatives/{id}/unit-review', id, key, {
            outcome,
            confirmedApplication: true,
          });
          return 'Đã đồng ý, trình Hội đồng.';
        }
        if (outcome === 'RETURN') {
          if (!lines(items).length) return { items: 'Nêu ít nhất một nội dung cần bổ sung' };
          await post('/api/v1/initiatives/{id}/unit-review', id, key, { outcome, items: lines(items) });
          return 'Đã trả lại để tác giả bổ sung.';
        }
        if (!reasons.trim()) return { reasons: 'Nêu lý do từ chối' };
        await post('/api/v1/initiatives/{id}/unit-review', id, key, { outcome, reasons });
        return 'Đã từ chối hồ sơ.';
      }}
    >
      {(errors) => (
        <>
          <fieldset id="unit-review-outcome" className={errors['outcome'] ? 'field-error' : ''}>
            <legend>Ý kiến của đơn vị</legend>
            {errors['outcome'] && <p className="error-message">{errors['outcome']}</p>}
            {(
              [
                ['ENDORSE', 'Đồng ý, trình Hội đồng'],
                ['RETURN', 'Trả lại để bổ sung'],
                ['DECLINE', 'Từ chối'],
              ] as const
            ).map(([v, label]) => (
              <label key={v} className="choice">
                <input
                  type="radio"
                  name="unit-review-outcome"
                  checked={outcome === v}
                  onChange={() => setOutcome(v)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {outcome === 'ENDORSE' && (
            <div
              className={errors['confirmedApplication'] ? 'field field-error' : 'field'}
              id="unit-review-confirmedApplication"
            >
              {errors['confirmedApplication'] && (
                <p className="error-message">{errors['confirmedApplication']}</p>
              )}
              <label className="choice">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                Tôi xác nhận sáng kiến đã được áp dụng (hoặc áp dụng thử) tại đơn vị
              </label>
            </div>
          )}
          {outcome === 'RETURN' && (
            <TextArea
              id="unit-review"
              name="items"
              label="Những nội dung cần bổ sung"
              hint="Mỗi nội dung một dòng; nêu đủ một lần để tác giả sửa một lượt."
              value={items}
              onChange={setItems}
              error={errors['items']}
              required
            />
          )}
          {outcome === 'DECLINE' && (
            <TextArea
              id="unit-review"
              name="reasons"
              label="Lý do từ chối"
              value={reasons}
              onChange={setReasons}
              error={errors['reasons']}
              required
            />
          )}
        </>
      )}
    </ActionForm>
  );
}

function Amendment({ view, onDone }: P) {
  const id = view.initiativeId;
  const [value, setValue, clear] = usePersistentState<DossierDraft>(
    `amend:${id}:${view.dossierVersion}`,
    () => draftOf(view.dossier),
  );
  const [note, setNote] = useState('');
  const action = useAction(async (key) => {
    await post('/api/v1/initiatives/{id}/amendment', id, key, {
      dossier: toDossier(value),
      ...(note.trim() ? { note } : {}),
    });
    return true;
  });
  const send = async () => {
    const errors = checkDossier(value);
    if (Object.keys(errors).length) {
      action.setErrors(errors);
      action.setMessage('Hồ sơ còn trường chưa hợp lệ; chưa gửi.');
      return;
    }
    if (await action.submit()) {
      clear();
      onDone('Đã gửi hồ sơ bổ sung.');
    }
  };
  return (
    <section className="card action" aria-labelledby="amend-h">
      <h3 id="amend-h">Bổ sung hồ sơ</h3>
      {view.amendment && (
        <div className="notice notice-warn">
          <p>
            <strong>Cần bổ sung (lần {view.amendment.round}):</strong>
          </p>
          <ul>
            {view.amendment.items.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </div>
      )}
      <DossierForm
        value={value}
        onChange={setValue}
        onSubmit={() => void send()}
        pending={action.pending}
        message={action.message}
        errors={action.errors}
        submitLabel="Gửi hồ sơ bổ sung"
        lockUnit
        extra={
          <div className="card">
            <Field label="Ghi chú gửi kèm" hint="Tóm tắt những gì đã sửa.">
              {(p) => <textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          </div>
        }
      />
    </section>
  );
}

function Registration({ view, onDone }: P) {
  const id = view.initiativeId;
  return (
    <ActionForm
      id="registration"
      title="Tiếp nhận hồ sơ, vào sổ"
      intro={<p>Hồ sơ được vào sổ với số tiếp nhận và giấy biên nhận ghi ngày hẹn trả kết quả.</p>}
      submitLabel="Tiếp nhận, vào sổ"
      onDone={onDone}
      send={async (key) => {
        await post('/api/v1/initiatives/{id}/registration', id, key, {});
        return 'Đã vào sổ và cấp giấy biên nhận.';
      }}
    >
      {() => null}
    </ActionForm>
  );
}

function FormalCheck({ view, onDone }: P) {
  const id = view.initiativeId;
  const [outcome, setOutcome] = useState<'ACCEPT' | 'REQUEST_AMENDMENT' | 'NOT_ACCEPT' | ''>('');
  const [items, setItems] = usePersistentState(`fc-i:${id}`, '');
  const [reasons, setReasons] = usePersistentState(`fc-r:${id}`, '');
  const flags = view.registration?.duplicateFlags ?? [];
  return (
    <ActionForm
      id="formal-check"
      title="Kiểm tra tính hợp lệ"
      intro={
        flags.length > 0 ? (
          <div className="notice notice-warn">
            <p>
              <strong>Có thể trùng với hồ sơ khác</strong> — so sánh trước khi chấp nhận:
            </p>
            <div className="grid grid-halves">
              <div>
                <h4>Hồ sơ này</h4>
                <p>{view.dossier.title}</p>
                <p className="meta">{view.dossier.summary.slice(0, 300)}</p>
              </div>
              <div>
                <h4>Hồ sơ có thể trùng</h4>
                <ul>
                  {flags.map((f) => (
                    <li key={f.initiativeId}>
                      <a
                        href={`/ho-so/${encodeURIComponent(f.initiativeId)}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {f.title}
                      </a>{' '}
                      (giống {formatNumber(Math.round(f.similarity * 100))}%)
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        ) : (
          <p className="meta">Không phát hiện hồ sơ trùng lặp.</p>
        )
      }
      submitLabel="Gửi kết quả kiểm tra"
      onDone={onDone}
      send={async (key) => {
        if (!outcome) return { outcome: 'Chọn kết quả kiểm tra' };
        if (outcome === 'ACCEPT') {
          await post('/api/v1/initiatives/{id}/formal-check', id, key, { outcome });
          return 'Hồ sơ hợp lệ, chuyển Hội đồng.';
        }
        if (outcome === 'REQUEST_AMENDMENT') {
          if (!lines(items).length) return { items: 'Nêu ít nhất một nội dung cần bổ sung' };
          await post('/api/v1/initiatives/{id}/formal-check', id, key, { outcome, items: lines(items) });
          return 'Đã yêu cầu bổ sung.';
        }
        if (!reasons.trim()) return { reasons: 'Nêu lý do không chấp nhận' };
        await post('/api/v1/initiatives/{id}/formal-check', id, key, { outcome, reasons });
        return 'Đã không chấp nhận hồ sơ.';
      }}
    >
      {(errors) => (
        <>
          <fieldset id="formal-check-outcome" className={errors['outcome'] ? 'field-error' : ''}>
            <legend>Kết quả kiểm tra</legend>
            {errors['outcome'] && <p className="error-message">{errors['outcome']}</p>}
            {(
              [
                ['ACCEPT', 'Hợp lệ, chấp nhận'],
                ['REQUEST_AMENDMENT', 'Yêu cầu bổ sung'],
                ['NOT_ACCEPT', 'Không chấp nhận'],
              ] as const
            ).map(([v, label]) => (
              <label key={v} className="choice">
                <input
                  type="radio"
                  name="formal-check-outcome"
                  checked={outcome === v}
                  onChange={() => setOutcome(v)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {outcome === 'REQUEST_AMENDMENT' && (
            <TextArea
              id="formal-check"
              name="items"
              label="Những nội dung cần bổ sung"
              hint="Mỗi nội dung một dòng."
              value={items}
              onChange={setItems}
              error={errors['items']}
              required
            />
          )}
          {outcome === 'NOT_ACCEPT' && (
            <TextArea
              id="formal-check"
              name="reasons"
              label="Lý do không chấp nhận"
              value={reasons}
              onChange={setReasons}
              error={errors['reasons']}
              required
            />
          )}
        </>
      )}
    </ActionForm>
  );
}

function Council({ view, onDone }: P) {
  const id = view.initiativeId;
  const councils = useQuery({
    queryKey: ['councils'],
    queryFn: () => call(() => api.GET('/api/v1/admin/councils')),
  });
  const [councilId, setCouncilId] = useState('');
  const chosen = councils.data?.find((c) => c.id === councilId);
  return (
    <ActionForm
      id="council"
      title="Thành lập Hội đồng sáng kiến"
      intro={<p>Giao hồ sơ cho Hội đồng thường trực; thành viên là tác giả sẽ tự động không chấm điểm.</p>}
      submitLabel="Giao Hội đồng"
      onDone={onDone}
      send={async (key) => {
        if (!councilId) return { councilId: 'Chọn Hội đồng' };
        await post('/api/v1/initiatives/{id}/council', id, key, { councilId });
        return 'Đã giao Hội đồng; thành viên được mời chấm điểm.';
      }}
    >
      {(errors) => (
        <>
          <Field label="Hội đồng" error={errors['councilId']} id="council-councilId" required>
            {(p) => (
              <select {...p} value={councilId} onChange={(e) => setCouncilId(e.target.value)}>
                <option value="">— Chọn Hội đồng —</option>
                {councils.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {chosen && (
            <ul className="meta">
              {chosen.members.map((m) => (
                <li key={m.personId}>
                  {m.fullName} — {POSITION_VI[m.position] ?? m.position}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ActionForm>
  );
}

function Scores({ view, onDone }: P) {
  const id = view.initiativeId;
  const rubric = view.rubric ?? [];
  const [values, setValues] = usePersistentState<Record<string, string>>(`scores:${id}`, {});
  const [comment, setComment] = usePersistentState(`scores-c:${id}`, '');
  const total = rubric.reduce((s, r) => s + (Number((values[r.key] ?? '').replace(',', '.')) || 0), 0);
  return (
    <ActionForm
      id="scores"
      title="Phiếu chấm điểm"
      intro={
        <p>
          Chấm độc lập theo bộ tiêu chí phiên bản {view.rulePackVersion}. Điểm của thành viên khác được ẩn đến
          khi mọi người chấm xong. Đã gửi thì không sửa được.
        </p>
      }
      submitLabel="Gửi phiếu chấm"
      onDone={onDone}
      send={async (key) => {
        const errors: Record<string, string> = {};
        const scores: Record<string, number> = {};
        for (const r of rubric) {
          const raw = (values[r.key] ?? '').replace(',', '.').trim();
          const n = Number(raw);
          if (!raw) errors[`scores.${r.key}`] = `Chấm điểm "${r.label}"`;
          else if (!Number.isFinite(n) || n < 0 || n > r.max)
            errors[`scores.${r.key}`] = `"${r.label}" từ 0 đến ${r.max} điểm`;
          else scores[r.key] = n;
        }
        if (Object.keys(errors).length) return errors;
        await post('/api/v1/initiatives/{id}/scores', id, key, {
          scores,
          ...(comment.trim() ? { comment } : {}),
        });
        return 'Đã gửi phiếu chấm điểm.';
      }}
    >
      {(errors) => (
        <>
          {rubric.map((r) => (
            <Field
              key={r.key}
              label={`${r.label} (tối đa ${r.max} điểm)`}
              error={errors[`scores.${r.key}`]}
              id={`scores-scores-${r.key}`}
              required
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={0}
                  max={r.max}
                  step="0.5"
                  inputMode="decimal"
                  value={values[r.key] ?? ''}
                  onChange={(e) => setValues({ ...values, [r.key]: e.target.value })}
                />
              )}
            </Field>
          ))}
          <p role="status" className="tag">
            Tổng: {formatNumber(total)} / {rubric.reduce((s, r) => s + r.max, 0)} điểm
          </p>
          <TextArea id="scores" name="comment" label="Nhận xét" value={comment} onChange={setComment} />
        </>
      )}
    </ActionForm>
  );
}

function Meeting({ view, onDone }: P) {
  const id = view.initiativeId;
  const members = view.council?.members ?? [];
  const voters = members.filter((m) => !view.council!.recused.includes(m.personId));
  const [present, setPresent] = usePersistentState<string[]>(`mt-p:${id}`, () =>
    members.map((m) => m.personId),
  );
  const [votes, setVotes] = usePersistentState<Record<string, 'AGREE' | 'DISAGREE' | 'ABSTAIN'>>(
    `mt-v:${id}`,
    {},
  );
  const [scope, setScope] = useState<'UNIT' | 'PROVINCE'>('UNIT');
  const [minutes, setMinutes] = usePersistentState(`mt-m:${id}`, '');
  // Where the rule pack leaves it to the council, the minutes say which mode it chose at this meeting.
  const chooses = view.votingMode === 'CHOSEN_AT_MEETING';
  const [chosen, setChosen] = useState<'SHOW_OF_HANDS' | 'SECRET_BALLOT'>('SHOW_OF_HANDS');
  const secret = chooses ? chosen === 'SECRET_BALLOT' : view.votingMode === 'SECRET_BALLOT';
  const [ballot, setBallot] = usePersistentState(`mt-b:${id}`, { agree: '', disagree: '', abstain: '' });
  const quorum = Math.ceil((members.length * 2) / 3);
  return (
    <ActionForm
      id="meeting"
      title="Biên bản họp Hội đồng"
      intro={
        <p>
          Cần ít nhất {quorum}/{members.length} thành viên có mặt (2/3) để biểu quyết. Hiện có mặt{' '}
          {present.length}.
        </p>
      }
      submitLabel="Ký, gửi biên bản"
      onDone={onDone}
      send={async (key) => {
        if (!minutes.trim()) return { minutes: 'Ghi nội dung biên bản họp' };
        const v = Object.fromEntries(Object.entries(votes).filter(([pid]) => present.includes(pid)));
        const counts = {
          agree: Number(ballot.agree),
          disagree: Number(ballot.disagree),
          abstain: Number(ballot.abstain),
        };
        if (secret && Object.values(counts).some((n) => !Number.isInteger(n) || n < 0))
          return { 'ballot.agree': 'Ghi số phiếu (số nguyên, từ 0)' };
        await post('/api/v1/initiatives/{id}/meeting', id, key, {
          present,
          ...(secret ? { ballot: counts } : { votes: v }),
          ...(chooses ? { votingMode: chosen } : {}),
          proposedScope: scope,
          minutes,
        });
        return 'Đã lập biên bản họp Hội đồng.';
      }}
    >
      {(errors) => (
        <>
          {chooses && (
            <fieldset>
              <legend>Hình thức biểu quyết Hội đồng đã chọn</legend>
              <label className="choice">
                <input
                  type="radio"
                  name="voting-mode"
                  checked={chosen === 'SHOW_OF_HANDS'}
                  onChange={() => setChosen('SHOW_OF_HANDS')}
                />
                Biểu quyết công khai (ghi biểu quyết của từng thành viên)
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name="voting-mode"
                  checked={chosen === 'SECRET_BALLOT'}
                  onChange={() => setChosen('SECRET_BALLOT')}
                />
                Bỏ phiếu kín (chỉ ghi số phiếu)
              </label>
            </fieldset>
          )}
          <fieldset>
            <legend>Thành viên có mặt và biểu quyết</legend>
            {members.map((m) => {
              const here = present.includes(m.personId);
              const recused = !voters.includes(m);
              return (
                <div key={m.personId} className="vote-row">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={here}
                      onChange={(e) =>
                        setPresent(
                          e.target.checked
                            ? [...present, m.personId]
                            : present.filter((x) => x !== m.personId),
                        )
                      }
                    />
                    {m.fullName} ({POSITION_VI[m.position] ?? m.position}) có mặt
                  </label>
                  {here && !recused && !secret && (
                    <label>
                      <span className="visually-hidden">Biểu quyết của {m.fullName}</span>
                      <select
                        value={votes[m.personId] ?? ''}
                        onChange={(e) => setVotes({ ...votes, [m.personId]: e.target.value as 'AGREE' })}
                      >
                        <option value="">— Biểu quyết —</option>
                        <option value="AGREE">Đồng ý công nhận</option>
                        <option value="DISAGREE">Không đồng ý</option>
                        <option value="ABSTAIN">Không biểu quyết</option>
                      </select>
                    </label>
                  )}
                  {recused && <span className="tag tag-muted">Không biểu quyết (xung đột lợi ích)</span>}
                </div>
              );
            })}
          </fieldset>
          {secret && (
            <fieldset id="meeting-ballot">
              <legend>Kết quả bỏ phiếu kín (chỉ ghi số phiếu)</legend>
              {errors['ballot.agree'] && <p className="error-message">{errors['ballot.agree']}</p>}
              {(
                [
                  ['agree', 'Phiếu đồng ý công nhận'],
                  ['disagree', 'Phiếu không đồng ý'],
                  ['abstain', 'Phiếu không biểu quyết'],
                ] as const
              ).map(([k, label]) => (
                <label key={k} className="field">
                  <span>{label}</span>
                  <input
                    type="number"
                    min={0}
                    step={1}
                    inputMode="numeric"
                    value={ballot[k]}
                    onChange={(e) => setBallot({ ...ballot, [k]: e.target.value })}
                  />
                </label>
              ))}
            </fieldset>
          )}
          <fieldset>
            <legend>Phạm vi đề nghị</legend>
            <label className="choice">
              <input type="radio" name="scope" checked={scope === 'UNIT'} onChange={() => setScope('UNIT')} />
              Có hiệu quả trong phạm vi cơ sở
            </label>
            <label className="choice">
              <input
                type="radio"
                name="scope"
                checked={scope === 'PROVINCE'}
                onChange={() => setScope('PROVINCE')}
              />
              Đề nghị xét phạm vi ảnh hưởng cấp tỉnh
            </label>
          </fieldset>
          <TextArea
            id="meeting"
            name="minutes"
            label="Nội dung biên bản"
            value={minutes}
            onChange={setMinutes}
            error={errors['minutes']}
            required
          />
        </>
      )}
    </ActionForm>
  );
}

interface MetricRow {
  name: string;
  unit: string;
  baseline: string;
  value: string;
}

function MetricsFields({
  id,
  rows,
  setRows,
  errors,
}: {
  id: string;
  rows: MetricRow[];
  setRows: (r: MetricRow[]) => void;
  errors: Record<string, string>;
}) {
  return (
    <fieldset id={`${id}-metrics`}>
      <legend>Chỉ số so với mức ban đầu</legend>
      {errors['metrics'] && <p className="error-message">{errors['metrics']}</p>}
      {rows.map((r, i) => (
        <div key={i} className="inline-fields">
          {(
            [
              ['name', 'Tên chỉ số'],
              ['unit', 'Đơn vị tính'],
              ['baseline', 'Mức ban đầu'],
              ['value', 'Mức hiện tại'],
            ] as const
          ).map(([k, label]) => (
            <Field
              key={k}
              label={`${label} (chỉ số ${i + 1})`}
              error={errors[`metrics.${i}.${k}`]}
              id={`${id}-metrics-${i}-${k}`}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode={k === 'baseline' || k === 'value' ? 'decimal' : undefined}
                  value={r[k]}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
                />
              )}
            </Field>
          ))}
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() => setRows([...rows, { name: '', unit: '', baseline: '', value: '' }])}
      >
        Thêm chỉ số
      </Button>
    </fieldset>
  );
}

function metricsOf(rows: MetricRow[]) {
  const errors: Record<string, string> = {};
  const metrics = rows
    .filter((r) => r.name.trim() || r.baseline.trim() || r.value.trim())
    .map((r, i) => {
      const baseline = Number(r.baseline.replace(',', '.'));
      const value = Number(r.value.replace(',', '.'));
      if (!r.name.trim()) errors[`metrics.${i}.name`] = `Chỉ số ${i + 1}: cần tên`;
      if (!r.unit.trim()) errors[`metrics.${i}.unit`] = `Chỉ số ${i + 1}: cần đơn vị tính`;
      if (!r.baseline.trim() || !Number.isFinite(baseline))
        errors[`metrics.${i}.baseline`] = `Chỉ số ${i + 1}: mức ban đầu là số`;
      if (!r.value.trim() || !Number.isFinite(value))
        errors[`metrics.${i}.value`] = `Chỉ số ${i + 1}: mức hiện tại là số`;
      return { name: r.name, unit: r.unit, baseline, value };
    });
  if (metrics.length === 0) errors['metrics'] = 'Cần ít nhất một chỉ số';
  return { metrics, errors };
}

function EffectReport({ view, onDone }: P) {
  const id = view.initiativeId;
  const [periodEnd, setPeriodEnd] = useState(todayInVietnam());
  const [rows, setRows] = usePersistentState<MetricRow[]>(`er-m:${id}`, [
    { name: '', unit: '', baseline: '', value: '' },
  ]);
  const [money, setMoney] = useState('');
  const [note, setNote] = usePersistentState(`er-n:${id}`, '');
  const evidence = (view.attachments ?? []).map((a) => a.id);
  return (
    <ActionForm
      id="effect-reports"
      title="Báo cáo hiệu quả áp dụng"
      intro={
        <p>
          Số liệu so với mức ban đầu; tài liệu chứng minh đính kèm ở phần "Đính kèm tệp" được gửi kèm báo cáo.
        </p>
      }
      submitLabel="Gửi báo cáo"
      onDone={onDone}
      send={async (key) => {
        const { metrics, errors } = metricsOf(rows);
        const vnd = money.trim() ? Number(money.replace(/[.\s]/g, '')) : undefined;
        if (vnd !== undefined && !(Number.isInteger(vnd) && vnd >= 0))
          errors['monetaryBenefitVnd'] = 'Lợi ích kinh tế là số đồng';
        if (Object.keys(errors).length) return errors;
        await post('/api/v1/initiatives/{id}/effect-reports', id, key, {
          periodEnd,
          metrics,
          evidenceRefs: evidence,
          ...(vnd !== undefined ? { monetaryBenefitVnd: vnd } : {}),
          ...(note.trim() ? { note } : {}),
        });
        return 'Đã gửi báo cáo hiệu quả.';
      }}
    >
      {(errors) => (
        <>
          <Field
            label="Kỳ báo cáo đến ngày"
            error={errors['periodEnd']}
            id="effect-reports-periodEnd"
            required
          >
            {(p) => (
              <input {...p} type="date" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} />
            )}
          </Field>
          <MetricsFields id="effect-reports" rows={rows} setRows={setRows} errors={errors} />
          <Field
            label="Lợi ích kinh tế (đồng)"
            hint="Nếu tính được, ví dụ 1.500.000"
            error={errors['monetaryBenefitVnd']}
            id="effect-reports-monetaryBenefitVnd"
          >
            {(p) => (
              <input {...p} inputMode="numeric" value={money} onChange={(e) => setMoney(e.target.value)} />
            )}
          </Field>
          <TextArea id="effect-reports" name="note" label="Ghi chú" value={note} onChange={setNote} />
        </>
      )}
    </ActionForm>
  );
}

function FirstApplication({ view, onDone }: P) {
  const id = view.initiativeId;
  const [date, setDate] = useState(todayInVietnam());
  return (
    <ActionForm
      id="first-application"
      title="Ghi nhận hoàn thành áp dụng lần đầu"
      submitLabel="Ghi nhận"
      onDone={onDone}
      send={async (key) => {
        await post('/api/v1/initiatives/{id}/first-application', id, key, { completedOn: date });
        return 'Đã ghi nhận hoàn thành áp dụng lần đầu.';
      }}
    >
      {(errors) => (
        <Field
          label="Ngày hoàn thành"
          error={errors['completedOn']}
          id="first-application-completedOn"
          required
        >
          {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      )}
    </ActionForm>
  );
}

function VerdictFields({
  id,
  verdict,
  setVerdict,
  summary,
  setSummary,
  errors,
}: {
  id: string;
  verdict: string;
  setVerdict: (v: 'EFFECTIVE' | 'NOT_EFFECTIVE') => void;
  summary: string;
  setSummary: (v: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <fieldset id={`${id}-verdict`} className={errors['verdict'] ? 'field-error' : ''}>
        <legend>Kết luận</legend>
        {errors['verdict'] && <p className="error-message">{errors['verdict']}</p>}
        <label className="choice">
          <input
            type="radio"
            name={`${id}-verdict`}
            checked={verdict === 'EFFECTIVE'}
            onChange={() => setVerdict('EFFECTIVE')}
          />
          Có hiệu quả
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-verdict`}
            checked={verdict === 'NOT_EFFECTIVE'}
            onChange={() => setVerdict('NOT_EFFECTIVE')}
          />
          Không có hiệu quả
        </label>
      </fieldset>
      <TextArea
        id={id}
        name="summary"
        label="Nội dung xác nhận"
        value={summary}
        onChange={setSummary}
        error={errors['summary']}
        required
      />
    </>
  );
}

function EffectConfirmation({ view, onDone }: P) {
  const id = view.initiativeId;
  const [verdict, setVerdict] = useState<'EFFECTIVE' | 'NOT_EFFECTIVE' | ''>('');
  const [summary, setSummary] = usePersistentState(`ec-s:${id}`, '');
  return (
    <ActionForm
      id="effect-confirmation"
      title="Xác nhận hiệu quả áp dụng"
      submitLabel="Xác nhận"
      onDone={onDone}
      send={async (key) => {
        if (!verdict) return { verdict: 'Chọn kết luận' };
        if (!summary.trim()) return { summary: 'Ghi nội dung xác nhận' };
        await post('/api/v1/initiatives/{id}/effect-confirmation', id, key, { verdict, summary });
        return 'Đã xác nhận hiệu quả; hồ sơ trình Chủ tịch UBND xã.';
      }}
    >
      {(errors) => (
        <VerdictFields
          id="effect-confirmation"
          verdict={verdict}
          setVerdict={setVerdict}
          summary={summary}
          setSummary={setSummary}
          errors={errors}
        />
      )}
    </ActionForm>
  );
}

function Decision({ view, onDone }: P) {
  const id = view.initiativeId;
  const [outcome, setOutcome] = useState<'RECOGNISE' | 'REFUSE' | ''>('');
  const [reasons, setReasons] = usePersistentState(`dc-r:${id}`, '');
  return (
    <ActionForm
      id="decision"
      title="Quyết định công nhận sáng kiến"
      intro={
        <p>
          Hội đồng {view.councilRecommended ? 'đề nghị công nhận' : 'không đề nghị công nhận'}
          {view.meanScore !== null ? `, điểm trung bình ${formatNumber(view.meanScore)}` : ''}
          {view.effect?.verdict ? `; hiệu quả: ${view.effect.verdict === 'EFFECTIVE' ? 'có' : 'không'}` : ''}.
        </p>
      }
      submitLabel="Ký quyết định"
      onDone={onDone}
      send={async (key) => {
        if (!outcome) return { outcome: 'Chọn công nhận hoặc từ chối' };
        if (outcome === 'REFUSE' && !reasons.trim())
          return { reasons: 'Từ chối công nhận phải nêu lý do bằng văn bản' };
        await post(
          '/api/v1/initiatives/{id}/decision',
          id,
          key,
          outcome === 'REFUSE' ? { outcome, reasons } : { outcome, ...(reasons.trim() ? { reasons } : {}) },
        );
        return outcome === 'RECOGNISE'
          ? 'Đã ký quyết định công nhận, cấp Giấy chứng nhận.'
          : 'Đã ký văn bản từ chối công nhận.';
      }}
    >
      {(errors) => (
        <>
          <fieldset id="decision-outcome" className={errors['outcome'] ? 'field-error' : ''}>
            <legend>Quyết định</legend>
            {errors['outcome'] && <p className="error-message">{errors['outcome']}</p>}
            <label className="choice">
              <input
                type="radio"
                name="decision-outcome"
                checked={outcome === 'RECOGNISE'}
                onChange={() => setOutcome('RECOGNISE')}
              />
              Công nhận sáng kiến, cấp Giấy chứng nhận
            </label>
            <label className="choice">
              <input
                type="radio"
                name="decision-outcome"
                checked={outcome === 'REFUSE'}
                onChange={() => setOutcome('REFUSE')}
              />
              Từ chối công nhận
            </label>
          </fieldset>
          <p className="meta">
            Chức danh ký theo chức vụ của bạn trong danh bạ: Chủ tịch ký “CHỦ TỊCH”; Phó Chủ tịch được phân
            công ký “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”.
          </p>
          <TextArea
            id="decision"
            name="reasons"
            label={outcome === 'REFUSE' ? 'Lý do từ chối' : 'Căn cứ, ghi chú'}
            value={reasons}
            onChange={setReasons}
            error={errors['reasons']}
            required={outcome === 'REFUSE'}
          />
        </>
      )}
    </ActionForm>
  );
}

function Appeal({ view, onDone }: P) {
  const id = view.initiativeId;
  const [grounds, setGrounds] = usePersistentState(`ap:${id}`, '');
  return (
    <ActionForm
      id="appeal"
      title="Khiếu nại quyết định từ chối công nhận"
      submitLabel="Gửi khiếu nại"
      onDone={onDone}
      send={async (key) => {
        if (!grounds.trim()) return { grounds: 'Nêu nội dung khiếu nại' };
        await post('/api/v1/initiatives/{id}/appeal', id, key, { grounds });
        return 'Đã gửi khiếu nại.';
      }}
    >
      {(errors) => (
        <TextArea
          id="appeal"
          name="grounds"
          label="Nội dung khiếu nại"
          value={grounds}
          onChange={setGrounds}
          error={errors['grounds']}
          required
        />
      )}
    </ActionForm>
  );
}

function UnitChecks({
  id,
  units,
  chosen,
  setChosen,
  error,
}: {
  id: string;
  units: { id: string; name: string }[];
  chosen: string[];
  setChosen: (u: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset id={`${id}-unitIds`} className={error ? 'field-error' : ''}>
      <legend>Đơn vị nhân rộng</legend>
      {error && <p className="error-message">{error}</p>}
      {units.map((u) => (
        <label key={u.id} className="choice">
          <input
            type="checkbox"
            checked={chosen.includes(u.id)}
            onChange={(e) =>
              setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))
            }
          />
          {u.name}
        </label>
      ))}
    </fieldset>
  );
}

function Replication({ view, onDone }: P) {
  const id = view.initiativeId;
  const all = useQuery({ queryKey: ['units'], queryFn: () => call(() => api.GET('/api/v1/units')) });
  const [chosen, setChosen] = useState<string[]>([]);
  const taken = new Set([view.dossier.unitId, ...(view.replication?.targets.map((t) => t.unitId) ?? [])]);
  const units = (all.data ?? []).filter((u) => !taken.has(u.id));
  return (
    <ActionForm
      id="replication"
      title="Chỉ định đơn vị nhân rộng"
      intro={<p>Mỗi đơn vị được chỉ định lập kế hoạch, báo cáo và xác nhận hiệu quả tại đơn vị mình.</p>}
      submitLabel="Chỉ định"
      onDone={onDone}
      send={async (key) => {
        if (!chosen.length) return { unitIds: 'Chọn ít nhất một đơn vị' };
        await post('/api/v1/initiatives/{id}/replication', id, key, { unitIds: chosen });
        setChosen([]);
        return 'Đã chỉ định đơn vị nhân rộng.';
      }}
    >
      {(errors) => (
        <UnitChecks
          id="replication"
          units={units}
          chosen={chosen}
          setChosen={setChosen}
          error={errors['unitIds']}
        />
      )}
    </ActionForm>
  );
}

/** An adopting unit's own steps: plan, effect report, confirmation. */
function Adoption({ view, unitId, onDone }: P & { unitId: string }) {
  const id = view.initiativeId;
  const replication = useQuery({
    queryKey: ['adoption', id, unitId, view.revision],
    queryFn: () =>
      call(() =>
        api.GET('/api/v1/initiatives/{id}/replications/{unitId}', { params: { path: { id, unitId } } }),
      ),
  });
  const state = replication.data as { plan?: unknown; reports?: unknown[]; status?: string } | undefined;
  const [startDate, setStartDate] = useState(todayInVietnam());
  const [plan, setPlan] = usePersistentState(`ad-p:${id}:${unitId}`, '');
  const [rows, setRows] = usePersistentState<MetricRow[]>(`ad-m:${id}:${unitId}`, [
    { name: '', unit: '', baseline: '', value: '' },
  ]);
  const [verdict, setVerdict] = useState<'EFFECTIVE' | 'NOT_EFFECTIVE' | ''>('');
  const [summary, setSummary] = useState('');
  const queries = useQueryClient();
  const refresh = (text: string) => {
    void queries.invalidateQueries({ queryKey: ['adoption', id, unitId] });
    onDone(text);
  };
  return (
    <>
      <h3 className="subhead">Nhân rộng tại đơn vị của tôi ({unitId})</h3>
      {!state?.plan && (
        <ActionForm
          id={`plan-${unitId}`}
          title="Kế hoạch nhân rộng"
          submitLabel="Gửi kế hoạch"
          onDone={refresh}
          send={async (key) => {
            if (!plan.trim()) return { plan: 'Ghi nội dung kế hoạch' };
            await postAdoption('/api/v1/initiatives/{id}/replications/{unitId}/plan', id, unitId, key, {
              startDate,
              plan,
            });
            return 'Đã gửi kế hoạch nhân rộng.';
          }}
        >
          {(errors) => (
            <>
              <Field label="Ngày bắt đầu áp dụng" id={`plan-${unitId}-startDate`}>
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    value={startDate}
                    onChange={(e) => setStartDate(e.target.value)}
                  />
                )}
              </Field>
              <TextArea
                id={`plan-${unitId}`}
                name="plan"
                label="Kế hoạch"
                value={plan}
                onChange={setPlan}
                error={errors['plan']}
                required
              />
            </>
          )}
        </ActionForm>
      )}
      <ActionForm
        id={`adopt-report-${unitId}`}
        title="Báo cáo hiệu quả tại đơn vị nhân rộng"
        submitLabel="Gửi báo cáo nhân rộng"
        onDone={refresh}
        send={async (key) => {
          const { metrics, errors } = metricsOf(rows);
          if (Object.keys(errors).length) return errors;
          await postAdoption('/api/v1/initiatives/{id}/replications/{unitId}/reports', id, unitId, key, {
            periodEnd: todayInVietnam(),
            metrics,
            evidenceRefs: [],
          });
          return 'Đã gửi báo cáo nhân rộng.';
        }}
      >
        {(errors) => (
          <MetricsFields id={`adopt-report-${unitId}`} rows={rows} setRows={setRows} errors={errors} />
        )}
      </ActionForm>
      {(state?.reports?.length ?? 0) > 0 && (
        <ActionForm
          id={`adopt-confirm-${unitId}`}
          title="Xác nhận hiệu quả tại đơn vị nhân rộng"
          submitLabel="Xác nhận"
          onDone={refresh}
          send={async (key) => {
            if (!verdict) return { verdict: 'Chọn kết luận' };
            if (!summary.trim()) return { summary: 'Ghi nội dung xác nhận' };
            await postAdoption(
              '/api/v1/initiatives/{id}/replications/{unitId}/confirmation',
              id,
              unitId,
              key,
              { verdict, summary },
            );
            return 'Đã xác nhận hiệu quả nhân rộng.';
          }}
        >
          {(errors) => (
            <VerdictFields
              id={`adopt-confirm-${unitId}`}
              verdict={verdict}
              setVerdict={setVerdict}
              summary={summary}
              setSummary={setSummary}
              errors={errors}
            />
          )}
        </ActionForm>
      )}
    </>
  );
}

function Attachments({ view, onDone }: P) {
  const id = view.initiativeId;
  const [file, setFile] = useState<File | null>(null);
  const [confidential, setConfidential] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [inputKey, setInputKey] = useState(0);
  return (
    <ActionForm
      id="attachments"
      title="Đính kèm tệp"
      intro={
        <p className="hint">
          PDF, ảnh, Word, Excel. Tệp được kiểm tra theo nội dung; chỉ người xử lý hồ sơ xem được.
        </p>
      }
      submitLabel="Tải lên"
      onDone={onDone}
      send={async (key) => {
        if (!file) return { file: 'Chọn tệp cần đính kèm' };
        const form = new FormData();
        form.append('confidential', String(confidential));
        form.append('file', file);
        setProgress(0);
        try {
          await upload(`/api/v1/initiatives/${encodeURIComponent(id)}/attachments`, form, key, setProgress);
        } finally {
          setProgress(null);
        }
        setFile(null);
        setInputKey((k) => k + 1);
        return `Đã đính kèm "${file.name}".`;
      }}
    >
      {(errors) => (
        <>
          <Field label="Tệp" error={errors['file']} id="attachments-file" required>
            {(p) => (
              <input
                {...p}
                key={inputKey}
                type="file"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <label className="choice">
            <input
              type="checkbox"
              checked={confidential}
              onChange={(e) => setConfidential(e.target.checked)}
            />
            Tệp chứa thông tin cần bảo mật
          </label>
          {progress !== null && (
            <p>
              <label htmlFor="upload-progress">Đang tải lên {Math.round(progress * 100)}%</label>
              <progress id="upload-progress" className="progress" max={1} value={progress} />
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}

function Extension({ view, onDone }: P) {
  const id = view.initiativeId;
  const [days, setDays] = useState('5');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<'STEP' | 'DECISION_CLOCK'>('STEP');
  return (
    <ActionForm
      id="extension"
      title="Gia hạn xử lý"
      submitLabel="Gia hạn"
      onDone={onDone}
      send={async (key) => {
        const n = Number(days);
        const errors: Record<string, string> = {};
        if (!Number.isInteger(n) || n < 1 || n > 400) errors['by'] = 'Số ngày làm việc từ 1 đến 400';
        if (!reason.trim()) errors['reason'] = 'Nêu lý do gia hạn';
        if (Object.keys(errors).length) return errors;
        await post('/api/v1/initiatives/{id}/deadline-extension', id, key, {
          by: { workingDays: n },
          reason,
          target,
        });
        return `Đã gia hạn ${n} ngày làm việc.`;
      }}
    >
      {(errors) => (
        <>
          <Field label="Gia hạn thêm (ngày làm việc)" error={errors['by']} id="extension-by" required>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={400}
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
          {view.decisionClock && (
            <Field label="Thời hạn được gia hạn" id="extension-target">
              {(p) => (
                <select {...p} value={target} onChange={(e) => setTarget(e.target.value as 'STEP')}>
                  <option value="STEP">Hạn của bước hiện tại</option>
                  <option value="DECISION_CLOCK">Thời hạn ra quyết định công nhận</option>
                </select>
              )}
            </Field>
          )}
          <TextArea
            id="extension"
            name="reason"
            label="Lý do gia hạn"
            value={reason}
            onChange={setReason}
            error={errors['reason']}
            required
          />
        </>
      )}
    </ActionForm>
  );
}

function Reassignment({ view, onDone }: P) {
  const id = view.initiativeId;
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  return (
    <details className="card">
      <summary>Chuyển xử lý cho người khác</summary>
      <ActionForm
        id="reassignment"
        title="Chuyển xử lý"
        submitLabel="Chuyển xử lý"
        onDone={onDone}
        send={async (key) => {
          const errors: Record<string, string> = {};
          if (!/^[a-z0-9][a-z0-9.-]{1,63}$/.test(personId))
            errors['personId'] = 'Nhập mã người nhận (ví dụ p-uyvien2)';
          if (!reason.trim()) errors['reason'] = 'Nêu lý do chuyển xử lý';
          if (Object.keys(errors).length) return errors;
          await post('/api/v1/initiatives/{id}/reassignment', id, key, { personId, reason });
          return 'Đã chuyển xử lý.';
        }}
      >
        {(errors) => (
          <>
            <Field label="Mã người nhận xử lý" error={errors['personId']} id="reassignment-personId" required>
              {(p) => <input {...p} value={personId} onChange={(e) => setPersonId(e.target.value.trim())} />}
            </Field>
            <TextArea
              id="reassignment"
              name="reason"
              label="Lý do"
              value={reason}
              onChange={setReason}
              error={errors['reason']}
              required
            />
          </>
        )}
      </ActionForm>
    </details>
  );
}

function Reminder({ view, onDone }: P) {
  const id = view.initiativeId;
  const [message, setMessage] = useState('');
  return (
    <ActionForm
      id="reminder"
      title="Nhắc việc"
      intro={<p className="hint">Gửi nhắc nhở đến người đang phải xử lý hồ sơ.</p>}
      submitLabel="Gửi nhắc việc"
      onDone={onDone}
      send={async (key) => {
        await post('/api/v1/initiatives/{id}/reminders', id, key, message.trim() ? { message } : {});
        setMessage('');
        return 'Đã gửi nhắc việc.';
      }}
    >
      {() => (
        <Field label="Lời nhắn (không bắt buộc)" id="reminder-message">
          {(p) => <input {...p} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
      )}
    </ActionForm>
  );
}

/** A weighty step behind a disclosure (it ends the case or the person's part in it): one required text, then send. */
function ReasonPanel({
  id,
  summary,
  intro,
  label,
  missing,
  submitLabel,
  field,
  send,
  onDone,
}: {
  id: string;
  summary: string;
  intro: string;
  label: string;
  missing: string;
  submitLabel: string;
  field: string;
  send: (key: string, text: string) => Promise<string>;
  onDone: (text: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <details className="card">
      <summary>{summary}</summary>
      <ActionForm
        id={id}
        title={summary}
        intro={<p>{intro}</p>}
        submitLabel={submitLabel}
        danger
        onDone={onDone}
        send={async (key) => (text.trim() ? send(key, text) : { [field]: missing })}
      >
        {(errors) => (
          <TextArea
            id={id}
            name={field}
            label={label}
            value={text}
            onChange={setText}
            error={errors[field]}
            required
          />
        )}
      </ActionForm>
    </details>
  );
}

function Conflict({ view, onDone }: P) {
  return (
    <ReasonPanel
      id="conflict"
      summary="Khai xung đột lợi ích"
      intro="Sau khi khai, bạn không chấm điểm và không biểu quyết hồ sơ này."
      label="Lý do"
      missing="Nêu lý do xung đột lợi ích"
      submitLabel="Gửi lời khai"
      field="reason"
      onDone={onDone}
      send={async (key, reason) => {
        await post('/api/v1/initiatives/{id}/conflict-declaration', view.initiativeId, key, { reason });
        return 'Đã ghi nhận khai xung đột lợi ích.';
      }}
    />
  );
}

function Withdrawal({ view, onDone }: P) {
  return (
    <ReasonPanel
      id="withdrawal"
      summary="Rút hồ sơ"
      intro="Hồ sơ đã rút sẽ kết thúc và không được xét tiếp."
      label="Lý do rút hồ sơ"
      missing="Nêu lý do rút hồ sơ"
      submitLabel="Rút hồ sơ"
      field="reason"
      onDone={onDone}
      send={async (key, reason) => {
        await post('/api/v1/initiatives/{id}/withdrawal', view.initiativeId, key, { reason });
        return 'Đã rút hồ sơ.';
      }}
    />
  );
}

function Revocation({ view, onDone }: P) {
  return (
    <ReasonPanel
      id="revocation"
      summary="Hủy bỏ quyết định công nhận"
      intro="Chỉ khi hồ sơ khai man, không trung thực hoặc thẩm định trái pháp luật."
      label="Lý do hủy bỏ"
      missing="Nêu lý do hủy bỏ"
      submitLabel="Hủy bỏ quyết định"
      field="reasons"
      onDone={onDone}
      send={async (key, reasons) => {
        await post('/api/v1/initiatives/{id}/revocation', view.initiativeId, key, { reasons });
        return 'Đã hủy bỏ quyết định công nhận.';
      }}
    />
  );
}
