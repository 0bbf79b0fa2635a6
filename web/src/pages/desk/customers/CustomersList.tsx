import { Anchor, Button, Card, Group, Modal, NativeSelect, Progress, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { customerStatuses, customerTypes, searchFields, type CreateCustomer, type CustomerStatus, type SearchField } from '../../../../../shared/customers/schemas';
import { useApi } from '../../../api/context';
import { customerKeys, customersApi, translateCustomerError, useCustomerGroups, useCustomers, useCustomerStats, type CustomerFilters } from '../../../api/customers';
import { useMe } from '../../../api/identity';
import { customerPath } from '../../../app/nav';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DataTable } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { FormAlert } from '../../../components/FormAlert';
import { Pending } from '../../../components/Pending';
import { PageHeader } from '../../PageHeader';
import { CustomerForm } from './CustomerForm';
import { customerStatusColor, CustomerStatusBadge } from './StatusBadge';

const sorts = { newest: 'createdAt:desc', oldest: 'createdAt:asc', name: 'name:asc' } as const;
type SortKey = keyof typeof sorts;

/** Desk: customer search (index-served prefixes), filters, sort, cursor pages, a status strip, "New customer". */
export function CustomersListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canCreate = me.data?.permissions.includes('customers:create') ?? false;
  const [search, setSearch] = useState('');
  const [field, setField] = useState<'' | SearchField>('');
  const [status, setStatus] = useState<'' | CustomerStatus>('');
  const [type, setType] = useState('');
  const [groupId, setGroupId] = useState('');
  const [createdFrom, setCreatedFrom] = useState('');
  const [createdTo, setCreatedTo] = useState('');
  const [sort, setSort] = useState<SortKey>('newest');
  const [creating, setCreating] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const pages = useCursorPages();
  const groups = useCustomerGroups();
  const filters: CustomerFilters = {
    ...(debounced ? { q: debounced, ...(field ? { field } : {}) } : {}),
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
    ...(groupId ? { groupId } : {}),
    ...(createdFrom ? { createdFrom: `${createdFrom}T00:00:00Z` } : {}),
    ...(createdTo ? { createdTo: `${createdTo}T23:59:59.999Z` } : {}),
    sort: sorts[sort],
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const customers = useCustomers(filters);
  const groupName = new Map((groups.data?.items ?? []).map((g) => [g.groupId, g.name]));
  const change =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      pages.reset();
    };

  return (
    <>
      <PageHeader title={t('customers.title')} lead={t('customers.lead')} />
      <Stack gap="md">
        <StatsStrip />
        <Card withBorder radius="md" padding="md" role="search" aria-label={t('customers.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput label={t('customers.search')} placeholder={t('customers.searchHint')} type="search" value={search} onChange={(e) => change(setSearch)(e.currentTarget.value)} />
            <NativeSelect
              label={t('customers.field')}
              value={field}
              onChange={(e) => change(setField)(e.currentTarget.value as typeof field)}
              data={[{ value: '', label: t('customers.fields.auto') }, ...searchFields.map((f) => ({ value: f, label: t(`customers.fields.${f}`) }))]}
            />
            <NativeSelect
              label={t('customers.status')}
              value={status}
              onChange={(e) => change(setStatus)(e.currentTarget.value as typeof status)}
              data={[{ value: '', label: t('customers.anyStatus') }, ...customerStatuses.map((s) => ({ value: s, label: t(`customers.statuses.${s}`) }))]}
            />
            <NativeSelect
              label={t('customers.type')}
              value={type}
              onChange={(e) => change(setType)(e.currentTarget.value)}
              data={[{ value: '', label: t('customers.anyType') }, ...customerTypes.map((v) => ({ value: v, label: t(`customers.types.${v}`) }))]}
            />
            <NativeSelect
              label={t('customers.group')}
              value={groupId}
              onChange={(e) => change(setGroupId)(e.currentTarget.value)}
              data={[
                { value: '', label: t('customers.anyGroup') },
                { value: 'none', label: t('customers.noGroup') },
                ...(groups.data?.items ?? []).map((g) => ({ value: g.groupId, label: g.name })),
              ]}
            />
            <TextInput type="date" label={t('customers.createdFrom')} value={createdFrom} onChange={(e) => change(setCreatedFrom)(e.currentTarget.value)} />
            <TextInput type="date" label={t('customers.createdTo')} value={createdTo} onChange={(e) => change(setCreatedTo)(e.currentTarget.value)} />
            <NativeSelect
              label={t('customers.sort')}
              value={sort}
              onChange={(e) => change(setSort)(e.currentTarget.value as SortKey)}
              data={(Object.keys(sorts) as SortKey[]).map((s) => ({ value: s, label: t(`customers.sorts.${s}`) }))}
            />
          </SimpleGrid>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {customers.data ? t('customers.shown', { count: customers.data.items.length }) : ''}
            </Text>
            {canCreate && <Button onClick={() => setCreating(true)}>{t('customers.create')}</Button>}
          </Group>
          {customers.isPending ? (
            <Pending />
          ) : customers.isError ? (
            <FormAlert error={customers.error} />
          ) : (
            <>
              <DataTable
                testId="customers-table"
                highlightOnHover
                caption={t('customers.caption')}
                columns={[t('customers.columns.name'), t('customers.columns.type'), t('customers.columns.status'), t('customers.group'), t('customers.columns.email'), t('customers.columns.phone'), t('customers.columns.createdAt')]}
                items={customers.data.items}
                empty={t('customers.empty')}
                row={(c) => (
                  <Table.Tr key={c.customerId}>
                    <Table.Td>
                      <Anchor component={Link} to={customerPath(c.customerId)}>
                        <bdi>{c.name}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`customers.types.${c.type}`)}</Table.Td>
                    <Table.Td>
                      <CustomerStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>{c.groupId === 'none' ? '—' : <bdi>{groupName.get(c.groupId) ?? c.groupId}</bdi>}</Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">{c.email ?? '—'}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">{c.phone ?? '—'}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <DateTime iso={c.createdAt} style="short" />
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                )}
              />
              <CursorPager pages={pages} nextCursor={customers.data.cursor} loading={customers.isFetching} />
            </>
          )}
        </Card>
      </Stack>
      {creating && <CreateCustomerDialog onClose={() => setCreating(false)} />}
    </>
  );
}

