/** Fields the administration forms share: a record's id, and a password. */
import { Field } from '../../components/forms';

/** A record's id, typed as is: lower case without diacritics, digits and hyphens (the hint gives an example). */
export function IdField(props: {
  label: string;
  hint: string;
  id: string;
  error: string | undefined;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field label={props.label} hint={props.hint} id={props.id} error={props.error} required>
      {(p) => (
        <input
          {...p}
          autoCapitalize="none"
          spellCheck={false}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A new password (never filled in by the browser from a saved one). */
export function PasswordField(props: {
  label: string;
  hint: string;
  id: string;
  error: string | undefined;
  required?: boolean;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      id={props.id}
      error={props.error}
      {...(props.required ? { required: true } : {})}
    >
      {(p) => (
        <input
          {...p}
          type="password"
          autoComplete="new-password"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
