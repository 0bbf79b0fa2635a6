import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import * as z from 'zod';
import { slaMetrics, type SlaMetricsQuery } from '../../../shared/sla/metrics-schemas';
import type { CalendarShape } from '../../../shared/sla/types';
import { ticketPage } from '../../../shared/tickets/schemas';
import { errorMessage } from '../components/errorMessage';
import { en } from '../i18n/locales/en';
import { isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';

export type { SlaMetrics } from '../../../shared/sla/metrics-schemas';

/** What the SLA panel needs of a calendar (GET /sla/calendars/{calendarId} answers more). */
const calendarShape = z.object({
  calendarId: z.string(),
  name: z.string(),
  timezone: z.string(),
  mode: z.enum(['business', 'always']),
  week: z.array(z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), recurring: z.boolean() })),
});

/** The filters of the overdue queue (GET /tickets?overdue=true). */
export interface OverdueFilter {
  status?: string;
  priority?: string;
  categoryId?: string;
  cursor?: string;
}

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** SLA reports (functions/api/sla-metrics), the overdue queue and calendars for the SLA panel. */
export function slaApi(api: ApiClient) {
  return {
    metrics: (q: SlaMetricsQuery, signal?: AbortSignal) => api.get(`/sla/metrics${query({ ...q })}`, slaMetrics, opts(signal)),
    overdue: (f: OverdueFilter, signal?: AbortSignal) => api.get(`/tickets${query({ queue: 'all', overdue: 'true', ...f })}`, ticketPage, opts(signal)),
    calendar: (calendarId: string, signal?: AbortSignal): Promise<CalendarShape> =>
      api.get(`/sla/calendars/${encodeURIComponent(calendarId)}`, calendarShape, opts(signal)),
  };
}

export const slaKeys = {
  metrics: (q: SlaMetricsQuery) => ['sla', 'metrics', q] as const,
  overdue: (f: OverdueFilter) => ['tickets', 'list', 'overdue', f] as const,
  calendar: (calendarId: string) => ['sla', 'calendar', calendarId] as const,
};

export function useSlaMetrics(q: SlaMetricsQuery, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: slaKeys.metrics(q), queryFn: ({ signal }) => slaApi(api).metrics(q, signal), placeholderData: keepPreviousData, enabled, staleTime: 60_000 });
}

export function useOverdueTickets(f: OverdueFilter, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: slaKeys.overdue(f), queryFn: ({ signal }) => slaApi(api).overdue(f, signal), placeholderData: keepPreviousData, enabled, staleTime: 0, refetchInterval: 60_000 });
}

/** A calendar for the SLA panel; a refusal (the reader may lack settings rights) is not retried. */
export function useSlaCalendar(calendarId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: slaKeys.calendar(calendarId ?? ''),
    queryFn: ({ signal }) => slaApi(api).calendar(calendarId!, signal),
    enabled: !!calendarId,
    staleTime: 5 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}

type SlaErrorCode = keyof typeof en.slaDesk.errors;

/** An API error of the SLA pages as a translated sentence. */
export function slaErrorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error) && Object.hasOwn(en.slaDesk.errors, error.code)) return t(`slaDesk.errors.${error.code as SlaErrorCode}`);
  return errorMessage(t, error);
}
