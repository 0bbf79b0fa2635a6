import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import { en } from '../i18n/locales/en';

export type KnownErrorCode = keyof typeof en.errors.codes;

function isKnown(code: string): code is KnownErrorCode {
  return Object.hasOwn(en.errors.codes, code);
}

/**
 * What to tell the user about a failed call: a translated sentence for every stable code the app
 * knows (invalid_credentials, locked, ... and the client's own network_error etc.), the API's own
 * message for any other.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown');
  if (isKnown(error.code)) return t(`errors.codes.${error.code}`);
  return error.message || t('errors.unknown');
}
