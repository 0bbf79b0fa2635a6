import { Card, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMyActivity } from '../../api/identity';
import { AuditTable } from '../../components/AuditTable';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../PageHeader';

/** Every user's own audit trail (GET /me/activity). */
export function MyActivity() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const activity = useMyActivity(pages.cursor);
  return (
    <>
      <PageHeader title={t('activity.title')} lead={t('activity.lead')} />
      <Card withBorder radius="md" padding="lg">
        {activity.isPending ? (
          <Group gap="sm" role="status">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('common.loading')}</Text>
          </Group>
        ) : activity.isError ? (
          <FormAlert error={activity.error} />
        ) : (
          <>
            <AuditTable items={activity.data.items} caption={t('activity.caption')} />
            <CursorPager pages={pages} nextCursor={activity.data.cursor} loading={activity.isFetching} />
          </>
        )}
      </Card>
    </>
  );
}
