/** A group of checkboxes with a legend, a hint and an error, for choosing several values. */
import { useId, type ReactNode } from 'react';

export function Checks<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  options: { value: T; label: ReactNode }[];
  value: T[];
  onChange: (next: T[]) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={`checks ${error ? 'field-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
      {options.length === 0 && <p className="meta">Chưa có mục nào.</p>}
      <div className="checks-grid">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
              }
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
