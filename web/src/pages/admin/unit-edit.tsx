/** Quản trị › Đơn vị › Sửa: rename a unit or close it (with the reason), or open it again; its history stays. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { DoneNotice } from '../../components/feedback';
import { Button, ErrorSummary, Field, useAction } from '../../components/forms';

export function EditUnit({ unit }: { unit: { id: string; name: string; closed: boolean } }) {
  const queries = useQueryClient();
  const [name, setName] = useState(unit.name);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const patch = (body: { name?: string; closed?: boolean; reason?: string }) =>
    call(() => api.PATCH('/api/v1/admin/units/{id}', { params: { path: { id: unit.id } }, body })).then(
      async (r) => {
        await queries.invalidateQueries({ queryKey: ['units'] });
        return r;
      },
    );
  const rename = useAction(async () => {
    const r = await patch({ name: name.trim() });
    setDone(`Đã đổi tên thành ${r.name}; hồ sơ cũ vẫn thuộc đơn vị này.`);
    return r;
  });
  const close = useAction(async () => {
    const r = await patch(unit.closed ? { closed: false } : { closed: true, reason: reason.trim() });
    setDone(r.closed ? 'Đã đóng đơn vị: không nhận hồ sơ mới, hồ sơ cũ giữ nguyên.' : 'Đã mở lại đơn vị.');
    return r;
  });
  const base = `unit-${unit.id}`;
  return (
    <div className="edit-person">
      <ErrorSummary
        message={rename.message ?? close.message}
        errors={{ ...rename.errors, ...close.errors }}
        fieldIds={{ name: `${base}-name`, reason: `${base}-reason` }}
      />
      <DoneNotice text={done} />
      <div className="inline-fields">
        <Field label="Tên đơn vị" id={`${base}-name`} error={rename.errors['name']} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        {!unit.closed && (
          <Field
            label="Lý do đóng đơn vị"
            hint="Ví dụ: sáp nhập vào đơn vị khác."
            id={`${base}-reason`}
            error={close.errors['reason']}
          >
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        )}
      </div>
      <div className="actions-row">
        <Button onClick={() => void rename.submit()} pending={rename.pending} pendingText="Đang lưu…">
          Đổi tên
        </Button>
        <Button
          variant={unit.closed ? 'secondary' : 'danger'}
          onClick={() => void close.submit()}
          pending={close.pending}
          pendingText="Đang lưu…"
        >
          {unit.closed ? 'Mở lại đơn vị' : 'Đóng đơn vị'}
        </Button>
      </div>
    </div>
  );
}
