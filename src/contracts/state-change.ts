/**
 * A case's state as a write carries it: what changed since the write before, not the whole case each time. The
 * workflow keeps what it last sent (`StateSnapshot`); the activity applies the change to the state the read model holds
 * at `base`. Workflow-safe: plain functions over JSON.
 */

/** What changed between the state of revision `base` and the state of `revision`. */
export interface StateChange {
  base: number;
  revision: number;
  /** Top-level fields whose value is new (whole). */
  set: Record<string, unknown>;
  /** Top-level arrays that only grew: the items added at their end. */
  append: Record<string, unknown[]>;
  /** Top-level fields that are gone. */
  unset: string[];
}

/** The JSON text of each top-level field of the state last sent, and the length of each array. */
export type StateSnapshot = Map<string, { json: string; length: number | null }>;

/** The snapshot of a state (as JSON would carry it). */
export function snapshotOf(state: object): StateSnapshot {
  const snap: StateSnapshot = new Map();
  for (const [key, value] of Object.entries(state)) {
    const json = JSON.stringify(value);
    if (json !== undefined) snap.set(key, { json, length: Array.isArray(value) ? value.length : null });
  }
  return snap;
}

/**
 * What changed from the snapshot `before` (of revision `base`) to `state` (of revision `state.revision`), whose own
 * snapshot is `now`.
 */
export function changeOf(
  before: StateSnapshot,
  base: number,
  state: { revision: number },
  now: StateSnapshot = snapshotOf(state),
): StateChange {
  const change: StateChange = { base, revision: state.revision, set: {}, append: {}, unset: [] };
  for (const [key, { json, length }] of now) {
    const was = before.get(key);
    if (was?.json === json) continue;
    const value = (state as Record<string, unknown>)[key];
    if (
      Array.isArray(value) &&
      was?.length !== null &&
      was !== undefined &&
      length !== null &&
      length > was.length &&
      JSON.stringify(value.slice(0, was.length)) === was.json
    ) {
      change.append[key] = value.slice(was.length);
    } else {
      change.set[key] = value;
    }
  }
  for (const key of before.keys()) if (!now.has(key)) change.unset.push(key);
  return change;
}

/** The state a snapshot was taken of (a copy). */
export function stateOf<S>(snapshot: StateSnapshot): S {
  return Object.fromEntries([...snapshot].map(([key, { json }]) => [key, JSON.parse(json) as unknown])) as S;
}

/** The state of `change.revision`, from the state of `change.base` (not modified). */
export function applyChange<S extends { revision: number }>(stored: S, change: StateChange): S {
  const next: Record<string, unknown> = { ...stored };
  for (const key of change.unset) delete next[key];
  for (const [key, value] of Object.entries(change.set)) next[key] = value;
  for (const [key, items] of Object.entries(change.append)) {
    next[key] = [...((next[key] as unknown[] | undefined) ?? []), ...items];
  }
  return next as S;
}
