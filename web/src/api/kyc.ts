import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type * as z from 'zod';
import {
  approveKycDocument,
  customerKyc,
  kycDocumentView,
  kycRequirementsView,
  kycUploadStarted,
  rejectKycDocument,
  reviewQueuePage,
  updateKycRequirements,
  type CreateKycUpload,
} from '../../../shared/kyc/schemas';
import { downloadLink } from '../../../shared/uploads/schemas';
import { ApiError, isApiError, type ApiClient } from './client';
import { useApi } from './context';
import { query } from './identity';
import { declareSendComplete } from './upload';

type In<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;
const docPath = (customerId: string, documentId: string) => `/customers/${id(customerId)}/kyc/documents/${id(documentId)}`;

export const kycKeys = {
  all: ['kyc'] as const,
  customer: (customerId: string) => ['kyc', 'customer', customerId] as const,
  queue: (cursor?: string) => ['kyc', 'queue', cursor ?? null] as const,
  requirements: ['kyc', 'requirements'] as const,
};

/** KYC routes (functions/api/kyc): one function per route. */
export function kycApi(api: ApiClient) {
  return {
    customerKyc: (customerId: string, signal?: AbortSignal) => api.get(`/customers/${id(customerId)}/kyc`, customerKyc, signal ? { signal } : {}),
    startUpload: (customerId: string, body: CreateKycUpload) => api.post(`/customers/${id(customerId)}/kyc/documents`, body, kycUploadStarted),
    completeUpload: (customerId: string, documentId: string) => api.post(`${docPath(customerId, documentId)}/complete`, undefined, kycDocumentView),
    downloadLink: (customerId: string, documentId: string) => api.get(`${docPath(customerId, documentId)}/download`, downloadLink),
    approve: (customerId: string, documentId: string, body: In<typeof approveKycDocument>) => api.post(`${docPath(customerId, documentId)}/approve`, body, kycDocumentView),
    reject: (customerId: string, documentId: string, body: In<typeof rejectKycDocument>) => api.post(`${docPath(customerId, documentId)}/reject`, body, kycDocumentView),
    reviewQueue: (cursor?: string, signal?: AbortSignal) => api.get(`/kyc/review-queue${query({ cursor })}`, reviewQueuePage, signal ? { signal } : {}),
    requirements: (signal?: AbortSignal) => api.get('/settings/kyc', kycRequirementsView, signal ? { signal } : {}),
    saveRequirements: (body: In<typeof updateKycRequirements>) => api.put('/settings/kyc', body, kycRequirementsView),
  };
}

export function useCustomerKyc(customerId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: kycKeys.customer(customerId ?? ''),
    queryFn: ({ signal }) => kycApi(api).customerKyc(customerId!, signal),
    enabled: !!customerId,
  });
}

export function useKycReviewQueue(cursor?: string) {
  const api = useApi();
  return useQuery({ queryKey: kycKeys.queue(cursor), queryFn: ({ signal }) => kycApi(api).reviewQueue(cursor, signal), placeholderData: keepPreviousData });
}

export function useKycRequirements() {
  const api = useApi();
  return useQuery({ queryKey: kycKeys.requirements, queryFn: ({ signal }) => kycApi(api).requirements(signal) });
}

/** Declare a KYC document, send its file with progress, then have the API check it. */
export function uploadKycDocument(api: ReturnType<typeof kycApi>, customerId: string, body: CreateKycUpload, file: File, onProgress: (fraction: number) => void) {
  return declareSendComplete(
    file,
    () => api.startUpload(customerId, body),
    (documentId) => api.completeUpload(customerId, documentId),
    onProgress,
  );
}

const kycErrorCodes = ['file_too_large', 'file_type_not_allowed', 'upload_missing', 'upload_failed', 'invalid_status_transition', 'document_unavailable'] as const;

/** A KYC error as an Error whose message is already translated (for FormAlert, which shows unknown codes' messages). */
export function translateKycError(t: TFunction, error: unknown): unknown {
  if (isApiError(error) && (kycErrorCodes as readonly string[]).includes(error.code)) {
    const code = error.code as (typeof kycErrorCodes)[number];
    return new ApiError(error.status, `kyc.${code}`, t(`kyc.errors.${code}`), error.details, error.requestId);
  }
  return error;
}
