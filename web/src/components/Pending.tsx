import { Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from './FormAlert';

/** "Loading…", announced politely (role=status). */
export function Pending() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="xs" aria-hidden />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}

/** A query's data once loaded; until then "Loading…", and its error if it failed. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Pending />;
  if (query.isError) return <FormAlert error={query.error} />;
  return <>{children(query.data)}</>;
}
