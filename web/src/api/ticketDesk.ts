import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type * as z from 'zod';
import {
  agentState,
  assignTicket,
  createSupportGroup,
  createTicketCategory,
  groupMemberView,
  mySupportGroups,
  setAvailability,
  supportGroupDetail,
  supportGroupPage,
  supportGroupView,
  ticketCategoryDeleted,
  ticketCategoryNode,
  ticketCategoryTree,
  transferTicket,
  unassignTicket,
  updateSupportGroup,
  updateTicketCategory,
  type TicketCategoryNodeShape,
} from '../../../shared/tickets/assignment-schemas';
import {
  cannedReplyPage,
  cannedReplyPreview,
  cannedReplyView,
  createCannedReply,
  updateCannedReply,
} from '../../../shared/tickets/conversation-schemas';
import {
  addWatcher,
  changeTicketTags,
  createTicketTag,
  exportLink,
  linkResult,
  mergeResult,
  mergeTicket,
  pdfExportQuery,
  ticketTagList,
  ticketTagStats,
  ticketTagsChanged,
  ticketTagView,
  updateTicketTag,
  watcherList,
  watcherPreferences,
  watcherView,
} from '../../../shared/tickets/organisation-schemas';
import { ticketView } from '../../../shared/tickets/schemas';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import { noContent } from './schemas';
import { ticketKeys, ticketsApi, type TicketListFilter, type TicketView } from './tickets';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const ticket = (ticketId: string) => `/tickets/${id(ticketId)}`;

/** GET /canned-replies query (shared/tickets/conversation-schemas.ts listCannedRepliesQuery). */
export interface CannedReplyFilters {
  /** Title prefix. */
  q?: string;
  categoryId?: string;
  cursor?: string;
}

/** Desk-side helpdesk routes (assignment, groups, categories, canned replies, organisation, exports): one function per route. */
export function ticketDeskApi(api: ApiClient) {
  return {
    categories: (includeInactive: boolean, signal?: AbortSignal) =>
      api.get(`/ticket-categories${query({ includeInactive: includeInactive ? 'true' : undefined })}`, ticketCategoryTree, opts(signal)),
    createCategory: (body: In<typeof createTicketCategory>) => api.post('/ticket-categories', body, ticketCategoryNode),
    updateCategory: (categoryId: string, body: In<typeof updateTicketCategory>) => api.put(`/ticket-categories/${id(categoryId)}`, body, ticketCategoryNode),
    deleteCategory: (categoryId: string) => api.delete(`/ticket-categories/${id(categoryId)}`, ticketCategoryDeleted),

    groups: (cursor?: string, signal?: AbortSignal) => api.get(`/support-groups${query({ cursor, limit: 100 })}`, supportGroupPage, opts(signal)),
    group: (groupId: string, signal?: AbortSignal) => api.get(`/support-groups/${id(groupId)}`, supportGroupDetail, opts(signal)),
    createGroup: (body: In<typeof createSupportGroup>) => api.post('/support-groups', body, supportGroupView),
    updateGroup: (groupId: string, body: In<typeof updateSupportGroup>) => api.put(`/support-groups/${id(groupId)}`, body, supportGroupView),
    deleteGroup: (groupId: string) => api.delete(`/support-groups/${id(groupId)}`, noContent),
    addMember: (groupId: string, userId: string) => api.post(`/support-groups/${id(groupId)}/members/${id(userId)}`, undefined, groupMemberView),
    removeMember: (groupId: string, userId: string) => api.delete(`/support-groups/${id(groupId)}/members/${id(userId)}`, noContent),
    myGroups: (signal?: AbortSignal) => api.get('/me/support-groups', mySupportGroups, opts(signal)),
    setAvailability: (body: In<typeof setAvailability>) => api.put('/me/availability', body, agentState),

    cannedReplies: (filters: CannedReplyFilters, signal?: AbortSignal) => api.get(`/canned-replies${query({ ...filters })}`, cannedReplyPage, opts(signal)),
    createCannedReply: (body: In<typeof createCannedReply>) => api.post('/canned-replies', body, cannedReplyView),
    updateCannedReply: (cannedReplyId: string, body: In<typeof updateCannedReply>) => api.patch(`/canned-replies/${id(cannedReplyId)}`, body, cannedReplyView),
    deleteCannedReply: (cannedReplyId: string) => api.delete(`/canned-replies/${id(cannedReplyId)}`, noContent),
    previewCannedReply: (cannedReplyId: string, ticketId: string) => api.post(`/canned-replies/${id(cannedReplyId)}/preview`, { ticketId }, cannedReplyPreview),

    tags: (signal?: AbortSignal) => api.get('/ticket-tags', ticketTagList, opts(signal)),
    tagStats: (signal?: AbortSignal) => api.get('/ticket-tags/stats', ticketTagStats, opts(signal)),
    createTag: (body: In<typeof createTicketTag>) => api.post('/ticket-tags', body, ticketTagView),
    updateTag: (tagName: string, body: In<typeof updateTicketTag>) => api.put(`/ticket-tags/${id(tagName)}`, body, ticketTagView),
    deleteTag: (tagName: string) => api.delete(`/ticket-tags/${id(tagName)}`, noContent),
    changeTags: (ticketId: string, body: In<typeof changeTicketTags>) => api.post(`${ticket(ticketId)}/tags`, body, ticketTagsChanged),
    watchers: (ticketId: string, signal?: AbortSignal) => api.get(`${ticket(ticketId)}/watchers`, watcherList, opts(signal)),
    addWatcher: (ticketId: string, userId: string, body: In<typeof addWatcher> = {}) => api.post(`${ticket(ticketId)}/watchers/${id(userId)}`, body, watcherView),
    removeWatcher: (ticketId: string, userId: string) => api.delete(`${ticket(ticketId)}/watchers/${id(userId)}`, noContent),
    watcherPreferences: (ticketId: string, userId: string, body: In<typeof watcherPreferences>) =>
      api.put(`${ticket(ticketId)}/watchers/${id(userId)}/preferences`, body, watcherView),
    merge: (ticketId: string, body: In<typeof mergeTicket>) => api.post(`${ticket(ticketId)}/merge`, body, mergeResult),
    link: (ticketId: string, otherTicketId: string) => api.post(`${ticket(ticketId)}/links/${id(otherTicketId)}`, undefined, linkResult),
    unlink: (ticketId: string, otherTicketId: string) => api.delete(`${ticket(ticketId)}/links/${id(otherTicketId)}`, linkResult),

    exportTickets: (format: 'csv' | 'xlsx', filter: TicketListFilter) => api.get(`/ticket-exports/tickets.${format}${query({ ...filter, cursor: undefined, limit: undefined })}`, exportLink),
    exportPdf: (ticketId: string, locale: In<typeof pdfExportQuery>['locale']) => api.get(`/ticket-exports/tickets/${id(ticketId)}/pdf${query({ locale })}`, exportLink),

    assign: (ticketId: string, body: In<typeof assignTicket>) => api.post(`${ticket(ticketId)}/assign`, body, ticketView),
    unassign: (ticketId: string, body: In<typeof unassignTicket>) => api.post(`${ticket(ticketId)}/unassign`, body, ticketView),
    transfer: (ticketId: string, body: In<typeof transferTicket>) => api.post(`${ticket(ticketId)}/transfer`, body, ticketView),
  };
}

