/**
 * Supervision actions (workflows/stages/supervision.ts), open at any step: extending a deadline, handing the case to
 * another person, and reminding whoever must act.
 */
import { useState } from 'react';
import { Field } from '../forms';
import { ActionForm, post, TextArea, type P } from './shared';

export function Extension({ view, onDone }: P) {
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

export function Reassignment({ view, onDone }: P) {
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

export function Reminder({ view, onDone }: P) {
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
