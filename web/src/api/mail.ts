import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type * as z from 'zod';
import {
  createSuppression,
  mailSettingsView,
  deleteReviewBatchResult,
  releaseResult,
  reviewDetail,
  reviewPage,
  suppressionPage,
  suppressionView,
  updateMailSettings,
  type ReviewItem,
} from '../../../shared/mail/admin-schemas';
import type { TemplateEvent, TemplateLanguage } from '../../../shared/notifications/events';
import { mailTemplateList, mailTemplateView, previewMailTemplate, putMailTemplate, renderedMail } from '../../../shared/notifications/schemas';
import { downloadLink } from '../../../shared/uploads/schemas';
import { en } from '../i18n/locales/en';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import { noContent } from './schemas';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const templatePath = (event: string, language: string) => `/mail-templates/${id(event)}/${id(language)}`;

/** Mail admin routes (settings, suppressions, spam review) and the original-message download: one function per route. */
export function mailApi(api: ApiClient) {
  return {
    settings: (signal?: AbortSignal) => api.get('/mail/settings', mailSettingsView, opts(signal)),
    saveSettings: (body: In<typeof updateMailSettings>) => api.put('/mail/settings', body, mailSettingsView),

    suppressions: (filter: { email?: string; cursor?: string }, signal?: AbortSignal) =>
      api.get(`/mail/suppressions${query({ ...filter, limit: 25 })}`, suppressionPage, opts(signal)),
    addSuppression: (body: In<typeof createSuppression>) => api.post('/mail/suppressions', body, suppressionView),
    removeSuppression: (email: string) => api.delete(`/mail/suppressions/${id(email)}`, noContent),

    review: (kind: ReviewItem['kind'], cursor?: string, signal?: AbortSignal) => api.get(`/mail/review${query({ kind, cursor, limit: 25 })}`, reviewPage, opts(signal)),
    reviewItem: (messageId: string, signal?: AbortSignal) => api.get(`/mail/review/${id(messageId)}`, reviewDetail, opts(signal)),
    release: (messageId: string) => api.post(`/mail/review/${id(messageId)}/release`, undefined, releaseResult),
    discard: (messageId: string) => api.delete(`/mail/review/${id(messageId)}`, noContent),
    discardMany: (messageIds: string[]) => api.post('/mail/review/delete', { messageIds }, deleteReviewBatchResult),

    templates: (signal?: AbortSignal) => api.get('/mail-templates', mailTemplateList, opts(signal)),
    template: (event: TemplateEvent, language: TemplateLanguage, signal?: AbortSignal) => api.get(templatePath(event, language), mailTemplateView, opts(signal)),
    saveTemplate: (event: TemplateEvent, language: TemplateLanguage, body: In<typeof putMailTemplate>) => api.put(templatePath(event, language), body, mailTemplateView),
    resetTemplate: (event: TemplateEvent, language: TemplateLanguage) => api.delete(templatePath(event, language), noContent),
    previewTemplate: (event: TemplateEvent, language: TemplateLanguage, body: In<typeof previewMailTemplate>) =>
      api.post(`${templatePath(event, language)}/preview`, body, renderedMail),

    /** Staff: a short-lived link to the raw .eml of an emailed ticket message. */
    original: (ticketId: string, messageId: string) => api.get(`/tickets/${id(ticketId)}/messages/${id(messageId)}/original`, downloadLink),
  };
}

export const mailKeys = {
  settings: ['mail', 'settings'] as const,
  suppressions: ['mail', 'suppressions'] as const,
  suppressionPage: (email: string, cursor: string | undefined) => ['mail', 'suppressions', email, cursor ?? ''] as const,
  review: ['mail', 'review'] as const,
  reviewPage: (kind: string, cursor: string | undefined) => ['mail', 'review', kind, cursor ?? ''] as const,
  reviewItem: (messageId: string) => ['mail', 'review', 'one', messageId] as const,
  templates: ['mail', 'templates'] as const,
  template: (event: string, language: string) => ['mail', 'templates', event, language] as const,
};

export function useMailTemplates() {
  const api = useApi();
  return useQuery({ queryKey: mailKeys.templates, queryFn: ({ signal }) => mailApi(api).templates(signal), staleTime: 0 });
}

export function useMailTemplate(event: TemplateEvent, language: TemplateLanguage) {
  const api = useApi();
  return useQuery({ queryKey: mailKeys.template(event, language), queryFn: ({ signal }) => mailApi(api).template(event, language, signal), staleTime: 0 });
}

export function useMailSettings() {
  const api = useApi();
  return useQuery({ queryKey: mailKeys.settings, queryFn: ({ signal }) => mailApi(api).settings(signal), staleTime: 0 });
}

export function useSuppressions(email: string, cursor: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: mailKeys.suppressionPage(email, cursor),
    queryFn: ({ signal }) => mailApi(api).suppressions({ ...(email ? { email } : {}), ...(cursor ? { cursor } : {}) }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReviewPage(kind: ReviewItem['kind'], cursor: string | undefined) {
  const api = useApi();
  // Held mail arrives all the time: every visit of a tab reads the list again.
  return useQuery({ queryKey: mailKeys.reviewPage(kind, cursor), queryFn: ({ signal }) => mailApi(api).review(kind, cursor, signal), placeholderData: keepPreviousData, staleTime: 0 });
}

export function useReviewItem(messageId: string | undefined) {
  const api = useApi();
  return useQuery({ queryKey: mailKeys.reviewItem(messageId ?? ''), queryFn: ({ signal }) => mailApi(api).reviewItem(messageId!, signal), enabled: !!messageId, staleTime: 0 });
}

/** The mail pages' own codes, in words (mail.errors.<code>); any other error passes through to FormAlert. */
export function translateMailError(t: TFunction, error: unknown): unknown {
  if (!isApiError(error) || !Object.hasOwn(en.mail.errors, error.code)) return error;
  const code = error.code as keyof typeof en.mail.errors;
  return new ApiError(error.status, `mail.${code}`, t(`mail.errors.${code}`), error.details, error.requestId);
}

/** `validation_failed` details as field path → API code/message (e.g. `mailboxes.0.groupId`). */
export function detailPaths(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.code !== 'validation_failed') return {};
  const details = error.details as { issues?: { path?: unknown; code?: unknown; message?: unknown }[] } | { path?: unknown }[] | undefined;
  const issues = Array.isArray(details) ? details : (details?.issues ?? []);
  const out: Record<string, string> = {};
  for (const issue of issues as { path?: unknown; code?: unknown; message?: unknown }[]) {
    const path = Array.isArray(issue.path) ? issue.path.join('.') : typeof issue.path === 'string' ? issue.path : '';
    if (path && !out[path]) out[path] = String(issue.code ?? issue.message ?? 'invalid');
  }
  return out;
}

const tokenPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The `{{names}}` of a template text that its event does not provide (the API refuses them: `unknown_template_variable`). */
export function unknownTokens(text: string, allowed: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(tokenPattern)) if (!allowed.includes(m[1] ?? '')) unknown.add(m[1] ?? '');
  return [...unknown];
}