export const deskKeys = {
  categories: (includeInactive: boolean) => ['ticket-categories', includeInactive] as const,
  groups: ['support-groups'] as const,
  group: (groupId: string) => ['support-groups', 'one', groupId] as const,
  myGroups: ['support-groups', 'mine'] as const,
  canned: (filters: CannedReplyFilters) => ['canned-replies', filters] as const,
  tags: ['ticket-tags'] as const,
  tagStats: ['ticket-tags', 'stats'] as const,
  watchers: (ticketId: string) => ['tickets', 'one', ticketId, 'watchers'] as const,
};

export function useTicketTags() {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.tags, queryFn: ({ signal }) => ticketDeskApi(api).tags(signal), staleTime: 60_000 });
}

/** Tags by usage (GET /ticket-tags/stats): most used first, total and unused names. */
export function useTicketTagStats() {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.tagStats, queryFn: ({ signal }) => ticketDeskApi(api).tagStats(signal) });
}

export function useTicketWatchers(ticketId: string) {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.watchers(ticketId), queryFn: ({ signal }) => ticketDeskApi(api).watchers(ticketId, signal) });
}

export function useTicketCategories(includeInactive = false) {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.categories(includeInactive), queryFn: ({ signal }) => ticketDeskApi(api).categories(includeInactive, signal) });
}

export function useSupportGroups() {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.groups, queryFn: ({ signal }) => ticketDeskApi(api).groups(undefined, signal), placeholderData: keepPreviousData });
}

export function useSupportGroup(groupId: string | undefined) {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.group(groupId ?? ''), queryFn: ({ signal }) => ticketDeskApi(api).group(groupId!, signal), enabled: !!groupId });
}

export function useMySupportGroups() {
  const api = useApi();
  return useQuery({ queryKey: deskKeys.myGroups, queryFn: ({ signal }) => ticketDeskApi(api).myGroups(signal) });
}

