/** One figure of a rule pack in the publish form: a checkbox, a duration (number and unit), a number or JSON. */
import type { Basis } from '../../../../src/domain/rule-pack';
import type { Duration } from '../../../../src/domain/duration';
import { Field } from '../../components/forms';
import { DURATION_UNIT_VI, RULE_VI } from '../../labels';
import {
  basisVi,
  FRACTION_KEYS,
  isDuration,
  ruleValueVi,
  type DurationUnit,
  type RuleKey,
} from './rule-values';

export function RuleInput({
  ruleKey,
  old,
  basis,
  text,
  onChange,
  error,
}: {
  ruleKey: RuleKey;
  old: unknown;
  basis: Basis;
  text: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const id = `rp-${ruleKey}`;
  const hint = (
    <>
      Đang là: {ruleValueVi(ruleKey, old)}. {basisVi(basis)}.
      {FRACTION_KEYS.has(ruleKey) ? ' Nhập tỷ lệ từ 0 đến 1, ví dụ 0.6667 là 2/3.' : ''}
    </>
  );
  if (typeof old === 'boolean')
    return (
      <div className={`field ${error ? 'field-error' : ''}`}>
        <label className="choice" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={text === 'true'}
            onChange={(e) => onChange(String(e.target.checked))}
          />
          <span>{RULE_VI[ruleKey]}</span>
        </label>
        <p className="hint">{hint}</p>
      </div>
    );
  if (isDuration(old)) {
    let parsed: Duration | null = null;
    try {
      const v = JSON.parse(text) as unknown;
      parsed = isDuration(v) ? v : null;
    } catch {
      parsed = null;
    }
    const [unit, n] = parsed
      ? (Object.entries(parsed)[0] as [DurationUnit, number])
      : ['workingDays' as DurationUnit, 0];
    return (
      <fieldset className={`duration-field ${error ? 'field-error' : ''}`} id={id} tabIndex={-1}>
        <legend>{RULE_VI[ruleKey]}</legend>
        <p className="hint">{hint}</p>
        {error && <p className="error-message">{error}</p>}
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={`${id}-n`}>Số</label>
            <input
              id={`${id}-n`}
              type="number"
              min={0}
              step="any"
              value={String(n)}
              onChange={(e) => onChange(JSON.stringify({ [unit]: Number(e.target.value) }))}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-u`}>Đơn vị tính</label>
            <select
              id={`${id}-u`}
              value={unit}
              onChange={(e) => onChange(JSON.stringify({ [e.target.value]: n }))}
            >
              {(Object.keys(DURATION_UNIT_VI) as DurationUnit[]).map((u) => (
                <option key={u} value={u}>
                  {DURATION_UNIT_VI[u]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    );
  }
  return (
    <Field label={RULE_VI[ruleKey]} hint={hint} id={id} error={error}>
      {(p) =>
        typeof old === 'number' ? (
          <input {...p} type="number" step="any" value={text} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <textarea
            {...p}
            className="json-input"
            spellCheck={false}
            rows={Math.min(12, text.split('\n').length + 1)}
            value={text}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
