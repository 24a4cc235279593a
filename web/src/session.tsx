/** Who is signed in: restored from the refresh cookie on load, cleared on sign-out or when the session ends. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, call, onSessionChange, refreshSession, setAccessToken } from './api/client';
import type { paths } from './api/schema';

export type Person = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];

interface Session {
  person: Person | null;
  /** Still finding out whether a session survives from before the reload. */
  restoring: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  has: (...roles: Person['roles']) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [person, setPerson] = useState<Person | null>(null);
  const [restoring, setRestoring] = useState(true);
  const queries = useQueryClient();

  useEffect(() => {
    let live = true;
    void (async () => {
      if (await refreshSession()) {
        const me = await call(() => api.GET('/api/v1/me')).catch(() => null);
        if (live) setPerson(me);
      }
      if (live) setRestoring(false);
    })();
    const off = onSessionChange((signedIn) => {
      if (!signedIn) {
        setPerson(null);
        queries.clear();
      }
    });
    return () => {
      live = false;
      off();
    };
  }, [queries]);

  const signIn = useCallback(async (username: string, password: string) => {
    const body = await call(() => api.POST('/api/v1/auth/login', { body: { username, password } }));
    setAccessToken(body.accessToken);
    setPerson(body.person);
  }, []);

  const signOut = useCallback(async () => {
    await call(() => api.POST('/api/v1/auth/logout')).catch(() => undefined);
    setAccessToken(null);
    setPerson(null);
    queries.clear();
  }, [queries]);

  const has = useCallback(
    (...roles: Person['roles']) => !!person && roles.some((r) => person.roles.includes(r)),
    [person],
  );

  return (
    <SessionContext.Provider value={{ person, restoring, signIn, signOut, has }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