export function useCannedReplies(filters: CannedReplyFilters, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: deskKeys.canned(filters),
    queryFn: ({ signal }) => ticketDeskApi(api).cannedReplies(filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A category with its place in the tree: depth (0 = top level) and the names from the root, e.g. "Hosting › Email". */
export interface FlatCategory {
  node: TicketCategoryNodeShape;
  depth: number;
  path: string;
}

/** The tree in display order (each parent before its children). */
export function flattenCategories(nodes: readonly TicketCategoryNodeShape[], depth = 0, prefix = ''): FlatCategory[] {
  return nodes.flatMap((node) => {
    const path = prefix ? `${prefix} › ${node.name}` : node.name;
    return [{ node, depth, path }, ...flattenCategories(node.children, depth + 1, path)];
  });
}

/** Error codes of the helpdesk the desk pages explain in words (tickets.desk.errors.<code>). */
export const deskErrorCodes = [
  'conflict',
  'invalid_status_transition',
  'unknown_template_variable',
  'category_in_use',
  'category_name_taken',
  'group_in_use',
  'group_full',
  'already_merged',
  'merge_target_closed',
  'merge_customer_mismatch',
  'merge_same_ticket',
  'link_same_ticket',
  'too_many_links',
  'too_many_tags',
  'unknown_tag',
  'watcher_not_eligible',
  'ticket_merged',
  'file_too_large',
  'file_type_not_allowed',
  'too_many_attachments',
  // codes of `validation_failed` details the pages can explain
  'not_group_member',
  'same_group',
  'unknown_group',
  'unknown_category',
  'category_too_deep',
  'category_cycle',
  'parent_inactive',
  'not_active_staff',
] as const;
type DeskErrorCode = (typeof deskErrorCodes)[number];

const isDeskCode = (code: unknown): code is DeskErrorCode => typeof code === 'string' && (deskErrorCodes as readonly string[]).includes(code);

/**
 * A helpdesk error as an Error whose message is already translated (FormAlert shows unknown
 * codes' messages): its own code, or for `validation_failed` the first detail code we can explain.
 */
export function translateDeskError(t: TFunction, error: unknown): unknown {
  if (!isApiError(error)) return error;
  const detail = error.code === 'validation_failed' && Array.isArray(error.details) ? (error.details as { code?: unknown }[]).find((d) => isDeskCode(d?.code))?.code : undefined;
  const code = isDeskCode(error.code) ? error.code : isDeskCode(detail) ? detail : undefined;
  if (!code) return error;
  return new ApiError(error.status, `tickets.${code}`, t(`tickets.desk.errors.${code}`), error.details, error.requestId);
}

/** Queue filters without the queue itself, the group and the cursor. */
export type QueueFilter = Omit<TicketListFilter, 'queue' | 'groupId' | 'cursor' | 'limit'>;

/**
 * "Unassigned in my groups": one GET /tickets?queue=unassigned per group, merged newest first.
 * The pager's cursor is JSON `{ groupId: cursor }` of the groups that have more; none = first pages.
 */
export function useUnassignedTickets(groupIds: readonly string[], filter: QueueFilter, cursor: string | undefined, enabled = true) {
  const api = useApi();
  const cursors = cursor ? (JSON.parse(cursor) as Record<string, string>) : undefined;
  const wanted = cursors ? groupIds.filter((g) => cursors[g]) : groupIds;
  return useQueries({
    queries: wanted.map((groupId) => {
      const f: TicketListFilter = { ...filter, queue: 'unassigned', groupId, ...(cursors?.[groupId] ? { cursor: cursors[groupId] } : {}) };
      return { queryKey: ticketKeys.list(f), queryFn: ({ signal }: { signal: AbortSignal }) => ticketsApi(api).list(f, signal), placeholderData: keepPreviousData, enabled };
    }),
    combine: (results) => {
      const items = results.flatMap((r) => r.data?.items ?? []).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      const next: Record<string, string> = {};
      results.forEach((r, i) => {
        if (r.data?.cursor) next[wanted[i]!] = r.data.cursor;
      });
      return {
        items: items as TicketView[],
        cursor: Object.keys(next).length ? JSON.stringify(next) : null,
        isPending: results.some((r) => r.isPending),
        isFetching: results.some((r) => r.isFetching),
        error: results.find((r) => r.error)?.error ?? null,
      };
    },
  });
}

/** Staff names by user id, from the members of every support group (agents may not read the user directory). */
export function useStaffDirectory() {
  const api = useApi();
  const groups = useSupportGroups();
  return useQueries({
    queries: (groups.data?.items ?? []).map((g) => ({
      queryKey: deskKeys.group(g.groupId),
      queryFn: ({ signal }: { signal: AbortSignal }) => ticketDeskApi(api).group(g.groupId, signal),
      staleTime: 60_000,
    })),
    combine: (results) => {
      const names = new Map<string, string>();
      const membersOf = new Map<string, { userId: string; name: string; available: boolean }[]>();
      for (const r of results) {
        if (!r.data) continue;
        membersOf.set(r.data.group.groupId, r.data.members.map((m) => ({ userId: m.userId, name: m.name, available: m.available })));
        for (const m of r.data.members) names.set(m.userId, m.name);
      }
      return { names, membersOf };
    },
  });
}

/** Sends the browser to a short-lived download link (the API sets Content-Disposition: attachment). */
export function startDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
