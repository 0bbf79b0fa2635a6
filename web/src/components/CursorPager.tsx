import { Button, Group, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Cursor pagination: the cursors of the pages seen so far, so "previous" works without offsets. */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([undefined]), []);
  return { cursor, page: stack.length, next, previous, reset };
}

export function CursorPager({
  pages,
  nextCursor,
  loading,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <Group component="nav" aria-label={t('pager.label')} justify="space-between" mt="sm">
      <Button variant="default" size="xs" onClick={pages.previous} disabled={pages.page === 1 || loading}>
        {t('pager.previous')}
      </Button>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('pager.page', { page: String(pages.page) })}
      </Text>
      <Button variant="default" size="xs" onClick={() => nextCursor && pages.next(nextCursor)} disabled={!nextCursor || loading}>
        {t('pager.next')}
      </Button>
    </Group>
  );
}
