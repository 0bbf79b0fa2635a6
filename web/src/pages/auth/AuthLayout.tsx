import { Anchor, Card, Container, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../PageHeader';

/** The narrow, centred column of every sign-in, registration and recovery page. */
export function AuthLayout({ title, lead, children, footer }: { title: string; lead?: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Container size={460} px={0}>
      <PageHeader title={title} {...(lead ? { lead } : {})} />
      <Card withBorder radius="md" padding="lg">
        {children}
      </Card>
      {footer && (
        <Stack gap={4} mt="md" align="center">
          {footer}
        </Stack>
      )}
    </Container>
  );
}

/** The footer link of the recovery pages back to sign-in. */
export function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/sign-in" size="sm">
      {t('auth.backToSignIn')}
    </Anchor>
  );
}
