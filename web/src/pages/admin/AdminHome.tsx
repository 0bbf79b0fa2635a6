import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { navGroups } from '../../app/nav';
import { useGuardContext } from '../../auth/Guarded';
import { mayOpen } from '../../auth/guards';
import { StatusCard } from '../../components/StatusCard';
import { PageHeader } from '../PageHeader';

/** Admin area home: the admin pages this user may open, and the API status. */
export function AdminHome() {
  const { t } = useTranslation();
  const context = useGuardContext();
  const items = navGroups.find((g) => g.id === 'administration')!.items.filter((i) => mayOpen(i.guard, context));
  return (
    <>
      <PageHeader title={t('areas.admin.title')} lead={t('areas.admin.body')} />
      <Stack gap="md">
        <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <Card component="li" key={item.key} withBorder radius="md" padding="lg">
              <Title order={2} size="h4" mb={4}>
                <Anchor component={Link} to={item.to} inherit>
                  {t(`nav.${item.key}`)}
                </Anchor>
              </Title>
              <Text size="sm" c="dimmed">
                {t(`adminHome.${item.key as 'users' | 'roles' | 'accessRequests' | 'audit'}`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
        <StatusCard variant="summary" />
      </Stack>
    </>
  );
}
