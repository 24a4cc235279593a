/**
 * Fields an effect report and an effect confirmation share, at the initiative's own unit (effect tracking) and at
 * each adopting unit (replication follow-up): metrics against their baseline, and a verdict with its summary.
 */
import { Button, Field } from '../forms';
import { TextArea } from './shared';

export interface MetricRow {
  name: string;
  unit: string;
  baseline: string;
  value: string;
}

export function MetricsFields({
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

export function metricsOf(rows: MetricRow[]) {
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

export function VerdictFields({
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
