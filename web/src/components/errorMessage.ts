import type { TFunction } from 'i18next';
import { isApiError, type ClientErrorCode } from '../api/client';

const clientCodes: readonly ClientErrorCode[] = ['network_error', 'http_error', 'invalid_response'];

/**
 * What to tell the user about a failed call: the API's own message when it sent one,
 * a translated sentence when the failure happened before or around the API.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown');
  const code = clientCodes.find((c) => c === error.code);
  return code ? t(`errors.${code}`) : error.message;
}
