import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type * as z from 'zod';
import type { ApiClient } from './client';
import { useApi, useSession } from './context';
import {
  accepted,
  activityPage,
  backupCodeSignInInput,
  backupCodes,
  changeEmailInput,
  changePasswordInput,
  forgotPasswordInput,
  loginEventPage,
  me,
  mfaChallengeInput,
  mfaSetup,
  mfaStatus,
  newPasswordInput,
  noContent,
  passwordReset,
  registerInput,
  resetCodeSent,
  resetPasswordInput,
  sessionList,
  signInInput,
  signInResult,
  verificationSent,
  verified,
  verifyEmailChangeInput,
  verifyRegistrationInput,
} from './schemas';

type In<S extends z.ZodType> = z.input<S>;
const pub = { anonymous: true } as const;

/** The identity API (functions/api/auth and /me): one function per route. */
export function identityApi(api: ApiClient) {
  return {
    register: (body: In<typeof registerInput>) => api.post('/auth/register', body, verificationSent, pub),
    verifyRegistration: (body: In<typeof verifyRegistrationInput>) => api.post('/auth/register/verify', body, verified, pub),
    signIn: (body: In<typeof signInInput>) => api.post('/auth/sign-in', body, signInResult, pub),
    signInMfa: (body: In<typeof mfaChallengeInput>) => api.post('/auth/sign-in/mfa', body, signInResult, pub),
    signInBackupCode: (body: In<typeof backupCodeSignInInput>) => api.post('/auth/sign-in/backup-code', body, signInResult, pub),
    signInNewPassword: (body: In<typeof newPasswordInput>) => api.post('/auth/sign-in/new-password', body, signInResult, pub),
    signOut: () => api.post('/auth/sign-out', undefined, noContent),
    forgotPassword: (body: In<typeof forgotPasswordInput>) => api.post('/auth/password/forgot', body, resetCodeSent, pub),
    resetPassword: (body: In<typeof resetPasswordInput>) => api.post('/auth/password/reset', body, passwordReset, pub),
    changePassword: (body: In<typeof changePasswordInput>) => api.post('/auth/password/change', body, accepted),
    changeEmail: (body: In<typeof changeEmailInput>) => api.post('/auth/email/change', body, accepted),
    verifyEmailChange: (body: In<typeof verifyEmailChangeInput>) => api.post('/auth/email/verify', body, accepted),
    mfaStatus: (signal?: AbortSignal) => api.get('/auth/mfa', mfaStatus, signal ? { signal } : {}),
    mfaSetup: () => api.post('/auth/mfa/setup', undefined, mfaSetup),
    mfaVerify: (code: string) => api.post('/auth/mfa/verify', { code }, backupCodes),
    mfaDisable: (code: string) => api.post('/auth/mfa/disable', { code }, noContent),
    regenerateBackupCodes: (code: string) => api.post('/auth/mfa/backup-codes', { code }, backupCodes),
    sessions: (signal?: AbortSignal) => api.get('/auth/sessions', sessionList, signal ? { signal } : {}),
    revokeSession: (sessionId: string) => api.delete(`/auth/sessions/${encodeURIComponent(sessionId)}`, noContent),
    revokeAllSessions: () => api.delete('/auth/sessions', noContent),
    loginHistory: (cursor?: string, signal?: AbortSignal) =>
      api.get(`/auth/login-history${query({ cursor })}`, loginEventPage, signal ? { signal } : {}),
    me: (signal?: AbortSignal) => api.get('/me', me, signal ? { signal } : {}),
    myActivity: (cursor?: string, signal?: AbortSignal) =>
      api.get(`/me/activity${query({ cursor })}`, activityPage, signal ? { signal } : {}),
  };
}

/** `?a=1&b=2` from the defined, non-empty values; '' when there are none. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const queryKeys = {
  me: (sessionId: string | undefined) => ['me', sessionId] as const,
  mfa: ['auth', 'mfa'] as const,
  sessions: ['auth', 'sessions'] as const,
  loginHistory: (cursor?: string) => ['auth', 'login-history', cursor ?? null] as const,
  myActivity: (cursor?: string) => ['me', 'activity', cursor ?? null] as const,
};

/** GET /me of the signed-in user (role, staff, permissions): what guards and navigation decide on. */
export function useMe() {
  const api = useApi();
  const { status, sessionId } = useSession();
  return useQuery({
    queryKey: queryKeys.me(sessionId),
    queryFn: ({ signal }) => identityApi(api).me(signal),
    enabled: status === 'signed_in',
    staleTime: 60_000,
  });
}

export function useMfaStatus() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.mfa, queryFn: ({ signal }) => identityApi(api).mfaStatus(signal) });
}

export function useSessions() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.sessions, queryFn: ({ signal }) => identityApi(api).sessions(signal) });
}

export function useLoginHistory(cursor: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.loginHistory(cursor),
    queryFn: ({ signal }) => identityApi(api).loginHistory(cursor, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyActivity(cursor: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.myActivity(cursor),
    queryFn: ({ signal }) => identityApi(api).myActivity(cursor, signal),
    placeholderData: keepPreviousData,
  });
}
