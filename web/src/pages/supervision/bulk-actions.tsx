/** Giám sát › Xử lý các hồ sơ đã chọn: "Nhắc việc" with an optional message, "Gia hạn" by working days with a reason. */
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { Button, ErrorSummary, Field, useAction, usePersistentState } from '../../components/forms';
import { BulkOutcome } from './bulk-outcome';
import type { BulkResult, StuckRow } from './shared';

export function BulkActions({ ids, rows, onDone }: { ids: string[]; rows: StuckRow[]; onDone: () => void }) {
  const queries = useQueryClient();
  const [message, setMessage] = usePersistentState('giam-sat:nhac-viec', '');
  const [days, setDays] = usePersistentState('giam-sat:gia-han-ngay', '5');
  const [reason, setReason] = usePersistentState('giam-sat:gia-han-ly-do', '');
  const [outcome, setOutcome] = useState<{ kind: 'remind' | 'extend'; results: BulkResult[] } | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Titles stay known after the acted-on rows leave the board (an extended case is no longer overdue).
  const titlesRef = useRef(new Map<string, string>());
  for (const r of rows) titlesRef.current.set(r.id, r.title);
  const titles = titlesRef.current;

  const refresh = () => void queries.invalidateQueries({ queryKey: ['supervision'] });

  const remind = useAction(async (key) => {
    const body = { ids, ...(message.trim() ? { message: message.trim() } : {}) };
    const res = await call(() =>
      api.POST('/api/v1/supervision/reminders', { body, headers: { 'Idempotency-Key': key } }),
    );
    setOutcome({ kind: 'remind', results: res.results });
    setMessage('');
    onDone();
    refresh();
    return res;
  });
  const extend = useAction(async (key) => {
    const body = { ids, by: { workingDays: Number(days) }, reason: reason.trim() };
    const res = await call(() =>
      api.POST('/api/v1/supervision/extensions', { body, headers: { 'Idempotency-Key': key } }),
    );
    setOutcome({ kind: 'extend', results: res.results });
    setReason('');
    onDone();
    refresh();
    return res;
  });

  const none = ids.length === 0;
  const doRemind = () => {
    setLocalErrors({});
    setOutcome(null);
    void remind.submit();
  };
  const doExtend = () => {
    const errs: Record<string, string> = {};
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 400) errs['by'] = 'Số ngày làm việc gia hạn từ 1 đến 400';
    if (!reason.trim()) errs['reason'] = 'Nêu lý do gia hạn';
    setLocalErrors(errs);
    setOutcome(null);
    if (Object.keys(errs).length === 0) void extend.submit();
  };
  const extendErrors = { ...localErrors, ...byPrefix(extend.errors) };
  const ids2 = { message: 'bulk-message', days: 'bulk-days', reason: 'bulk-reason' };

  return (
    <div className="card bulk-actions" aria-labelledby="bulk-title">
      <h3 id="bulk-title">Xử lý các hồ sơ đã chọn ({ids.length})</h3>
      {none && <p className="meta">Đánh dấu ô “Chọn” ở các hồ sơ trong bảng để nhắc việc hoặc gia hạn.</p>}
      {outcome && <BulkOutcome outcome={outcome} titles={titles} />}
      <div className="grid grid-halves">
        <fieldset>
          <legend>Nhắc việc</legend>
          <ErrorSummary message={remind.message} errors={remind.errors} />
          <Field
            id={ids2.message}
            label="Lời nhắc (không bắt buộc)"
            hint="Gửi kèm thông báo nhắc việc tới người đang phải xử lý."
            error={remind.errors['message']}
          >
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={1000}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            )}
          </Field>
          <Button onClick={doRemind} pending={remind.pending} disabled={none}>
            Nhắc việc{ids.length > 0 ? ` (${ids.length} hồ sơ)` : ''}
          </Button>
        </fieldset>
        <fieldset>
          <legend>Gia hạn</legend>
          <ErrorSummary
            message={extend.message}
            errors={extend.errors}
            fieldIds={{ reason: ids2.reason, 'by.workingDays': ids2.days, by: ids2.days }}
          />
          <Field
            id={ids2.days}
            label="Số ngày làm việc gia hạn thêm"
            hint="Tính theo ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ)."
            error={extendErrors['by']}
            required
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={400}
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
          <Field id={ids2.reason} label="Lý do gia hạn" error={extendErrors['reason']} required>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={5000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <Button onClick={doExtend} pending={extend.pending} disabled={none}>
            Gia hạn{ids.length > 0 ? ` (${ids.length} hồ sơ)` : ''}
          </Button>
        </fieldset>
      </div>
    </div>
  );
}

/** Field errors keyed `by.workingDays` shown at the "by" field. */
function byPrefix(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k.startsWith('by') ? 'by' : k] ??= v;
  return out;
}
