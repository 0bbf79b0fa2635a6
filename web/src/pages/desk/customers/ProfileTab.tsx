import { Alert, Button, Card, Checkbox, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { changeCustomerStatus, type ChangeCustomerStatus, type CreateCustomer, type CustomerDetail, type CustomerStatus } from '../../../../../shared/customers/schemas';
import { canTransition } from '../../../../../shared/customers/status';
import { useApi } from '../../../api/context';
import { customerKeys, customersApi, translateCustomerError, useCustomer } from '../../../api/customers';
import { useMe } from '../../../api/identity';
import { DateTime } from '../../../components/DateTime';
import { FormDialog } from '../../../components/Dialogs';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';
import { CustomerForm } from './CustomerForm';
import { CustomerDetails } from './CustomerDetails';

type Action = 'activate' | 'reactivate' | 'suspend' | 'deactivate';

/** The status moves offered from a status, with their button label. */
function actionsFrom(status: CustomerStatus): { to: CustomerStatus; action: Action }[] {
  const all: { to: CustomerStatus; action: Action }[] = [
    { to: 'active', action: status === 'pending' ? 'activate' : 'reactivate' },
    { to: 'suspended', action: 'suspend' },
    { to: 'inactive', action: 'deactivate' },
  ];
  return all.filter((a) => canTransition(status, a.to));
}

/** Desk: a customer's details, edit form, and status changes with a reason (activation shows missing KYC). */
export function ProfileTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const customer = useCustomer(customerId);
  const me = useMe();
  const canUpdate = (me.data?.isStaff ?? false) && (me.data?.permissions.includes('customers:update') ?? false);
  const [editing, setEditing] = useState(false);
  const [statusTo, setStatusTo] = useState<{ to: CustomerStatus; action: Action } | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <Loaded query={customer}>
      {(c) => (
        <Stack gap="md">
          {notice && <FormSuccess>{notice}</FormSuccess>}
          <KycState customer={c} />
          <Card withBorder radius="md" padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t('customers.profile.details')}
              </Title>
              {canUpdate && (
                <Group gap="xs">
                  {actionsFrom(c.status).map((a) => (
                    <Button key={a.to} size="xs" variant="light" color={a.to === 'active' ? 'green' : a.to === 'suspended' ? 'orange' : 'gray'} onClick={() => setStatusTo(a)}>
                      {t(`customers.statusActions.${a.action}`)}
                    </Button>
                  ))}
                  <Button size="xs" onClick={() => setEditing(true)}>
                    {t('customers.profile.edit')}
                  </Button>
                </Group>
              )}
            </Group>
            <CustomerDetails customer={c} showStaffFields />
          </Card>
          {editing && (
            <EditCustomerDialog
              customer={c}
              onClose={() => setEditing(false)}
              onDone={() => {
                setEditing(false);
                setNotice(t('customers.profile.saved'));
              }}
            />
          )}
          {statusTo && (
            <StatusDialog
              customer={c}
              to={statusTo.to}
              action={statusTo.action}
              isAdmin={me.data?.role === 'admin'}
              onClose={() => setStatusTo(undefined)}
              onDone={() => {
                setStatusTo(undefined);
                setNotice(t('customers.statusActions.changed', { status: t(`customers.statuses.${statusTo.to}`) }));
              }}
            />
          )}
        </Stack>
      )}
    </Loaded>
  );
}

/** What KYC still lacks for activation, or that it is complete; expiry flag and admin override. */
export function KycState({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const types = customer.kyc.missing.map((m) => t(`kyc.docTypes.${m}` as 'kyc.docTypes.identity', { defaultValue: m })).join(', ');
  return (
    <>
      {customer.kycFlag === 'expired' && <Alert color="orange" variant="light">{t('customers.profile.kycFlag')}</Alert>}
      {customer.kycOverride && <Alert color="yellow" variant="light">{t('customers.profile.kycOverride', { reason: customer.kycOverride.reason })}</Alert>}
      {customer.status !== 'active' &&
        (customer.kyc.complete ? (
          <Alert color="green" variant="light">{t('customers.profile.kycComplete')}</Alert>
        ) : (
          <Alert color="orange" variant="light">{t('customers.profile.kycMissing', { types })}</Alert>
        ))}
    </>
  );
}

function useCustomerChanged(customerId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: customerKeys.all });
    await queryClient.invalidateQueries({ queryKey: customerKeys.one(customerId) });
  };
}

/** Edit the whole profile; sends it with the version read (409 version_conflict when stale). */
export function EditCustomerDialog({ customer, showGroup = true, onClose, onDone }: { customer: CustomerDetail; showGroup?: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = customersApi(useApi());
  const changed = useCustomerChanged(customer.customerId);
  const save = useMutation({
    mutationFn: ({ groupId, ...values }: CreateCustomer) => api.update(customer.customerId, { ...values, ...(showGroup && groupId ? { groupId } : {}), version: customer.version }),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('customers.profile.editTitle')} size="xl" centered>
      <CustomerForm customer={customer} showGroup={showGroup} submitLabel={t('customers.form.save')} loading={save.isPending} error={save.error ? translateCustomerError(t, save.error) : null} onSubmit={(v) => save.mutate(v)} onCancel={onClose} />
    </Modal>
  );
}

function StatusDialog({ customer, to, action, isAdmin, onClose, onDone }: { customer: CustomerDetail; to: CustomerStatus; action: Action; isAdmin: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = customersApi(useApi());
  const changed = useCustomerChanged(customer.customerId);
  const form = useForm<z.input<typeof changeCustomerStatus>, unknown, ChangeCustomerStatus>({
    resolver: zodResolver(changeCustomerStatus),
    defaultValues: { status: to, reason: '', overrideKyc: false, version: customer.version },
  });
  const change = useMutation({
    mutationFn: (values: ChangeCustomerStatus) => api.changeStatus(customer.customerId, values),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  const blocked = to === 'active' && !customer.kyc.complete;
  const types = customer.kyc.missing.map((m) => t(`kyc.docTypes.${m}` as 'kyc.docTypes.identity', { defaultValue: m })).join(', ');
  return (
    <FormDialog
      title={t('customers.statusActions.title', { status: t(`customers.statuses.${to}`) })}
      confirmLabel={t(`customers.statusActions.${action}`)}
      color={to === 'active' ? 'green' : to === 'suspended' ? 'orange' : 'red'}
      loading={change.isPending}
      onSubmit={form.handleSubmit((values) => change.mutate(values))}
      onClose={onClose}
    >
      {blocked && <Alert color="orange" variant="light">{t('customers.statusActions.missingKyc', { types })}</Alert>}
      <FormAlert error={change.error ? translateCustomerError(t, change.error) : null} />
      <Textarea label={t('customers.statusActions.reason')} description={t('customers.statusActions.reasonHint')} required autosize minRows={2} data-autofocus {...form.register('reason')} error={fieldError(t, form.formState.errors.reason)} />
      {blocked && isAdmin && <Checkbox label={t('customers.statusActions.override')} {...form.register('overrideKyc')} />}
      <Text size="xs" c="dimmed">
        {t('customers.profile.updatedAt')}: <DateTime iso={customer.updatedAt} style="short" />
      </Text>
    </FormDialog>
  );
}
