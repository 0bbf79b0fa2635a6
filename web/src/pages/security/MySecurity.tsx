import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../PageHeader';
import { EmailCard } from './EmailCard';
import { LoginHistoryCard } from './LoginHistoryCard';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TwoFactorCard } from './TwoFactorCard';

/** "My security": 2FA, password, email, active sessions and sign-in history of the signed-in user. */
export function MySecurity() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('security.title')} lead={t('security.lead')} />
      <Stack gap="lg" maw={960}>
        <TwoFactorCard />
        <SessionsCard />
        <LoginHistoryCard />
        <PasswordCard />
        <EmailCard />
      </Stack>
    </>
  );
}
