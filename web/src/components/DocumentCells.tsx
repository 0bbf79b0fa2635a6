import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerDocument } from '../api/customerFiles';

/** 1.5 MB, 820 KB, 12 B in the reader's language. */
export function useFileSize(): (bytes: number) => string {
  const { t, i18n } = useTranslation();
  const number = (n: number) => new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { maximumFractionDigits: 1 }).format(n);
  return (bytes: number) =>
    bytes < 1024
      ? t('customerFiles.documents.units.b', { n: number(bytes) })
      : bytes < 1024 * 1024
        ? t('customerFiles.documents.units.kb', { n: number(bytes / 1024) })
        : t('customerFiles.documents.units.mb', { n: number(bytes / 1024 / 1024) });
}

/** A customer document's title (file name below), category and size: the first cells of every documents table. */
export function DocumentCells({ doc }: { doc: CustomerDocument }) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  return (
    <>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            <bdi>{doc.title}</bdi>
          </Text>
          <Text size="xs" c="dimmed">
            <bdi>{doc.fileName}</bdi>
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>{t(`customerFiles.documents.categories.${doc.category}`)}</Table.Td>
      <Table.Td>{fileSize(doc.size)}</Table.Td>
    </>
  );
}
