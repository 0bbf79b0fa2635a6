import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type * as z from 'zod';
import { ticketCategoryTree, type TicketCategoryNodeShape } from '../../../shared/tickets/assignment-schemas';
import {
  attachmentPage,
  attachmentUpload,
  attachmentView,
  messagePage,
  postMessage,
  postMessageResult,
  type AttachmentView,
} from '../../../shared/tickets/conversation-schemas';
import {
  changeTicketStatus,
  closeTicket,
  createTicket,
  listTicketsQuery,
  myTicketsQuery,
  rateTicket,
  ticketPage,
  ticketTimeline,
  ticketView,
  updateTicket,
} from '../../../shared/tickets/schemas';
import { queueCounts } from '../../../shared/tickets/queue-count-schemas';
import { downloadLink } from '../../../shared/uploads/schemas';
import { en } from '../i18n/locales/en';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import { declareSendComplete } from './upload';

export {
  attachmentExtensions,
  blockedExtensions,
  defaultAttachmentLimits,
  maxMessageLength,
  type AttachmentView,
  type MessageView,
  type PostMessageResult,
} from '../../../shared/tickets/conversation-schemas';
export {
  customerPriorities,
  ticketPriorities,
  ticketStatusList,
  type TicketEventView,
  type TicketView,
} from '../../../shared/tickets/schemas';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const ticketBase = (ticketId: string) => `/tickets/${id(ticketId)}`;

/** Filters of GET /me/tickets as the portal sends them. */
export type MyTicketsFilter = Omit<In<typeof myTicketsQuery>, 'limit'> & { limit?: number };
/** Filters of GET /tickets (staff queues). */
export type TicketListFilter = Partial<Omit<In<typeof listTicketsQuery>, 'limit'>> & { limit?: number };

/** Tickets, their conversation and attachments (functions/api/tickets, functions/api/ticket-messages): one function per route. */
export function ticketsApi(api: ApiClient) {
  return {
    create: (body: In<typeof createTicket>) => api.post('/tickets', body, ticketView),
    get: (ticketId: string, signal?: AbortSignal) => api.get(ticketBase(ticketId), ticketView, opts(signal)),
    byNumber: (number: string, signal?: AbortSignal) => api.get(`/tickets/by-number/${id(number.replace(/^#/, ''))}`, ticketView, opts(signal)),
    list: (f: TicketListFilter, signal?: AbortSignal) => api.get(`/tickets${query({ ...f })}`, ticketPage, opts(signal)),
    queueCounts: (groupId?: string, signal?: AbortSignal) => api.get(`/tickets/queue-counts${query({ groupId })}`, queueCounts, opts(signal)),
    mine: (f: MyTicketsFilter, signal?: AbortSignal) => api.get(`/me/tickets${query({ ...f })}`, ticketPage, opts(signal)),
    update: (ticketId: string, body: In<typeof updateTicket>) => api.patch(ticketBase(ticketId), body, ticketView),
    changeStatus: (ticketId: string, body: In<typeof changeTicketStatus>) => api.post(`${ticketBase(ticketId)}/status`, body, ticketView),
    close: (ticketId: string, body: In<typeof closeTicket>) => api.post(`${ticketBase(ticketId)}/close`, body, ticketView),
    rate: (ticketId: string, body: In<typeof rateTicket>) => api.post(`${ticketBase(ticketId)}/satisfaction`, body, ticketView),
    timeline: (ticketId: string, cursor?: string, signal?: AbortSignal) => api.get(`${ticketBase(ticketId)}/timeline${query({ cursor })}`, ticketTimeline, opts(signal)),

    messages: (ticketId: string, cursor?: string, signal?: AbortSignal) => api.get(`${ticketBase(ticketId)}/messages${query({ cursor, limit: 100 })}`, messagePage, opts(signal)),
    postMessage: (ticketId: string, body: In<typeof postMessage>) =>
      api.post(`${ticketBase(ticketId)}/messages`, body, postMessageResult),
    attachments: (ticketId: string, cursor?: string, signal?: AbortSignal) => api.get(`${ticketBase(ticketId)}/attachments${query({ cursor, limit: 100 })}`, attachmentPage, opts(signal)),
    startAttachment: (ticketId: string, body: { fileName: string; contentType: string; size: number }) => api.post(`${ticketBase(ticketId)}/attachments`, body, attachmentUpload),
    completeAttachment: (ticketId: string, attachmentId: string) => api.post(`${ticketBase(ticketId)}/attachments/${id(attachmentId)}/complete`, undefined, attachmentView),
    downloadLink: (ticketId: string, attachmentId: string) => api.get(`${ticketBase(ticketId)}/attachments/${id(attachmentId)}/download`, downloadLink),

    categories: (signal?: AbortSignal) => api.get('/ticket-categories', ticketCategoryTree, opts(signal)),
  };
}

export type TicketsApi = ReturnType<typeof ticketsApi>;

export const ticketKeys = {
  all: ['tickets'] as const,
  ticket: (ticketId: string) => ['tickets', 'one', ticketId] as const,
  timeline: (ticketId: string) => ['tickets', 'one', ticketId, 'timeline'] as const,
  messages: (ticketId: string) => ['tickets', 'one', ticketId, 'messages'] as const,
  attachments: (ticketId: string) => ['tickets', 'one', ticketId, 'attachments'] as const,
  lists: ['tickets', 'list'] as const,
  mine: (f: MyTicketsFilter) => ['tickets', 'list', 'mine', f] as const,
  list: (f: TicketListFilter) => ['tickets', 'list', 'staff', f] as const,
  queueCounts: (groupId: string | undefined) => ['tickets', 'list', 'counts', groupId ?? ''] as const,
  categories: ['tickets', 'categories'] as const,
};

