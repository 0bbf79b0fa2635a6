import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { areas, paths } from '../app/nav';
import { useGuardContext } from '../auth/Guarded';
import { homeFor } from '../auth/guards';
import { PageHeader } from './PageHeader';

/** Guests: what the three areas are, and the ways in. Signed-in users go straight to their own area. */
export function Landing() {
  const { t } = useTranslation();
  const { session, me } = useGuardContext();
  if (session.status === 'signed_in' && session.mfaSetupRequired) return <Navigate to={paths.mfaSetup} replace />;
  if (session.status === 'signed_in' && me) return <Navigate to={homeFor(me)} replace />;
  return (
    <>
      <PageHeader title={t('landing.title')} lead={t('landing.intro')} />
      {session.status === 'signed_out' && (
        <Group mb="lg">
          <Button component={Link} to={paths.signIn}>
            {t('nav.signIn')}
          </Button>
          <Button component={Link} to={paths.register} variant="light">
            {t('nav.register')}
          </Button>
          <Anchor component={Link} to={paths.requestAccess} size="sm">
            {t('landing.staff')}
          </Anchor>
        </Group>
      )}
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
