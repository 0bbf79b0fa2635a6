import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import {
  createDocument,
  createNote,
  documentPage,
  documentUpload,
  documentView,
  noContent,
  notePage,
  noteView,
  updateDocument,
  updateNote,
  type DocumentView,
} from '../../../shared/customer-files/schemas';
import { downloadLink } from '../../../shared/uploads/schemas';
import type { TFunction } from 'i18next';
import { en } from '../i18n/locales/en';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import { declareSendComplete } from './upload';

export {
  createDocument as createDocumentInput,
  createNote as createNoteInput,
  documentCategories,
  maxNoteLength,
  noteTypes,
  updateDocument as updateDocumentInput,
  updateNote as updateNoteInput,
  type DocumentView as CustomerDocument,
  type NoteView as CustomerNote,
} from '../../../shared/customer-files/schemas';
export { documentTypes, maxDocumentBytes } from '../../../shared/uploads/file-types';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface NoteFilters {
  type?: string;
  includeDeleted?: boolean;
  cursor?: string;
}

/**
 * This feature's error codes (`not_note_author`, `file_too_large`, ...) as the same ApiError with a
 * translated message, which FormAlert shows as is; other errors pass unchanged.
 */
export function localiseFilesError(t: TFunction, error: unknown): unknown {
  if (!isApiError(error) || !Object.hasOwn(en.customerFiles.errors, error.code)) return error;
  return new ApiError(error.status, error.code, t(`customerFiles.errors.${error.code as keyof typeof en.customerFiles.errors}`), error.details, error.requestId);
}

/** Internal notes and customer documents: one function per route. */
export function customerFilesApi(api: ApiClient) {
  const base = (customerId: string) => `/customers/${id(customerId)}`;
  return {
    notes: (customerId: string, f: NoteFilters, signal?: AbortSignal) =>
      api.get(`${base(customerId)}/notes${query({ type: f.type, includeDeleted: f.includeDeleted ? 'true' : undefined, cursor: f.cursor })}`, notePage, opts(signal)),
    createNote: (customerId: string, body: In<typeof createNote>) => api.post(`${base(customerId)}/notes`, body, noteView),
    updateNote: (customerId: string, noteId: string, body: In<typeof updateNote>) => api.put(`${base(customerId)}/notes/${id(noteId)}`, body, noteView),
    deleteNote: (customerId: string, noteId: string) => api.delete(`${base(customerId)}/notes/${id(noteId)}`, noContent),

    documents: (customerId: string, cursor?: string, signal?: AbortSignal) =>
      api.get(`${base(customerId)}/documents${query({ cursor })}`, documentPage, opts(signal)),
    createDocument: (customerId: string, body: In<typeof createDocument>) => api.post(`${base(customerId)}/documents`, body, documentUpload),
    completeDocument: (customerId: string, documentId: string) =>
      api.post(`${base(customerId)}/documents/${id(documentId)}/complete`, undefined, documentView),
    downloadLink: (customerId: string, documentId: string) => api.get(`${base(customerId)}/documents/${id(documentId)}/download`, downloadLink),
    updateDocument: (customerId: string, documentId: string, body: In<typeof updateDocument>) =>
      api.patch(`${base(customerId)}/documents/${id(documentId)}`, body, documentView),
    deleteDocument: (customerId: string, documentId: string) => api.delete(`${base(customerId)}/documents/${id(documentId)}`, noContent),
  };
}

export const customerFilesKeys = {
  notes: (customerId: string) => ['customers', customerId, 'notes'] as const,
  notesPage: (customerId: string, f: NoteFilters) => ['customers', customerId, 'notes', f] as const,
  documents: (customerId: string) => ['customers', customerId, 'documents'] as const,
  documentsPage: (customerId: string, cursor?: string) => ['customers', customerId, 'documents', cursor ?? null] as const,
};

export function useNotes(customerId: string, filters: NoteFilters) {
  const api = useApi();
  return useQuery({
    queryKey: customerFilesKeys.notesPage(customerId, filters),
    queryFn: ({ signal }) => customerFilesApi(api).notes(customerId, filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDocuments(customerId: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: customerFilesKeys.documentsPage(customerId, cursor),
    queryFn: ({ signal }) => customerFilesApi(api).documents(customerId, cursor, signal),
    placeholderData: keepPreviousData,
  });
}

/** A mutation that refreshes the customer's notes or documents when it succeeds. */
export function useCustomerFilesMutation<V, R>(customerId: string, what: 'notes' | 'documents', fn: (api: ReturnType<typeof customerFilesApi>, v: V) => Promise<R>) {
  const api = customerFilesApi(useApi());
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => fn(api, v),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: what === 'notes' ? customerFilesKeys.notes(customerId) : customerFilesKeys.documents(customerId) }),
  });
}

/** Declare, send with progress, then have the server check the stored file. */
export function uploadDocument(
  api: ReturnType<typeof customerFilesApi>,
  customerId: string,
  input: { category: In<typeof createDocument>['category']; title: string; sharedWithCustomer: boolean; file: File },
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<DocumentView> {
  const { file, ...rest } = input;
  return declareSendComplete(
    file,
    () => api.createDocument(customerId, { ...rest, fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size }),
    (documentId) => api.completeDocument(customerId, documentId),
    onProgress,
    signal,
  );
}
