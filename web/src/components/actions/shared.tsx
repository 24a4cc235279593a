/**
 * What every action form shares: the case view and the props each form takes, the typed posts to the gateway
 * (each with its Idempotency-Key), the form frame with its pending state and errors, and a labelled text area.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { InitiativeState } from '../../../../src/contracts/initiative';
import type { CaseAction } from '../../../../src/domain/actions';
import { api, call } from '../../api/client';
import { showAnswer } from '../../api/queries';
import type { paths } from '../../api/schema';
import { Button, ErrorSummary, Field, useAction } from '../forms';

export type ActionPath = Extract<keyof paths, `/api/v1/initiatives/{id}/${string}`>;
export type BodyOf<P extends ActionPath> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
export type AdoptionPath = Extract<keyof paths, `/api/v1/initiatives/{id}/replications/{unitId}/${string}`>;
export type AdoptionBodyOf<P extends AdoptionPath> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type CaseView = InitiativeState & {
  rubric?: { key: string; label: string; max: number }[];
  /** How the case's council decides (the pinned rule pack): named votes, or a secret ballot's counts only. */
  votingMode?: 'SHOW_OF_HANDS' | 'SECRET_BALLOT' | 'CHOSEN_AT_MEETING';
  available: {
    actions: CaseAction[];
    adoption: { unitId: string; action: 'plan' | 'reports' | 'confirmation' }[];
    withheld: { action: string; reason: string }[];
  };
  temporalUrl?: string;
};

/** What each action form takes: the case as the gateway shows it, and what to do once the action is done. */
export type P = { view: CaseView; onDone: (text: string) => void };

/**
 * A form for one action: its own key, pending state and errors. `send` returns the body (or field errors found
 * before sending, in which case nothing is sent).
 */
export function ActionForm({
  id,
  title,
  intro,
  children,
  submitLabel,
  send,
  onDone,
  danger,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: (errors: Record<string, string>) => ReactNode;
  submitLabel: string;
  send: (key: string) => Promise<string | Record<string, string | undefined>>;
  onDone: (text: string) => void;
  danger?: boolean;
}) {
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const action = useAction(send);
  const errors = { ...localErrors, ...action.errors };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLocalErrors({});
    const result = await action.submit();
    if (typeof result === 'string') onDone(result);
    else if (result) {
      setLocalErrors(Object.fromEntries(Object.entries(result).filter((e): e is [string, string] => !!e[1])));
      action.setMessage('Còn trường chưa hợp lệ; chưa gửi.');
    }
  };
  return (
    <section className="card action" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{title}</h3>
      {intro}
      <ErrorSummary
        message={action.message}
        errors={errors}
        fieldIds={Object.fromEntries(Object.keys(errors).map((k) => [k, `${id}-${k.split('.')[0]}`]))}
      />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {children(errors)}
        <Button type="submit" pending={action.pending} variant={danger ? 'danger' : 'primary'}>
          {submitLabel}
        </Button>
      </form>
    </section>
  );
}

/** Posts a decision body, and shows the state it left at once. */
export async function post<P extends ActionPath>(
  path: P,
  id: string,
  key: string,
  body: BodyOf<P>,
): Promise<void> {
  const answer = await call(() =>
    api.POST(path as never, { params: { path: { id }, header: { 'Idempotency-Key': key } }, body } as never),
  );
  if (answer && typeof answer === 'object' && 'state' in answer) showAnswer(id, answer);
}
export async function postAdoption<P extends AdoptionPath>(
  path: P,
  id: string,
  unitId: string,
  key: string,
  body: AdoptionBodyOf<P>,
): Promise<void> {
  await call(() =>
    api.POST(
      path as never,
      { params: { path: { id, unitId }, header: { 'Idempotency-Key': key } }, body } as never,
    ),
  );
}

export const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export function TextArea({
  id,
  name,
  label,
  hint,
  value,
  onChange,
  error,
  required: req,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error} required={req} id={`${id}-${name}`}>
      {(p) => <textarea {...p} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
