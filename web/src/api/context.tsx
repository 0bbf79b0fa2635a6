import { createContext, use, useMemo, type ReactNode } from 'react';
import type { AppConfig } from '../config';
import { createApiClient, type ApiClient } from './client';

interface ApiContextValue {
  config: AppConfig;
  api: ApiClient;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Makes the resolved config and the one API client available to hooks. */
export function ApiProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const value = useMemo(() => ({ config, api: createApiClient({ baseUrl: config.apiUrl }) }), [config]);
  return <ApiContext value={value}>{children}</ApiContext>;
}

function useApiContext(): ApiContextValue {
  const value = use(ApiContext);
  if (!value) throw new Error('useApi must be used inside <ApiProvider>');
  return value;
}

export const useApi = (): ApiClient => useApiContext().api;
export const useAppConfig = (): AppConfig => useApiContext().config;
