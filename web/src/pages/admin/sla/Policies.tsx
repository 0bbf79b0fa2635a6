import { Badge, Checkbox, Group, NumberInput, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createSlaPolicy, type CreateSlaPolicy } from '../../../../../shared/sla/schemas';
import { slaTargets } from '../../../../../shared/sla/types';
import { ticketPriorities, ticketStatusList } from '../../../../../shared/tickets/schemas';
import { useApi } from '../../../api/context';
import { useCustomerGroups } from '../../../api/customers';
import { slaAdminApi, slaAdminKeys, translateSlaError, useSlaCalendars, useSlaPolicies, type SlaPolicyView } from '../../../api/sla-admin';
import { useSupportGroups, useTicketCategories } from '../../../api/ticketDesk';
import { flattenCategories } from '../../../api/tickets';
import { AdminListBody, DeleteDialog, RowActions, useListDialogs } from '../../../components/AdminListPage';
import { DataTable } from '../../../components/DataTable';
import { FormDialog } from '../../../components/Dialogs';
import { FormAlert } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';

type Dialog = { kind: 'create' } | { kind: 'edit'; policy: SlaPolicyView } | { kind: 'delete'; policy: SlaPolicyView };

/** Names of the things a policy refers to, for the list and the selects. */
function useNames() {
  const categories = flattenCategories(useTicketCategories().data?.items ?? []);
  const customerGroups = useCustomerGroups().data?.items ?? [];
  const calendars = useSlaCalendars().data?.items ?? [];
  const supportGroups = useSupportGroups().data?.items ?? [];
  return {
    categories: categories.map((c) => ({ value: c.categoryId, label: c.label })),
    customerGroups: customerGroups.map((g) => ({ value: g.groupId, label: g.name })),
    calendars: calendars.map((c) => ({ value: c.calendarId, label: c.name })),
    supportGroups: supportGroups.map((g) => ({ value: g.groupId, label: g.name })),
  };
}

const nameOf = (list: { value: string; label: string }[], id: string | null) => list.find((x) => x.value === id)?.label ?? id ?? '';