/** An open ticket is re-read when shown and every 30 s while shown, so replies from the other side appear. */
const live = { staleTime: 0, refetchInterval: 30_000 } as const;

export function useTicket(ticketId: string | undefined) {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.ticket(ticketId ?? ''), queryFn: ({ signal }) => ticketsApi(api).get(ticketId!, signal), enabled: !!ticketId, ...live });
}

export function useMyTickets(filter: MyTicketsFilter, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.mine(filter), queryFn: ({ signal }) => ticketsApi(api).mine(filter, signal), placeholderData: keepPreviousData, enabled, staleTime: 0 });
}

export function useTicketList(filter: TicketListFilter, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.list(filter), queryFn: ({ signal }) => ticketsApi(api).list(filter, signal), placeholderData: keepPreviousData, enabled, staleTime: 0 });
}

/**
 * Active tickets per desk queue (GET /tickets/queue-counts: counters kept by the table stream,
 * a few seconds behind the lists), whatever the filters; `groupId` adds that group's count.
 */
export function useTicketQueueCounts(groupId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ticketKeys.queueCounts(groupId),
    queryFn: ({ signal }) => ticketsApi(api).queueCounts(groupId, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: 30_000,
  });
}

/** The whole timeline, newest first (the API pages it; tickets rarely have more than one page). */
export function useTicketTimeline(ticketId: string) {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.timeline(ticketId), queryFn: ({ signal }) => allPages((cursor) => ticketsApi(api).timeline(ticketId, cursor, signal)), ...live });
}

/** Every message of a ticket, oldest first. */
export function useTicketMessages(ticketId: string) {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.messages(ticketId), queryFn: ({ signal }) => allPages((cursor) => ticketsApi(api).messages(ticketId, cursor, signal)), ...live });
}

/** Every attachment of a ticket the caller may see. */
export function useTicketAttachments(ticketId: string) {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.attachments(ticketId), queryFn: ({ signal }) => allPages((cursor) => ticketsApi(api).attachments(ticketId, cursor, signal)), ...live });
}

export function useTicketCategories() {
  const api = useApi();
  return useQuery({ queryKey: ticketKeys.categories, queryFn: ({ signal }) => ticketsApi(api).categories(signal), staleTime: 60_000 });
}

/** A page-by-page read followed to its end (at most 20 pages). */
async function allPages<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; cursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i += 1) {
    const page = await load(cursor);
    items.push(...page.items);
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  return items;
}

/** A category with its place in the tree, for selects: "Parent › Child". */
export interface CategoryOption {
  categoryId: string;
  label: string;
  active: boolean;
  requiresQc: boolean;
}

export function flattenCategories(nodes: readonly TicketCategoryNodeShape[], prefix = ''): CategoryOption[] {
  return nodes.flatMap((n) => {
    const label = prefix ? `${prefix} › ${n.name}` : n.name;
    return [{ categoryId: n.categoryId, label, active: n.active, requiresQc: n.requiresQc }, ...flattenCategories(n.children, label)];
  });
}

/** A mutation on one ticket that refreshes it, its conversation, timeline and the lists when it succeeds. */
export function useTicketMutation<V, R>(ticketId: string, fn: (api: TicketsApi, v: V) => Promise<R>) {
  const api = ticketsApi(useApi());
  const refresh = useRefreshTicket();
  return useMutation({ mutationFn: (v: V) => fn(api, v), onSuccess: () => refresh(ticketId) });
}

export function useRefreshTicket() {
  const queryClient = useQueryClient();
  return (ticketId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ticketKeys.ticket(ticketId) }),
      queryClient.invalidateQueries({ queryKey: ticketKeys.lists }),
    ]);
}

/** Declare an attachment on a ticket, send it with progress, then have the API check it. */
export function uploadTicketAttachment(api: TicketsApi, ticketId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<AttachmentView> {
  return declareSendComplete(
    file,
    async () => {
      const started = await api.startAttachment(ticketId, { fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size });
      return { upload: started.upload, document: { documentId: started.attachment.attachmentId } };
    },
    (attachmentId) => api.completeAttachment(ticketId, attachmentId),
    onProgress,
    signal,
  );
}

/** What the portal checks before uploading (the API checks again, on the stored bytes too). */
export function attachmentProblem(
  file: File,
  limits: { maxBytes: number },
  allowed: Record<string, string>,
  blocked: readonly string[],
): 'tooLarge' | 'badType' | undefined {
  if (file.size > limits.maxBytes) return 'tooLarge';
  const parts = file.name.toLowerCase().split('.').slice(1);
  const last = parts[parts.length - 1];
  if (!last || !Object.hasOwn(allowed, last)) return 'badType';
  if (parts.some((p) => (blocked as readonly string[]).includes(p))) return 'badType';
  return undefined;
}

/**
 * This feature's error codes (`invalid_status_transition`, `file_too_large`, ...) as the same
 * ApiError with a translated message, which FormAlert shows as is; other errors pass unchanged.
 */
export function translateTicketError(t: TFunction, error: unknown): unknown {
  if (!isApiError(error) || !Object.hasOwn(en.tickets.errors, error.code)) return error;
  const code = error.code as keyof typeof en.tickets.errors;
  return new ApiError(error.status, `tickets.${code}`, t(`tickets.errors.${code}`), error.details, error.requestId);
}
