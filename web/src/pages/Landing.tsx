import { Anchor, Card, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { areas, paths } from '../app/nav';
import { PageHeader } from './PageHeader';

export function Landing() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('landing.title')} lead={t('landing.intro')} />
      <SimpleGrid component="ul" cols={{ base: 1, md: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }}>
        {areas.map((area) => (
          <Card component="li" key={area} withBorder radius="md" padding="lg">
            <Stack gap="xs" h="100%">
              <Title order={2} size="h3">
                {t(`areas.${area}.title`)}
              </Title>
              <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>
                {t(`areas.${area}.summary`)}
              </Text>
              <Anchor component={Link} to={paths[area]} fw={600}>
                {t('landing.open')}
                <VisuallyHidden> {t(`areas.${area}.title`)}</VisuallyHidden>
              </Anchor>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Text mt="xl">
        <Anchor component={Link} to={paths.status}>
          {t('status.details')}
        </Anchor>
      </Text>
    </>
  );
}