/** The policies tab: listed in match order (the first that fits a ticket applies), create, edit, delete. */
export function PoliciesPanel() {
  const { t } = useTranslation();
  const api = slaAdminApi(useApi());
  const policies = useSlaPolicies();
  const names = useNames();
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  return (
    <>
      <AdminListBody notice={notice} addLabel={t('sla.policies.create')} onAdd={() => open({ kind: 'create' })}>
        <Loaded query={policies}>
          {(data) => (
            <DataTable
              testId="sla-policies-table"
              caption={t('sla.policies.caption')}
              columns={[t('sla.policies.order'), t('sla.policies.name'), t('sla.policies.match'), t('sla.policies.targets'), t('sla.policies.calendar')]}
              items={data.items}
              empty={t('sla.policies.empty')}
              row={(p) => (
                <Table.Tr key={p.policyId}>
                  <Table.Td>{data.items.indexOf(p) + 1}</Table.Td>
                  <Table.Td>
                    <bdi>{p.name}</bdi> {!p.active && <Badge size="sm" color="gray">{t('sla.policies.inactive')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`sla.policies.priorities.${p.priority}`)}</Text>
                    {p.categoryId && <Text size="sm">{t('sla.policies.category')}: <bdi>{nameOf(names.categories, p.categoryId)}</bdi></Text>}
                    {p.customerGroupId && <Text size="sm">{t('sla.policies.customerGroup')}: <bdi>{nameOf(names.customerGroups, p.customerGroupId)}</bdi></Text>}
                    {p.customerId && <Text size="sm">{t('sla.policies.customer')}: <bdi dir="ltr">{p.customerId}</bdi></Text>}
                  </Table.Td>
                  <Table.Td>
                    {slaTargets.map((k) =>
                      p.targets[k] ? (
                        <Text key={k} size="sm">
                          {t(`sla.policies.${k}`)}: {t('sla.policies.minutes', { count: p.targets[k] })}
                        </Text>
                      ) : null,
                    )}
                  </Table.Td>
                  <Table.Td>{p.calendarId ? <bdi>{nameOf(names.calendars, p.calendarId)}</bdi> : t('sla.policies.defaultCalendar')}</Table.Td>
                  <Table.Td>
                    <RowActions
                      name={p.name}
                      actions={[
                        { label: t('sla.edit'), onClick: () => open({ kind: 'edit', policy: p }) },
                        { label: t('sla.delete'), danger: true, onClick: () => open({ kind: 'delete', policy: p }) },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
      </AdminListBody>
      {dialog?.kind === 'create' && <PolicyDialog onClose={close} onDone={() => done(t('sla.saved'))} />}
      {dialog?.kind === 'edit' && <PolicyDialog policy={dialog.policy} onClose={close} onDone={() => done(t('sla.saved'))} />}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          title={t('sla.policies.deleteTitle')}
          confirmLabel={t('sla.delete')}
          body={t('sla.policies.deleteBody', { name: dialog.policy.name })}
          remove={() => api.deletePolicy(dialog.policy.policyId)}
          invalidates={slaAdminKeys.all}
          translateError={translateSlaError}
          onDone={() => done(t('sla.deleted'))}
          onClose={close}
        />
      )}
    </>
  );
}

type Form = z.input<typeof createSlaPolicy>;

function PolicyDialog({ policy, onClose, onDone }: { policy?: SlaPolicyView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = slaAdminApi(useApi());
  const queryClient = useQueryClient();
  const names = useNames();
  const form = useForm<Form, unknown, CreateSlaPolicy>({
    resolver: zodResolver(createSlaPolicy),
    defaultValues: policy
      ? {
          name: policy.name,
          priority: policy.priority,
          categoryId: policy.categoryId,
          customerGroupId: policy.customerGroupId,
          customerId: policy.customerId,
          calendarId: policy.calendarId,
          targets: policy.targets,
          pauseStatuses: policy.pauseStatuses,
          warningPercent: policy.warningPercent,
          escalation: policy.escalation,
          active: policy.active,
        }
      : { name: '', priority: 'medium', targets: { firstResponse: 240, resolution: 2400 }, pauseStatuses: ['waiting_on_customer', 'on_hold'], warningPercent: 80, active: true, escalation: { raisePriority: false, assignToLead: false, notifyManagers: false } },
  });
  const save = useMutation({
    mutationFn: (values: CreateSlaPolicy) => (policy ? api.updatePolicy(policy.policyId, { ...values, version: policy.version }) : api.createPolicy(values)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: slaAdminKeys.all });
      onDone();
    },
  });
  const errors = form.formState.errors;
  const select = (name: 'categoryId' | 'customerGroupId' | 'calendarId' | 'escalation.moveToGroupId', label: string, data: { value: string; label: string }[], placeholder: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Select label={label} data={data} value={field.value ?? null} onChange={(v) => field.onChange(v || null)} placeholder={placeholder} clearable searchable />
      )}
    />
  );
  return (
    <FormDialog
      size="lg"
      title={policy ? t('sla.policies.editTitle') : t('sla.policies.createTitle')}
      confirmLabel={t('sla.save')}
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onClose={onClose}
    >
      <FormAlert error={save.error ? translateSlaError(t, save.error) : null} />
      <TextInput label={t('sla.policies.name')} required data-autofocus {...form.register('name')} error={fieldError(t, errors.name)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={form.control}
          name="priority"
          render={({ field }) => (
            <Select
              label={t('sla.policies.priority')}
              data={ticketPriorities.map((p) => ({ value: p, label: t(`sla.policies.priorities.${p}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              allowDeselect={false}
            />
          )}
        />
        {select('categoryId', t('sla.policies.category'), names.categories, t('sla.policies.any'))}
        {select('customerGroupId', t('sla.policies.customerGroup'), names.customerGroups, t('sla.policies.any'))}
        <Controller
          control={form.control}
          name="customerId"
          render={({ field }) => (
            <TextInput label={t('sla.policies.customer')} dir="ltr" placeholder={t('sla.policies.any')} value={field.value ?? ''} onChange={(e) => field.onChange(e.currentTarget.value.trim() || null)} />
          )}
        />
        {select('calendarId', t('sla.policies.calendar'), names.calendars, t('sla.policies.defaultCalendar'))}
      </SimpleGrid>
      <Text fw={500} size="sm">
        {t('sla.policies.targets')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {slaTargets.map((k) => (
          <Controller
            key={k}
            control={form.control}
            name={`targets.${k}`}
            render={({ field }) => (
              <NumberInput
                label={t(`sla.policies.${k}`)}
                min={1}
                allowDecimal={false}
                value={field.value ?? ''}
                onChange={(v) => field.onChange(v === '' ? undefined : Number(v))}
                error={fieldError(t, errors.targets?.[k]) ?? (k === 'firstResponse' ? fieldError(t, errors.targets?.root ?? (errors.targets as { message?: string } | undefined)) : undefined)}
              />
            )}
          />
        ))}
      </SimpleGrid>
      <Controller
        control={form.control}
        name="pauseStatuses"
        render={({ field }) => (
          <Checkbox.Group label={t('sla.policies.pauseStatuses')} value={field.value ?? []} onChange={field.onChange}>
            <Group gap="sm" mt={4}>
              {ticketStatusList.map((s) => (
                <Checkbox key={s} value={s} label={t(`sla.policies.statuses.${s}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
      />
      <Controller
        control={form.control}
        name="warningPercent"
        render={({ field }) => (
          <NumberInput label={t('sla.policies.warningPercent')} min={1} max={99} allowDecimal={false} value={field.value ?? ''} onChange={(v) => field.onChange(v === '' ? undefined : Number(v))} error={fieldError(t, errors.warningPercent)} />
        )}
      />
      <Text fw={500} size="sm">
        {t('sla.policies.escalation')}
      </Text>
      <Checkbox label={t('sla.policies.raisePriority')} {...form.register('escalation.raisePriority')} />
      {select('escalation.moveToGroupId', t('sla.policies.moveToGroup'), names.supportGroups, t('sla.policies.noMove'))}
      <Checkbox label={t('sla.policies.assignToLead')} {...form.register('escalation.assignToLead')} />
      <Checkbox label={t('sla.policies.notifyManagers')} {...form.register('escalation.notifyManagers')} />
      <Checkbox label={t('sla.policies.active')} {...form.register('active')} />
    </FormDialog>
  );
}
