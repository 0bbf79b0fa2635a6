import { ApiError } from './client';

/** Where and how to POST one file: the form fields of a presigned S3 POST (shared/uploads/schemas.ts `presignedUpload`). */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/**
 * Sends one file to S3 with a presigned POST (the fields as given, then `file` last), reporting
 * progress as a fraction from 0 to 1. XMLHttpRequest, because fetch reports no upload progress.
 * Fails with ApiError `upload_failed` (storage refused), `network_error` or `upload_cancelled` (signal).
 */
export function uploadToPresignedPost(upload: PresignedPost, file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(upload.fields)) form.append(key, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new ApiError(xhr.status, 'upload_failed', `Storage answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The file could not be sent'));
    xhr.onabort = () => reject(new ApiError(0, 'upload_cancelled', 'The upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Every upload's three steps: declare the file to the API (which answers where to POST it and the
 * record's id), send it with progress, then have the API check the stored file.
 */
export async function declareSendComplete<T>(
  file: Blob,
  declare: () => Promise<{ upload: PresignedPost; document: { documentId: string } }>,
  complete: (documentId: string) => Promise<T>,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const started = await declare();
  onProgress(0);
  await uploadToPresignedPost(started.upload, file, onProgress, signal);
  return complete(started.document.documentId);
}
