import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreateCustomer } from '../../../../shared/customers/schemas';
import { useApi } from '../../api/context';
import { customerKeys, customersApi, translateCustomerError, useCustomer } from '../../api/customers';
import { paths } from '../../app/nav';
import { FormSuccess } from '../../components/FormAlert';
import { Loaded, Pending } from '../../components/Pending';
import { myAccountsKey, useCurrentCustomer } from '../../portal/CurrentCustomer';
import { CustomerDetails } from '../desk/customers/CustomerDetails';
import { CustomerForm } from '../desk/customers/CustomerForm';
import { EditCustomerDialog } from '../desk/customers/ProfileTab';
import { PageHeader } from '../PageHeader';

/** Portal: open an account (first visit), else the current account's profile, editable by its owners. */
export function PortalAccountPage() {
  const { t } = useTranslation();
  const { accounts, current, isLoading } = useCurrentCustomer();
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <>
      <PageHeader title={t('customers.portal.title')} lead={t('customers.portal.lead')} />
      {notice && <FormSuccess>{notice}</FormSuccess>}
      {isLoading ? <Pending /> : accounts.length === 0 || !current ? <Onboarding onDone={() => setNotice(t('customers.portal.opened'))} /> : <Account customerId={current.customerId} canEdit={current.role === 'owner' || current.canManageContacts} />}
    </>
  );
}

function Onboarding({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const api = customersApi(useApi());
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: ({ groupId: _group, ...values }: CreateCustomer) => api.createOwn(values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: myAccountsKey });
      onDone();
    },
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h3">
        {t('customers.portal.onboardingTitle')}
      </Title>
      <Text c="dimmed" mb="md">
        {t('customers.portal.onboardingLead')}
      </Text>
      <CustomerForm showGroup={false} submitLabel={t('customers.portal.open')} loading={open.isPending} error={open.error ? translateCustomerError(t, open.error) : null} onSubmit={(v) => open.mutate(v)} />
    </Card>
  );
}

function Account({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const customer = useCustomer(customerId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <Loaded query={customer}>
      {(c) => (
        <Stack gap="md">
          {saved && <FormSuccess>{t('customers.profile.saved')}</FormSuccess>}
          {c.status === 'pending' && (
            <Alert color="yellow" variant="light" title={t('customers.portal.pendingTitle')}>
              <Stack gap={4}>
                <Text size="sm">{t('customers.portal.pendingBody')}</Text>
                {!c.kyc.complete && (
                  <Text size="sm">
                    {t('customers.profile.kycMissing', { types: c.kyc.missing.map((m) => t(`kyc.docTypes.${m}` as 'kyc.docTypes.identity', { defaultValue: m })).join(', ') })}
                  </Text>
                )}
                <Anchor component={Link} to={paths.portalKyc} size="sm">
                  {t('customers.portal.goToKyc')}
                </Anchor>
              </Stack>
            </Alert>
          )}
          <Card withBorder radius="md" padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t('customers.profile.details')}
              </Title>
              {canEdit ? (
                <Button size="xs" onClick={() => setEditing(true)}>
                  {t('customers.profile.edit')}
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('customers.portal.readOnly')}
                </Text>
              )}
            </Group>
            <CustomerDetails customer={c} />
          </Card>
          {editing && (
            <EditCustomerDialog
              customer={c}
              showGroup={false}
              onClose={() => setEditing(false)}
              onDone={async () => {
                setEditing(false);
                setSaved(true);
                await queryClient.invalidateQueries({ queryKey: myAccountsKey });
                await queryClient.invalidateQueries({ queryKey: customerKeys.one(customerId) });
              }}
            />
          )}
        </Stack>
      )}
    </Loaded>
  );
}
