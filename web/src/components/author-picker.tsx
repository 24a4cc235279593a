/**
 * An author is a person, not a name: while the filer types a co-author's name, the people already known (accounts,
 * authors of earlier dossiers) are offered; picking one links the author to that person, whose name is then fixed.
 * Someone not picked becomes a new author record when the dossier is filed.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export interface KnownPerson {
  personId: string;
  fullName: string;
  workplace: string | null;
  hasAccount: boolean;
}

/** The people whose names match what is typed, after a short pause. */
function useMatches(name: string) {
  const [typed, setTyped] = useState(name.trim());
  useEffect(() => {
    const t = setTimeout(() => setTyped(name.trim()), 300);
    return () => clearTimeout(t);
  }, [name]);
  return useQuery({
    queryKey: ['authors', typed],
    queryFn: () => call(() => api.GET('/api/v1/authors', { params: { query: { q: typed } } })),
    enabled: typed.length >= 3,
    staleTime: 60_000,
  });
}

/** Under a name field: the link to a known person, or the matches to pick from. */
export function AuthorMatch({
  name,
  personId,
  onPick,
  onUnlink,
}: {
  name: string;
  personId: string | undefined;
  onPick: (p: KnownPerson) => void;
  onUnlink: () => void;
}) {
  const matches = useMatches(personId ? '' : name);
  if (personId)
    return (
      <p className="hint">
        Đã chọn đúng người trong danh bạ.{' '}
        <button type="button" className="btn btn-link" onClick={onUnlink}>
          Đổi người
        </button>
      </p>
    );
  const items = matches.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="hint" role="group" aria-label={`Người đã có tên gần giống “${name}”`}>
      <p>Người này đã có trong danh bạ? Chọn để ghi đúng một người:</p>
      <ul className="plain-list">
        {items.slice(0, 3).map((p) => (
          <li key={p.personId}>
            <button type="button" className="btn btn-link" onClick={() => onPick(p)}>
              {p.fullName}
              {p.workplace ? ` (${p.workplace})` : ''}
            </button>
          </li>
        ))}
      </ul>
      <p>Nếu không chọn ai, hồ sơ ghi nhận một tác giả mới.</p>
    </div>
  );
}
