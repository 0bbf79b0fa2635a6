import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { SessionStore, type SessionState } from '../auth/session';
import type { AppConfig } from '../config';
import { createApiClient, type ApiClient } from './client';
import { refreshResult } from './schemas';

interface ApiContextValue {
  config: AppConfig;
  api: ApiClient;
  session: SessionStore;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/**
 * Builds, once per config, the session store and the one API client that sends its bearer token:
 * the client asks the store for a fresh token before each call and tells it about 401/403s
 * (revoked session, disabled account, TOTP not set up). Refreshing uses a token-less client.
 */
export function createApi(config: Pick<AppConfig, 'apiUrl'>, fetchImpl?: typeof fetch) {
  const anonymous = createApiClient({ baseUrl: config.apiUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const session = new SessionStore({
    refresh: async (refreshToken, sessionId) =>
      (await anonymous.post('/auth/refresh', { refreshToken, sessionId }, refreshResult, { anonymous: true })).tokens,
  });
  const api = createApiClient({
    baseUrl: config.apiUrl,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    getToken: () => session.getAccessToken(),
    onAuthError: (error) => session.handleAuthError(error),
  });
  return { api, session };
}

/** Makes the resolved config, the session and the API client available to hooks. */
export function ApiProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const value = useMemo(() => ({ config, ...createApi(config) }), [config]);
  const queryClient = useQueryClient();
  const previous = useRef(value.session.getState().status);

  useEffect(() => {
    void value.session.restore();
    // Whatever was cached belongs to the user who just left: drop it.
    return value.session.subscribe(() => {
      const { status } = value.session.getState();
      if (previous.current === 'signed_in' && status === 'signed_out') queryClient.clear();
      previous.current = status;
    });
  }, [value, queryClient]);

  return <ApiContext value={value}>{children}</ApiContext>;
}

function useApiContext(): ApiContextValue {
  const value = use(ApiContext);
  if (!value) throw new Error('useApi must be used inside <ApiProvider>');
  return value;
}

export const useApi = (): ApiClient => useApiContext().api;
export const useAppConfig = (): AppConfig => useApiContext().config;
export const useSessionStore = (): SessionStore => useApiContext().session;

/** The session state, re-rendering on every change (sign-in, refresh, sign-out). */
export function useSession(): SessionState {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
