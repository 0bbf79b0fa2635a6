import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyRow } from './EmptyRow';

/**
 * The shell of a striped, scrollable data table: caption, a header row (with a last,
 * visually hidden "actions" column), one row per item and, if given, a row for "nothing to show".
 */
export function DataTable<T>({
  testId,
  caption,
  columns,
  items,
  row,
  empty,
  minWidth = 720,
  highlightOnHover = false,
}: {
  testId: string;
  caption: string;
  /** Visible column headers; the actions column is added after them. */
  columns: string[];
  items: readonly T[];
  /** One `Table.Tr` (with its key) per item. */
  row: (item: T) => ReactNode;
  /** Shown in a single row when there are no items. */
  empty?: string;
  minWidth?: number;
  highlightOnHover?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover={highlightOnHover} data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
            <Table.Th>
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {empty !== undefined && items.length === 0 && <EmptyRow colSpan={columns.length + 1}>{empty}</EmptyRow>}
          {items.map((item) => row(item))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
