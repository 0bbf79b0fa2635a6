import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Area } from '../app/nav';
import { StatusCard } from '../components/StatusCard';
import { PageHeader } from './PageHeader';

/** An area's home: what the area is for, and whether the API behind it answers. */
export function AreaHome({ area }: { area: Area }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`areas.${area}.title`)} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="welcome-title">
          <Title order={2} size="h3" id="welcome-title" mb="sm">
            {t(`areas.${area}.welcome`)}
          </Title>
          <Text>{t(`areas.${area}.body`)}</Text>
        </Card>
        <StatusCard variant="summary" />
      </SimpleGrid>
    </>
  );
}
