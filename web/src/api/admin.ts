import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type * as z from 'zod';
import type { ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import {
  accessRequest,
  accessRequestApproved,
  accessRequestInput,
  accessRequestPage,
  accessRequestReceived,
  auditPage,
  changeRoleInput,
  createRoleInput,
  createStaffInput,
  loginEventPage,
  noContent,
  restoreVersionInput,
  roleSummary,
  roleVersionDetail,
  roleVersionList,
  rolesView,
  saveMatrixInput,
  user,
  userPage,
  type LoginOutcome,
} from './schemas';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** GET /users query (shared/users/schemas.ts listUsersQuery). */
export interface UserFilters {
  /** Email prefix. */
  q?: string;
  role?: string;
  status?: 'active' | 'disabled';
  kind?: 'staff' | 'customer';
  cursor?: string;
}

/** GET /audit query (shared/audit/schemas.ts auditQuery). */
export interface AuditFilters {
  actor?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  /** ISO-8601. */
  from?: string;
  to?: string;
  cursor?: string;
}

export interface LoginEventFilters {
  outcome?: LoginOutcome;
  from?: string;
  to?: string;
  cursor?: string;
}

/** Users, roles, access requests and audit (admin area), plus the public access-request form: one function per route. */
export function adminApi(api: ApiClient) {
  return {
    users: (filters: UserFilters, signal?: AbortSignal) => api.get(`/users${query({ ...filters })}`, userPage, opts(signal)),
    user: (userId: string) => api.get(`/users/${id(userId)}`, user),
    createStaff: (body: In<typeof createStaffInput>) => api.post('/users', body, user),
    changeRole: (userId: string, body: In<typeof changeRoleInput>) => api.put(`/users/${id(userId)}/role`, body, user),
    disableUser: (userId: string) => api.post(`/users/${id(userId)}/disable`, undefined, user),
    enableUser: (userId: string) => api.post(`/users/${id(userId)}/enable`, undefined, user),
    resetUserMfa: (userId: string) => api.post(`/users/${id(userId)}/mfa/reset`, undefined, user),

    roles: (signal?: AbortSignal) => api.get('/roles', rolesView, opts(signal)),
    saveMatrix: (body: In<typeof saveMatrixInput>) => api.put('/roles/matrix', body, rolesView),
    roleVersions: (cursor?: string, signal?: AbortSignal) => api.get(`/roles/versions${query({ cursor })}`, roleVersionList, opts(signal)),
    roleVersion: (version: number, signal?: AbortSignal) => api.get(`/roles/versions/${version}`, roleVersionDetail, opts(signal)),
    restoreRoleVersion: (version: number, body: In<typeof restoreVersionInput>) =>
      api.post(`/roles/versions/${version}/restore`, body, rolesView),
    createRole: (body: In<typeof createRoleInput>) => api.post('/roles', body, roleSummary),
    deleteRole: (roleId: string) => api.delete(`/roles/${id(roleId)}`, noContent),

    requestAccess: (body: In<typeof accessRequestInput>) => api.post('/access-requests', body, accessRequestReceived, { anonymous: true }),
    accessRequests: (status: string, cursor?: string, signal?: AbortSignal) =>
      api.get(`/access-requests${query({ status, cursor })}`, accessRequestPage, opts(signal)),
    approveAccessRequest: (requestId: string, role?: string) =>
      api.post(`/access-requests/${id(requestId)}/approve`, role ? { role } : {}, accessRequestApproved),
    rejectAccessRequest: (requestId: string, reason: string) => api.post(`/access-requests/${id(requestId)}/reject`, { reason }, accessRequest),

    audit: (filters: AuditFilters, signal?: AbortSignal) => api.get(`/audit${query({ ...filters })}`, auditPage, opts(signal)),
    loginEvents: (filters: LoginEventFilters, signal?: AbortSignal) =>
      api.get(`/auth/login-events${query({ ...filters })}`, loginEventPage, opts(signal)),
  };
}

export const adminKeys = {
  users: (filters: UserFilters) => ['users', filters] as const,
  roles: ['roles'] as const,
  roleVersions: (cursor?: string) => ['roles', 'versions', cursor ?? null] as const,
  roleVersion: (version: number) => ['roles', 'version', version] as const,
  accessRequests: (status: string, cursor?: string) => ['access-requests', status, cursor ?? null] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
  loginEvents: (filters: LoginEventFilters) => ['login-events', filters] as const,
};

export function useUsers(filters: UserFilters) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.users(filters),
    queryFn: ({ signal }) => adminApi(api).users(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRoles() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.roles, queryFn: ({ signal }) => adminApi(api).roles(signal) });
}

export function useRoleVersions(cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.roleVersions(cursor),
    queryFn: ({ signal }) => adminApi(api).roleVersions(cursor, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRoleVersion(version: number | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.roleVersion(version ?? -1),
    queryFn: ({ signal }) => adminApi(api).roleVersion(version!, signal),
    enabled: version !== undefined,
  });
}

export function useAccessRequests(status: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.accessRequests(status, cursor),
    queryFn: ({ signal }) => adminApi(api).accessRequests(status, cursor, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAudit(filters: AuditFilters) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.audit(filters),
    queryFn: ({ signal }) => adminApi(api).audit(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLoginEvents(filters: LoginEventFilters) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.loginEvents(filters),
    queryFn: ({ signal }) => adminApi(api).loginEvents(filters, signal),
    placeholderData: keepPreviousData,
  });
}
