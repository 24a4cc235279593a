/** Form building blocks: labelled fields with their errors, an error summary, buttons with a pending state. */
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type ReactNode,
} from 'react';
import { ApiError, newKey } from '../api/client';

/** A button that shows it is working and cannot be pressed twice meanwhile. */
export function Button({
  pending,
  pendingText = 'Đang gửi…',
  variant = 'primary',
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  pending?: boolean;
  pendingText?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
}) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${variant} ${rest.className ?? ''}`}
      disabled={rest.disabled || pending}
      aria-busy={pending || undefined}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" /> {pendingText}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** A labelled field: its hint and error are tied to the control for screen readers. */
export function Field({
  label,
  hint,
  error,
  required,
  children,
  id: givenId,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  id?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const auto = useId();
  const id = givenId ?? auto;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req"> (bắt buộc)</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
    </div>
  );
}

/** The list of problems on top of a form, focused when it appears; each links to its field (GOV.UK pattern). */
export function ErrorSummary({
  message,
  errors,
  fieldIds = {},
}: {
  message?: string | null;
  errors: Record<string, string>;
  fieldIds?: Record<string, string>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const shown = !!message || entries.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, message, entries.length]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>Chưa gửi được</h2>
      {message && <p>{message}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([path, text]) => (
            <li key={path}>{fieldIds[path] ? <a href={`#${fieldIds[path]}`}>{text}</a> : text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One intended action: its Idempotency-Key (kept until the server answers, so a retry or a double click is applied
 * once), its pending state and its errors (the problem's message and each field's).
 */
export function useAction<T>(run: (key: string) => Promise<T>) {
  const [key, setKey] = useState(newKey);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const busy = useRef(false);
  const submit = useCallback(async (): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    setMessage(null);
    setErrors({});
    try {
      const result = await run(key);
      setKey(newKey());
      return result;
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        setErrors(fields);
        setMessage(err.problem.detail);
        // A refusal (4xx) is final for this content: a corrected submission is a new action. A 5xx (a server that
        // did not answer for a moment, or a decision still being processed) keeps the key: sending again attaches to
        // the same action and gets its outcome.
        if (err.problem.status !== 0 && err.problem.status < 500) setKey(newKey());
      } else {
        setMessage('Đã có lỗi không mong muốn, vui lòng thử lại.');
      }
      return undefined;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, [key, run]);
  return { submit, pending, message, errors, setErrors, setMessage };
}

/** State kept in sessionStorage, so a reload does not lose a half-filled form. */
export function usePersistentState<T>(storageKey: string, initial: T | (() => T)) {
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      if (saved) return JSON.parse(saved) as T;
    } catch {
      /* storage unavailable: start empty */
    }
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      /* storage full or unavailable: the form still works */
    }
  }, [storageKey, value]);
  const clear = useCallback(() => sessionStorage.removeItem(storageKey), [storageKey]);
  return [value, setValue, clear] as const;
}
