import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/identity';
import { Pending } from '../../../components/Pending';
import { ContactsPanel } from '../../portal/ContactsPanel';

/** The desk's contacts tab of a customer: the same list, edit and invitations as the portal, for staff. */
export function ContactsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return <Pending />;
  return (
    <>
      <Text c="dimmed" mb="md">
        {t('contacts.deskLead')}
      </Text>
      <ContactsPanel customerId={customerId} viewer={{ staff: true, canManage: me.data.permissions.includes('contacts:manage') }} />
    </>
  );
}
