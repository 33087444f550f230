import { useQuery } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api/client.js';

/** The signed-in user as GET /api/v1/auth/session gives it (core's UserRecord; not in the contract yet). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string | null;
  role: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  mfaSetupRequired: boolean;
  /** What the role may do (the server checks every request anyway; this only hides what would be refused). */
  permissions: string[];
}

/**
 * Who is signed in. `null` means the server has no accounts at all (no /auth routes: one local
 * user, as before the security issue); an UNAUTHENTICATED error means "show the sign-in screen".
 */
export type SessionState = Session | null;

export const SESSION_KEY = ['session'] as const;

export async function fetchSession(): Promise<SessionState> {
  try {
    const session = await api.get<Session>('auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (isApiError(e) && e.status === 404) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, retry: false, staleTime: 60_000, refetchOnWindowFocus: true });
}

export const isSignedOut = (error: unknown): boolean => isApiError(error) && error.status === 401;

/**
 * Whether the signed-in user has a permission (e.g. 'evidence:write'). On a server without accounts
 * (session null) the single local user may do everything; while loading or signed out, nothing.
 */
export function useCan(): (permission: string) => boolean {
  const session = useSession();
  return (permission) => (session.data === null ? true : session.data?.permissions.includes(permission) ?? false);
}
