import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorMessage } from './errorMessage';

/** The outcome of a failed submit, announced to screen readers (role=alert). */
export function FormAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  // A reference helps support with server failures; for a wrong password it is noise.
  const requestId = isApiError(error) && (error.status >= 500 || error.status === 0) ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="form-error">
      <Text size="sm">{errorMessage(t, error)}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.requestId')}: <bdi dir="ltr">{requestId}</bdi>
        </Text>
      )}
    </Alert>
  );
}

/** A success message, announced politely (role=status). */
export function FormSuccess({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <Alert color="green" variant="light" role="status" title={title} data-testid="form-success">
      {children}
    </Alert>
  );
}
