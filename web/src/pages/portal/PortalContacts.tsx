import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/identity';
import { paths } from '../../app/nav';
import { Pending } from '../../components/Pending';
import { useCurrentCustomer } from '../../portal/CurrentCustomer';
import { PageHeader } from '../PageHeader';
import { ContactsPanel } from './ContactsPanel';

/** The contacts of the account the portal shows (switch accounts in the header). */
export function PortalContactsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { current, isLoading } = useCurrentCustomer();
  const invitationsLink = (
    <Anchor component={Link} to={paths.portalInvitations}>
      {t('contacts.mine.title')}
    </Anchor>
  );
  if (isLoading || !me.data) return <Pending />;
  if (!current) {
    return (
      <>
        <PageHeader title={t('contacts.title')} />
        <Stack gap="xs">
          <Text>{t('contacts.noAccount')}</Text>
          {invitationsLink}
        </Stack>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('contacts.title')} lead={t('contacts.lead', { name: current.name })} />
      <ContactsPanel
        key={current.customerId}
        customerId={current.customerId}
        accountName={current.name}
        viewer={{ staff: false, userId: me.data.userId, role: current.role, canManageContacts: current.canManageContacts }}
      />
      <Text mt="md" size="sm">
        {invitationsLink}
      </Text>
    </>
  );
}
