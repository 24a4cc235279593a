/**
 * Actions of the effect-tracking stage (workflows/stages/effect-tracking.ts): the effect report, the first
 * application's completion, and the effect confirmation.
 */
import { useState } from 'react';
import { todayInVietnam } from '../../format';
import { Field, usePersistentState } from '../forms';
import { MetricsFields, metricsOf, VerdictFields, type MetricRow } from './effect-fields';
import { ActionForm, post, TextArea, type P } from './shared';

export function EffectReport({ view, onDone }: P) {
  const id = view.initiativeId;
  const [periodEnd, setPeriodEnd] = useState(todayInVietnam());
  const [rows, setRows] = usePersistentState<MetricRow[]>(`er-m:${id}`, [
    { name: '', unit: '', baseline: '', value: '' },
  ]);
  const [money, setMoney] = useState('');
  const [note, setNote] = usePersistentState(`er-n:${id}`, '');
  // The files as they stand: a version replaced by a newer one is not sent as evidence.
  const evidence = (view.attachments ?? []).filter((a) => !a.replacedBy).map((a) => a.id);
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

export function FirstApplication({ view, onDone }: P) {
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

export function EffectConfirmation({ view, onDone }: P) {
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
