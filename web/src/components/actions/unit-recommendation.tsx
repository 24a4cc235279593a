/**
 * Actions of the unit-recommendation stage (workflows/stages/unit-recommendation.ts): the unit head's review, the
 * author's amendment, the secretary's registration and formal check. (Withdrawal is a reason form: reason-form.tsx.)
 */
import { useState } from 'react';
import { formatNumber } from '../../format';
import { checkDossier, draftOf, toDossier, type DossierDraft } from '../dossier-draft';
import { DossierForm } from '../dossier-form';
import { Field, useAction, usePersistentState } from '../forms';
import { Choice } from '../choice';
import { ActionForm, lines, post, TextArea, type P } from './shared';

export function UnitReview({ view, onDone }: P) {
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
          <Choice
            id="unit-review-outcome"
            name="unit-review-outcome"
            legend="Ý kiến của đơn vị"
            options={[
              ['ENDORSE', 'Đồng ý, trình Hội đồng'],
              ['RETURN', 'Trả lại để bổ sung'],
              ['DECLINE', 'Từ chối'],
            ]}
            value={outcome}
            onChange={setOutcome}
            error={errors['outcome']}
          />
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
          <ReturnOrRefuse
            id="unit-review"
            shown={outcome === 'RETURN' ? 'items' : outcome === 'DECLINE' ? 'reasons' : null}
            itemsHint="Mỗi nội dung một dòng; nêu đủ một lần để tác giả sửa một lượt."
            reasonsLabel="Lý do từ chối"
            items={[items, setItems]}
            reasons={[reasons, setReasons]}
            errors={errors}
          />
        </>
      )}
    </ActionForm>
  );
}

export function Amendment({ view, onDone }: P) {
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

export function Registration({ view, onDone }: P) {
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

export function FormalCheck({ view, onDone }: P) {
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
          <Choice
            id="formal-check-outcome"
            name="formal-check-outcome"
            legend="Kết quả kiểm tra"
            options={[
              ['ACCEPT', 'Hợp lệ, chấp nhận'],
              ['REQUEST_AMENDMENT', 'Yêu cầu bổ sung'],
              ['NOT_ACCEPT', 'Không chấp nhận'],
            ]}
            value={outcome}
            onChange={setOutcome}
            error={errors['outcome']}
          />
          <ReturnOrRefuse
            id="formal-check"
            shown={outcome === 'REQUEST_AMENDMENT' ? 'items' : outcome === 'NOT_ACCEPT' ? 'reasons' : null}
            itemsHint="Mỗi nội dung một dòng."
            reasonsLabel="Lý do không chấp nhận"
            items={[items, setItems]}
            reasons={[reasons, setReasons]}
            errors={errors}
          />
        </>
      )}
    </ActionForm>
  );
}

/** What a person returning a dossier (what to fix, one per line) or refusing it (the reasons) writes. */
function ReturnOrRefuse({
  id,
  shown,
  itemsHint,
  reasonsLabel,
  items: [items, setItems],
  reasons: [reasons, setReasons],
  errors,
}: {
  id: string;
  shown: 'items' | 'reasons' | null;
  itemsHint: string;
  reasonsLabel: string;
  items: [string, (v: string) => void];
  reasons: [string, (v: string) => void];
  errors: Record<string, string>;
}) {
  if (shown === 'items')
    return (
      <TextArea
        id={id}
        name="items"
        label="Những nội dung cần bổ sung"
        hint={itemsHint}
        value={items}
        onChange={setItems}
        error={errors['items']}
        required
      />
    );
  if (shown === 'reasons')
    return (
      <TextArea
        id={id}
        name="reasons"
        label={reasonsLabel}
        value={reasons}
        onChange={setReasons}
        error={errors['reasons']}
        required
      />
    );
  return null;
}
