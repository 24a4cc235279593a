/**
 * What the Quản trị tabs share: the API's types, the lookups (units, people, councils), the error helpers, and the
 * "add one" card with its kept-on-reload form used by the people and units tabs.
 */
import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ROLES, type Role } from '../../../../src/contracts/initiative';
import { ErrorSummary, useAction, usePersistentState } from '../../components/forms';
import { DoneNotice } from '../../components/feedback';

export type Person =
  paths['/api/v1/admin/people']['get']['responses'][200]['content']['application/json'][number];
export type Unit = paths['/api/v1/units']['get']['responses'][200]['content']['application/json'][number];
export type Council =
  paths['/api/v1/admin/councils']['get']['responses'][200]['content']['application/json'][number];
export type UnitKind = NonNullable<
  paths['/api/v1/admin/units']['post']['requestBody']
>['content']['application/json']['kind'];
export type Position = NonNullable<
  paths['/api/v1/admin/councils']['post']['requestBody']
>['content']['application/json']['members'][number]['position'];

export const ALL_ROLES: readonly Role[] = ROLES;
export const POSITIONS: Position[] = ['CHAIR', 'VICE_CHAIR', 'SECRETARY', 'MEMBER', 'UNION_REP'];

/* ---------- lookups ---------- */

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => call(() => api.GET('/api/v1/units')) });
}
export function usePeople(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'people'],
    queryFn: () => call(() => api.GET('/api/v1/admin/people')),
    enabled,
  });
}
export function useCouncils() {
  return useQuery({
    queryKey: ['admin', 'councils'],
    queryFn: () => call(() => api.GET('/api/v1/admin/councils')),
  });
}

/* ---------- errors ---------- */

/** Errors keyed by their first path segment (`roles.0` → `roles`). */
export function firstSegment(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k.split('.')[0] ?? k] ??= v;
  return out;
}

/** A person needs at least one role: checked before sending, shown like the server's errors. True when missing. */
export function lacksRole(
  roles: Role[],
  action: { setMessage: (m: string | null) => void; setErrors: (e: Record<string, string>) => void },
): boolean {
  if (roles.length > 0) return false;
  action.setMessage(null);
  action.setErrors({ roles: 'Chọn ít nhất một vai trò' });
  return true;
}

/* ---------- adding one ---------- */

/**
 * A form for adding one thing: kept in sessionStorage until sent, then the list is reloaded, a notice says what was
 * added and the form starts again empty.
 */
export function useAddForm<F extends object, R>({
  storageKey,
  empty,
  invalidate,
  send,
  doneText,
  onAdded,
}: {
  storageKey: string;
  empty: F;
  /** The list the new one appears in. */
  invalidate: QueryKey;
  send: (form: F, idempotencyKey: string) => Promise<R>;
  doneText: (added: R) => string;
  onAdded?: () => void;
}) {
  const queries = useQueryClient();
  const [form, setForm, clear] = usePersistentState<F>(storageKey, empty);
  const [done, setDone] = useState<string | null>(null);
  const set = <K extends keyof F>(k: K, v: F[K]) => setForm((f) => ({ ...f, [k]: v }));
  const add = useAction(async (key) => {
    const r = await send(form, key);
    await queries.invalidateQueries({ queryKey: invalidate });
    setDone(doneText(r));
    setForm(empty);
    onAdded?.();
    clear();
    return r;
  });
  return { form, set, add, done, setDone };
}

/** The "add one" card: its title, the error summary and the done notice above the form. */
export function AddCard({
  titleId,
  title,
  message,
  errors,
  fieldIds,
  done,
  onSubmit,
  children,
}: {
  titleId: string;
  title: string;
  message: string | null;
  errors: Record<string, string>;
  fieldIds: Record<string, string>;
  done: string | null;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ErrorSummary message={message} errors={errors} fieldIds={fieldIds} />
      <DoneNotice text={done} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </section>
  );
}