/** Counts by status (stream-kept counters) as one stacked bar with a legend. */
function StatsStrip() {
  const { t } = useTranslation();
  const stats = useCustomerStats();
  if (!stats.data) return null;
  const total = stats.data.total;
  return (
    <Card withBorder radius="md" padding="md" aria-label={t('customers.stats.title')} component="section">
      <Group justify="space-between" mb="xs">
        <Text fw={500}>{t('customers.stats.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('customers.stats.total', { count: total })}
        </Text>
      </Group>
      {total > 0 && (
        <Progress.Root size="lg" aria-hidden>
          {customerStatuses.map((s) => {
            const n = stats.data.byStatus[s] ?? 0;
            return n > 0 ? <Progress.Section key={s} value={(n / total) * 100} color={customerStatusColor[s]} /> : null;
          })}
        </Progress.Root>
      )}
      <Group gap="lg" mt="xs">
        {customerStatuses.map((s) => (
          <Text key={s} size="sm">
            <Text span c={customerStatusColor[s]} fw={700}>
              ●
            </Text>{' '}
            {t(`customers.statuses.${s}`)}: {stats.data.byStatus[s] ?? 0}
          </Text>
        ))}
      </Group>
    </Card>
  );
}

function CreateCustomerDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = customersApi(useApi());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (values: CreateCustomer) => api.create(values),
    onSuccess: async (customer) => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      onClose();
      await navigate(customerPath(customer.customerId));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('customers.createTitle')} size="xl" centered>
      <CustomerForm showGroup submitLabel={t('customers.create')} loading={create.isPending} error={create.error ? translateCustomerError(t, create.error) : null} onSubmit={(v) => create.mutate(v)} onCancel={onClose} />
    </Modal>
  );
}
