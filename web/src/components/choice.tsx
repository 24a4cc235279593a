/** One choice among a few, as radio buttons in a fieldset with its legend and its error. */
import type { ReactNode } from 'react';

export function Choice<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  id,
  error,
}: {
  name: string;
  legend: ReactNode;
  options: readonly (readonly [V, ReactNode])[];
  value: V | '';
  onChange: (v: V) => void;
  /** The fieldset's id, for an error summary that links to it. */
  id?: string;
  error?: string | undefined;
}) {
  return (
    <fieldset {...(id ? { id } : {})} className={error ? 'field-error' : undefined}>
      <legend>{legend}</legend>
      {error && <p className="error-message">{error}</p>}
      {options.map(([v, label]) => (
        <label key={v} className="choice">
          <input type="radio" name={name} checked={value === v} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
