import { Anchor, Group, Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCustomer } from '../../../api/customers';
import { paths } from '../../../app/nav';
import { FormAlert } from '../../../components/FormAlert';
import { PageHeader } from '../../PageHeader';
import { ActivityTab } from './ActivityTab';
import { ContactsTab } from './ContactsTab';
import { DocumentsTab } from './DocumentsTab';
import { KycTab } from './KycTab';
import { NotesTab } from './NotesTab';
import { ProfileTab } from './ProfileTab';
import { CustomerStatusBadge } from './StatusBadge';

const tabs = ['profile', 'contacts', 'kyc', 'notes', 'documents', 'activity'] as const;
type Tab = (typeof tabs)[number];

/** Desk: one customer, its sections as tabs chosen by `?tab=`. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'profile';
  const customer = useCustomer(customerId);

  return (
    <>
      <Anchor component={Link} to={paths.customers} size="sm">
        {t('customers.profile.back')}
      </Anchor>
      <PageHeader title={customer.data?.name ?? t('customers.title')} />
      {customer.isError ? (
        <FormAlert error={customer.error} />
      ) : (
        <Stack gap="md">
          {customer.data && (
            <Group gap="xs">
              <CustomerStatusBadge status={customer.data.status} />
            </Group>
          )}
          <Tabs value={tab} onChange={(value) => setParams(value && value !== 'profile' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List aria-label={t('customers.tabs.label')}>
              {tabs.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`customers.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="profile" pt="md">
              <ProfileTab customerId={customerId} />
            </Tabs.Panel>
            <Tabs.Panel value="contacts" pt="md">
              <ContactsTab customerId={customerId} />
            </Tabs.Panel>
            <Tabs.Panel value="kyc" pt="md">
              <KycTab customerId={customerId} />
            </Tabs.Panel>
            <Tabs.Panel value="notes" pt="md">
              <NotesTab customerId={customerId} />
            </Tabs.Panel>
            <Tabs.Panel value="documents" pt="md">
              <DocumentsTab customerId={customerId} />
            </Tabs.Panel>
            <Tabs.Panel value="activity" pt="md">
              <ActivityTab customerId={customerId} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </>
  );
}
