import { Checkbox, NumberInput, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createCustomerGroup, type CreateCustomerGroup, type CustomerGroupView } from '../../../../shared/customers/schemas';
import { useApi } from '../../api/context';
import { customerKeys, customersApi, translateCustomerError, useCustomerGroups } from '../../api/customers';
import { AdminListPage, DeleteDialog, RowActions, useListDialogs } from '../../components/AdminListPage';
import { FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loaded } from '../../components/Pending';
import { fieldError, zodResolver } from '../../forms/resolver';

type Dialog = { kind: 'create' } | { kind: 'edit'; group: CustomerGroupView } | { kind: 'delete'; group: CustomerGroupView };

const percent = (bps: number) => `${(bps / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })} %`;

/** Admin: customer groups (discount in basis points, tax exemption): list, create, edit, delete. */
export function CustomerGroupsPage() {
  const { t } = useTranslation();
  const groups = useCustomerGroups();
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  return (
    <>
      <AdminListPage title={t('customers.groups.title')} lead={t('customers.groups.lead')} notice={notice} addLabel={t('customers.groups.create')} onAdd={() => open({ kind: 'create' })}>
        <Loaded query={groups}>
          {(data) => (
            <DataTable
              testId="customer-groups-table"
              caption={t('customers.groups.caption')}
              columns={[t('customers.groups.name'), t('customers.groups.description'), t('customers.groups.discount'), t('customers.groups.taxExempt')]}
              items={data.items}
              empty={t('customers.groups.empty')}
              row={(g) => (
                <Table.Tr key={g.groupId}>
                  <Table.Td>
                    <bdi>{g.name}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      <bdi>{g.description || '—'}</bdi>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{percent(g.discountBps)}</bdi>
                  </Table.Td>
                  <Table.Td>{g.taxExempt ? t('customers.groups.yes') : t('customers.groups.no')}</Table.Td>
                  <Table.Td>
                    <RowActions
                      name={g.name}
                      actions={[
                        { label: t('customers.groups.edit'), onClick: () => open({ kind: 'edit', group: g }) },
                        { label: t('customers.groups.delete'), danger: true, onClick: () => open({ kind: 'delete', group: g }) },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
      </AdminListPage>
      {dialog?.kind === 'create' && <GroupDialog onClose={close} onDone={() => done(t('customers.groups.saved'))} />}
      {dialog?.kind === 'edit' && <GroupDialog group={dialog.group} onClose={close} onDone={() => done(t('customers.groups.saved'))} />}
      {dialog?.kind === 'delete' && <DeleteGroupDialog group={dialog.group} onClose={close} onDone={() => done(t('customers.groups.deleted'))} />}
    </>
  );
}

function useGroupsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customerKeys.groups });
}

function GroupDialog({ group, onClose, onDone }: { group?: CustomerGroupView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = customersApi(useApi());
  const changed = useGroupsChanged();
  const form = useForm<z.input<typeof createCustomerGroup>, unknown, CreateCustomerGroup>({
    resolver: zodResolver(createCustomerGroup),
    defaultValues: { name: group?.name ?? '', description: group?.description ?? '', discountBps: group?.discountBps ?? 0, taxExempt: group?.taxExempt ?? false },
  });
  const save = useMutation({
    mutationFn: (values: CreateCustomerGroup) => (group ? api.updateGroup(group.groupId, { ...values, version: group.version }) : api.createGroup(values)),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  const errors = form.formState.errors;
  return (
    <FormDialog
      title={group ? t('customers.groups.editTitle') : t('customers.groups.createTitle')}
      confirmLabel={t('customers.form.save')}
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onClose={onClose}
    >
      <FormAlert error={save.error ? translateCustomerError(t, save.error) : null} />
      <TextInput label={t('customers.groups.name')} required data-autofocus {...form.register('name')} error={fieldError(t, errors.name)} />
      <Textarea label={t('customers.groups.description')} autosize minRows={2} {...form.register('description')} error={fieldError(t, errors.description)} />
      <Controller
        control={form.control}
        name="discountBps"
        render={({ field }) => (
          <NumberInput
            label={t('customers.groups.discountBps')}
            min={0}
            max={10_000}
            step={50}
            allowDecimal={false}
            value={field.value}
            onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v) || 0)}
            onBlur={field.onBlur}
            description={percent(Number(field.value) || 0)}
            error={fieldError(t, errors.discountBps)}
          />
        )}
      />
      <Checkbox label={t('customers.groups.taxExempt')} {...form.register('taxExempt')} />
    </FormDialog>
  );
}

function DeleteGroupDialog({ group, onClose, onDone }: { group: CustomerGroupView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = customersApi(useApi());
  return (
    <DeleteDialog
      title={t('customers.groups.deleteTitle')}
      confirmLabel={t('customers.groups.delete')}
      body={t('customers.groups.deleteBody', { name: group.name })}
      remove={() => api.deleteGroup(group.groupId)}
      invalidates={customerKeys.groups}
      translateError={translateCustomerError}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
