import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setSession, storedSession, whenUnauthenticated, type Me, type Officer } from './api';

export type SignOutReason = 'signed-out' | 'expired';

interface SessionState {
  me: Me | null;
  loading: boolean;
  signedOutBecause: SignOutReason | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(reason?: SignOutReason): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(storedSession() !== null);
  const [signedOutBecause, setSignedOutBecause] = useState<SignOutReason | null>(null);

  const forget = useCallback(
    (reason: SignOutReason) => {
      setSession(null);
      setMe(null);
      setSignedOutBecause(reason);
      client.clear();
    },
    [client],
  );

  useEffect(() => {
    whenUnauthenticated(() => forget('expired'));
    if (storedSession()) {
      api<Me>('GET', '/v1/auth/me')
        .then(setMe)
        .catch(() => setMe(null))
        .finally(() => setLoading(false));
    }
  }, [forget]);

  // back to sign-in the moment the session expires, even with nothing on screen asking the API
  useEffect(() => {
    if (!me) return;
    const remaining = Date.parse(me.expiresAt) - Date.now();
    const timer = setTimeout(() => forget('expired'), Math.max(0, Math.min(remaining, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [me, forget]);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await api<{ accessToken: string; expiresAt: string; officer: Officer }>(
      'POST',
      '/v1/auth/login',
      { username, password },
      { anonymous: true },
    );
    setSession({ accessToken: result.accessToken, expiresAt: result.expiresAt });
    setSignedOutBecause(null);
    setMe(await api<Me>('GET', '/v1/auth/me'));
  }, []);

  const signOut = useCallback(
    async (reason: SignOutReason = 'signed-out') => {
      try {
        if (storedSession()) await api('POST', '/v1/auth/logout');
      } catch {
        // the token is forgotten either way
      }
      forget(reason);
    },
    [forget],
  );

  const value = useMemo<SessionState>(
    () => ({
      me,
      loading,
      signedOutBecause,
      signIn,
      signOut,
      can: (permission) => me?.permissions.includes(permission) ?? false,
    }),
    [me, loading, signedOutBecause, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
