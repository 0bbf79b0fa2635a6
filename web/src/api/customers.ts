import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type * as z from 'zod';
import {
  changeCustomerStatus,
  createCustomer,
  createCustomerGroup,
  createOwnCustomer,
  customerDetail,
  customerGroupList,
  customerGroupView,
  customerPage,
  customerStats,
  customerView,
  updateCustomer,
  updateCustomerGroup,
  type SearchField,
} from '../../../shared/customers/schemas';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import { auditPage, noContent } from './schemas';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** GET /customers query (shared/customers/schemas.ts listCustomersQuery). */
export interface CustomerFilters {
  q?: string;
  field?: SearchField;
  status?: string;
  type?: string;
  groupId?: string;
  /** ISO-8601. */
  createdFrom?: string;
  createdTo?: string;
  sort?: 'createdAt:desc' | 'createdAt:asc' | 'name:asc';
  cursor?: string;
}

/** Customers, their status, activity and groups, and self-service account opening: one function per route. */
export function customersApi(api: ApiClient) {
  return {
    list: (filters: CustomerFilters, signal?: AbortSignal) => api.get(`/customers${query({ ...filters })}`, customerPage, opts(signal)),
    stats: (signal?: AbortSignal) => api.get('/customers/stats', customerStats, opts(signal)),
    get: (customerId: string, signal?: AbortSignal) => api.get(`/customers/${id(customerId)}`, customerDetail, opts(signal)),
    create: (body: In<typeof createCustomer>) => api.post('/customers', body, customerView),
    createOwn: (body: In<typeof createOwnCustomer>) => api.post('/me/customers', body, customerView),
    update: (customerId: string, body: In<typeof updateCustomer>) => api.put(`/customers/${id(customerId)}`, body, customerView),
    changeStatus: (customerId: string, body: In<typeof changeCustomerStatus>) => api.post(`/customers/${id(customerId)}/status`, body, customerView),
    activity: (customerId: string, cursor?: string, signal?: AbortSignal) =>
      api.get(`/customers/${id(customerId)}/activity${query({ cursor })}`, auditPage, opts(signal)),
    groups: (signal?: AbortSignal) => api.get('/customer-groups', customerGroupList, opts(signal)),
    createGroup: (body: In<typeof createCustomerGroup>) => api.post('/customer-groups', body, customerGroupView),
    updateGroup: (groupId: string, body: In<typeof updateCustomerGroup>) => api.put(`/customer-groups/${id(groupId)}`, body, customerGroupView),
    deleteGroup: (groupId: string) => api.delete(`/customer-groups/${id(groupId)}`, noContent),
  };
}

export const customerKeys = {
  all: ['customers'] as const,
  list: (filters: CustomerFilters) => ['customers', 'list', filters] as const,
  stats: ['customers', 'stats'] as const,
  one: (customerId: string) => ['customers', 'one', customerId] as const,
  activity: (customerId: string, cursor?: string) => ['customers', 'activity', customerId, cursor ?? null] as const,
  groups: ['customer-groups'] as const,
};

export function useCustomers(filters: CustomerFilters) {
  const api = useApi();
  return useQuery({ queryKey: customerKeys.list(filters), queryFn: ({ signal }) => customersApi(api).list(filters, signal), placeholderData: keepPreviousData });
}

export function useCustomerStats() {
  const api = useApi();
  return useQuery({ queryKey: customerKeys.stats, queryFn: ({ signal }) => customersApi(api).stats(signal) });
}

export function useCustomer(customerId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: customerKeys.one(customerId ?? ''),
    queryFn: ({ signal }) => customersApi(api).get(customerId!, signal),
    enabled: !!customerId,
  });
}

export function useCustomerActivity(customerId: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: customerKeys.activity(customerId, cursor),
    queryFn: ({ signal }) => customersApi(api).activity(customerId, cursor, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerGroups(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: customerKeys.groups, queryFn: ({ signal }) => customersApi(api).groups(signal), enabled });
}

const customerErrorCodes = ['duplicate_registration_number', 'invalid_status_transition', 'kyc_incomplete', 'group_in_use', 'group_name_taken'] as const;

/** A customers error as an Error whose message is already translated (FormAlert shows unknown codes' messages). */
export function translateCustomerError(t: TFunction, error: unknown): unknown {
  if (!isApiError(error) || !(customerErrorCodes as readonly string[]).includes(error.code)) return error;
  const code = error.code as (typeof customerErrorCodes)[number];
  const details = (error.details ?? {}) as Record<string, unknown>;
  const values = {
    type: String(details.type ?? ''),
    value: String(details.value ?? ''),
    from: t(`customers.statuses.${String(details.from ?? 'pending')}` as 'customers.statuses.pending'),
    to: t(`customers.statuses.${String(details.to ?? 'pending')}` as 'customers.statuses.pending'),
  };
  return new ApiError(error.status, `customers.${code}`, t(`customers.errors.${code}`, values), error.details, error.requestId);
}
