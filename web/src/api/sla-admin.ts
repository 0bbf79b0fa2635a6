import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type * as z from 'zod';
import {
  slaCalendarDeleted,
  slaCalendarList,
  slaCalendarView,
  slaPolicyDeleted,
  slaPolicyList,
  slaPolicyView,
  slaSettingsView,
  type createSlaCalendar,
  type createSlaPolicy,
  type updateSlaCalendar,
  type updateSlaPolicy,
  type UpdateSlaSettings,
} from '../../../shared/sla/schemas';
import { en } from '../i18n/locales/en';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';

export type { SlaCalendarView, SlaPolicyView, SlaSettingsView } from '../../../shared/sla/schemas';

const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
type In<S extends z.ZodType> = z.input<S>;

/** SLA configuration (admin): calendars, policies (in match order), settings; one function per route. */
export function slaAdminApi(api: ApiClient) {
  return {
    calendars: (signal?: AbortSignal) => api.get('/sla/calendars', slaCalendarList, opts(signal)),
    createCalendar: (body: In<typeof createSlaCalendar>) => api.post('/sla/calendars', body, slaCalendarView),
    updateCalendar: (calendarId: string, body: In<typeof updateSlaCalendar>) => api.put(`/sla/calendars/${id(calendarId)}`, body, slaCalendarView),
    deleteCalendar: (calendarId: string) => api.delete(`/sla/calendars/${id(calendarId)}`, slaCalendarDeleted),
    policies: (signal?: AbortSignal) => api.get('/sla/policies', slaPolicyList, opts(signal)),
    createPolicy: (body: In<typeof createSlaPolicy>) => api.post('/sla/policies', body, slaPolicyView),
    updatePolicy: (policyId: string, body: In<typeof updateSlaPolicy>) => api.put(`/sla/policies/${id(policyId)}`, body, slaPolicyView),
    deletePolicy: (policyId: string) => api.delete(`/sla/policies/${id(policyId)}`, slaPolicyDeleted),
    settings: (signal?: AbortSignal) => api.get('/sla/settings', slaSettingsView, opts(signal)),
    updateSettings: (body: UpdateSlaSettings) => api.put('/sla/settings', body, slaSettingsView),
  };
}

export const slaAdminKeys = {
  all: ['sla-admin'] as const,
  calendars: ['sla-admin', 'calendars'] as const,
  policies: ['sla-admin', 'policies'] as const,
  settings: ['sla-admin', 'settings'] as const,
};

export function useSlaCalendars() {
  const api = useApi();
  return useQuery({ queryKey: slaAdminKeys.calendars, queryFn: ({ signal }) => slaAdminApi(api).calendars(signal) });
}

export function useSlaPolicies() {
  const api = useApi();
  return useQuery({ queryKey: slaAdminKeys.policies, queryFn: ({ signal }) => slaAdminApi(api).policies(signal) });
}

export function useSlaSettings() {
  const api = useApi();
  return useQuery({ queryKey: slaAdminKeys.settings, queryFn: ({ signal }) => slaAdminApi(api).settings(signal) });
}

type SlaErrorCode = keyof typeof en.sla.errors;
const isSlaCode = (code: string): code is SlaErrorCode => Object.hasOwn(en.sla.errors, code);

/**
 * An SLA error as an Error whose message is already translated: the API's own codes, and the
 * first field detail's code of a 400 (e.g. `unknown_calendar`).
 */
export function translateSlaError(t: TFunction, error: unknown): unknown {
  if (!isApiError(error)) return error;
  const details = Array.isArray(error.details) ? (error.details as { code?: string }[]) : [];
  const code = isSlaCode(error.code) ? error.code : details.map((d) => d.code ?? '').find(isSlaCode);
  if (!code) return error;
  return new ApiError(error.status, `sla.${code}`, t(`sla.errors.${code}`), error.details, error.requestId);
}
