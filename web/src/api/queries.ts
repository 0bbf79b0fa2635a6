import { queryOptions, useQuery } from '@tanstack/react-query';
import { health, type Health } from '../../../shared/system/schemas';
import type { ApiClient } from './client';
import { useApi } from './context';

export interface HealthCheck {
  health: Health;
  /** Round trip of the /health call as seen by the browser, in milliseconds. */
  latencyMs: number;
  /** When the browser received the answer (ISO-8601). */
  checkedAt: string;
}

export const healthQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['health', api.baseUrl],
    queryFn: async ({ signal }): Promise<HealthCheck> => {
      const started = performance.now();
      const result = await api.get('/health', health, { signal });
      return { health: result, latencyMs: performance.now() - started, checkedAt: new Date().toISOString() };
    },
    refetchInterval: 30_000,
  });

/** Live API status; refreshed every 30 s while a page shows it. */
export function useHealth() {
  return useQuery(healthQuery(useApi()));
}
