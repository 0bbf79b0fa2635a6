import { Anchor, Badge, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ticketChannels, ticketPriorities, ticketQueues, ticketStatusList } from '../../../../../shared/tickets/schemas';
import { useMe } from '../../../api/identity';
import {
  flattenCategories,
  useMySupportGroups,
  useStaffDirectory,
  useSupportGroups,
  useTicketCategories,
  useTicketTags,
  useUnassignedTickets,
  type QueueFilter,
} from '../../../api/ticketDesk';
import { useTicketList, useTicketQueueCounts, type TicketView } from '../../../api/tickets';
import { ticketPath } from '../../../app/nav';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DataTable } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { FormAlert } from '../../../components/FormAlert';
import { Pending } from '../../../components/Pending';
import { PageHeader } from '../../PageHeader';
import { AvailabilitySwitch } from './AvailabilitySwitch';
import { BulkActions } from './BulkActions';
import { ExportButtons } from './ExportButtons';
import { PriorityBadge, StatusBadge } from '../../../components/tickets/Badges';
import { useOverdueTickets } from '../../../api/sla';
import { SlaBadge } from '../sla/SlaBadge';

type Queue = (typeof ticketQueues)[number];

/** Desk: the ticket queues (mine, unassigned in my groups, one group, all) with counts, filters, cursor pages, bulk actions and exports. */
export function TicketQueuesPage() {
  const { t } = useTranslation();
  const { t: tq } = useTranslation('translation', { keyPrefix: 'tickets.desk.queues' });
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('queue');
  // The overdue queue (breached and open, any group) is served by `overdue=true`, not by a queue.
  const overdue = requested === 'overdue';
  const queue: Queue = (ticketQueues as readonly string[]).includes(requested ?? '') ? (requested as Queue) : 'mine';
  const myGroups = useMySupportGroups();
  const groups = useSupportGroups();
  const myGroupIds = (myGroups.data?.groups ?? []).map((g) => g.groupId);
  const groupId = params.get('group') ?? myGroupIds[0] ?? groups.data?.items[0]?.groupId ?? '';
  const categories = useTicketCategories(true);
  const flat = flattenCategories(categories.data?.items ?? []);
  const categoryPath = new Map(flat.map((c) => [c.node.categoryId, c.path]));
  const tags = useTicketTags();
  const staff = useStaffDirectory();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [tag, setTag] = useState('');
  const [channel, setChannel] = useState('');
  const [createdFrom, setCreatedFrom] = useState('');
  const [createdTo, setCreatedTo] = useState('');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const pages = useCursorPages();
  const [selected, setSelected] = useState<Map<string, TicketView>>(new Map());

  const filter: QueueFilter = {
    ...(status ? { status: status as TicketView['status'] } : {}),
    ...(priority ? { priority: priority as TicketView['priority'] } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(tag ? { tag } : {}),
    ...(channel ? { channel: channel as TicketView['channel'] } : {}),
    ...(createdFrom ? { createdFrom: `${createdFrom}T00:00:00Z` } : {}),
    ...(createdTo ? { createdTo: `${createdTo}T23:59:59.999Z` } : {}),
    ...(debounced.includes('@') ? { requester: debounced } : debounced.length >= 2 ? { q: debounced } : {}),
    sort: 'createdAt:desc',
  };
  const needsGroup = queue === 'group';
  const single = useTicketList(
    { ...filter, queue, ...(needsGroup ? { groupId } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) },
    !overdue && queue !== 'unassigned' && (!needsGroup || !!groupId),
  );
  const late = useOverdueTickets(
    { ...(status ? { status } : {}), ...(priority ? { priority } : {}), ...(categoryId ? { categoryId } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) },
    overdue,
  );
  const merged = useUnassignedTickets(myGroupIds, filter, queue === 'unassigned' ? pages.cursor : undefined, queue === 'unassigned');
  const counts = useTicketQueueCounts(groupId || undefined);
  const list = overdue
    ? { items: late.data?.items ?? [], cursor: late.data?.cursor ?? null, isPending: late.isPending, isFetching: late.isFetching, error: late.error }
    : queue === 'unassigned'
      ? { items: merged.items, cursor: merged.cursor, isPending: merged.isPending && myGroupIds.length > 0, isFetching: merged.isFetching, error: merged.error }
      : { items: single.data?.items ?? [], cursor: single.data?.cursor ?? null, isPending: single.isPending && single.fetchStatus !== 'idle', isFetching: single.isFetching, error: single.error };

  const reset = () => {
    pages.reset();
    setSelected(new Map());
  };
  const change =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      reset();
    };
  const setQueue = (next: string | null) => {
    const q = (next ?? 'mine') as Queue;
    if (next === 'overdue') setParams({ queue: 'overdue' }, { replace: true });
    else setParams(q === 'group' ? { queue: q, group: groupId } : q === 'mine' ? {} : { queue: q }, { replace: true });
    reset();
  };
  const allSelected = list.items.length > 0 && list.items.every((i) => selected.has(i.ticketId));
  const toggle = (ticket: TicketView) =>
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(ticket.ticketId)) next.delete(ticket.ticketId);
      else next.set(ticket.ticketId, ticket);
      return next;
    });
  const toggleAll = () => setSelected(allSelected ? new Map() : new Map(list.items.map((i) => [i.ticketId, i])));
  // Active tickets per queue (not resolved or closed), whatever the filters.
  const openCount = (key: Queue): number | undefined => {
    const c = counts.data;
    if (!c) return undefined;
    return key === 'group' ? (c.groups[groupId] ?? 0) : c[key];
  };
  // Open tickets with a breached target, any group (what the Overdue tab lists without filters).
  const overdueCount = counts.data?.overdue;
  const canExport = me.data?.permissions.includes('tickets:export') ?? false;
  // Without a group, the "unassigned" export covers every group of mine (the API merges them).
  const listFilter = { ...filter, queue, ...(queue === 'group' ? { groupId } : {}) };

  return (
    <>
      <PageHeader title={tq('title')} lead={tq('lead')} />
      <Stack gap="md">
        <AvailabilitySwitch />
        <Tabs value={overdue ? 'overdue' : queue} onChange={setQueue} keepMounted={false}>
          <Tabs.List aria-label={tq('queuesLabel')}>
            {ticketQueues.map((q) => {
              const n = openCount(q);
              return (
                <Tabs.Tab
                  key={q}
                  value={q}
                  rightSection={
                    <Badge size="sm" variant="light" color="gray" data-testid={`queue-count-${q}`} aria-label={n === undefined ? tq('countPending') : tq('countLabel', { count: n })}>
                      {n === undefined ? '…' : tq('openCount', { count: n })}
                    </Badge>
                  }
                >
                  {tq(`tabs.${q}`)}
                </Tabs.Tab>
              );
            })}
            <Tabs.Tab
              value="overdue"
              color="red"
              rightSection={
                <Badge
                  size="sm"
                  variant="light"
                  color={overdueCount ? 'red' : 'gray'}
                  data-testid="queue-count-overdue"
                  aria-label={overdueCount === undefined ? t('slaDesk.queue.overdueCountPending') : t('slaDesk.queue.overdueCountLabel', { count: overdueCount })}
                >
                  {overdueCount === undefined ? '…' : t('slaDesk.queue.overdueCount', { count: overdueCount })}
                </Badge>
              }
            >
              {t('slaDesk.queue.overdue')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {overdue && <Text c="dimmed">{t('slaDesk.queue.overdueLead')}</Text>}
        {queue === 'unassigned' && myGroups.data && myGroupIds.length === 0 && <Text c="dimmed">{tq('noGroups')}</Text>}
        <Card withBorder radius="md" padding="md" role="search" aria-label={tq('filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {queue === 'group' && (
              <NativeSelect
                label={tq('group')}
                value={groupId}
                onChange={(e) => {
                  setParams({ queue: 'group', group: e.currentTarget.value }, { replace: true });
                  reset();
                }}
                data={(groups.data?.items ?? []).map((g) => ({ value: g.groupId, label: g.name }))}
              />
            )}
            <TextInput label={tq('search')} placeholder={tq('searchHint')} type="search" value={search} onChange={(e) => change(setSearch)(e.currentTarget.value)} />
            <NativeSelect
              label={t('tickets.fields.status')}
              value={status}
              onChange={(e) => change(setStatus)(e.currentTarget.value)}
              data={[{ value: '', label: tq('anyStatus') }, ...ticketStatusList.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))]}
            />
            <NativeSelect
              label={t('tickets.fields.priority')}
              value={priority}
              onChange={(e) => change(setPriority)(e.currentTarget.value)}
              data={[{ value: '', label: tq('anyPriority') }, ...ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))]}
            />
            <NativeSelect
              label={t('tickets.fields.category')}
              value={categoryId}
              onChange={(e) => change(setCategoryId)(e.currentTarget.value)}
              data={[{ value: '', label: tq('anyCategory') }, ...flat.map((c) => ({ value: c.node.categoryId, label: c.path }))]}
            />
            <NativeSelect
              label={tq('tag')}
              value={tag}
              onChange={(e) => change(setTag)(e.currentTarget.value)}
              data={[{ value: '', label: tq('anyTag') }, ...(tags.data?.items ?? []).map((g) => ({ value: g.name, label: g.name }))]}
            />
            <NativeSelect
              label={t('tickets.fields.channel')}
              value={channel}
              onChange={(e) => change(setChannel)(e.currentTarget.value)}
              data={[{ value: '', label: tq('anyChannel') }, ...ticketChannels.map((c) => ({ value: c, label: t(`tickets.channels.${c}`) }))]}
            />
            <TextInput type="date" label={tq('createdFrom')} value={createdFrom} onChange={(e) => change(setCreatedFrom)(e.currentTarget.value)} />
            <TextInput type="date" label={tq('createdTo')} value={createdTo} onChange={(e) => change(setCreatedTo)(e.currentTarget.value)} />
          </SimpleGrid>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Text size="sm" c="dimmed" aria-live="polite">
              {tq('shown', { count: list.items.length })}
            </Text>
            {canExport && !overdue && <ExportButtons filter={listFilter} />}
          </Group>
          <BulkActions selected={[...selected.values()]} onDone={(kept) => setSelected(new Map(kept.map((k) => [k.ticketId, k])))} />
          {list.isPending ? (
            <Pending />
          ) : list.error ? (
            <FormAlert error={list.error} />
          ) : (
            <>
              <Group mb="xs">
                <Checkbox
                  label={tq('selectAll')}
                  checked={allSelected}
                  indeterminate={!allSelected && list.items.some((i) => selected.has(i.ticketId))}
                  onChange={toggleAll}
                  disabled={list.items.length === 0}
                />
              </Group>
              <DataTable
                testId="ticket-queue"
                highlightOnHover
                minWidth={1000}
                caption={tq('caption')}
                columns={[tq('select'), t('tickets.fields.number'), t('tickets.fields.subject'), t('tickets.fields.requester'), t('tickets.fields.status'), t('tickets.fields.priority'), t('tickets.fields.category'), tq('assignee'), t('slaDesk.queue.sla'), t('tickets.fields.created')]}
                items={list.items}
                empty={tq('empty')}
                row={(ticket) => (
                  <Table.Tr key={ticket.ticketId} bg={selected.has(ticket.ticketId) ? 'var(--mantine-color-blue-light)' : undefined}>
                    <Table.Td>
                      <Checkbox aria-label={tq('selectTicket', { number: ticket.number })} checked={selected.has(ticket.ticketId)} onChange={() => toggle(ticket)} />
                    </Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">#{ticket.number}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={ticketPath(ticket.ticketId)}>
                        <bdi>{ticket.subject}</bdi>
                      </Anchor>
                      {ticket.tags && ticket.tags.length > 0 && (
                        <Group gap={4} mt={2}>
                          {ticket.tags.map((g) => (
                            <Badge key={g} size="xs" variant="dot" color={tags.data?.items.find((x) => x.name === g)?.colour ?? 'gray'}>
                              {g}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <bdi>{ticket.requesterName ?? ''}</bdi>
                      <Text size="xs" c="dimmed">
                        <bdi dir="ltr">{ticket.requesterEmail}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <div style={{ width: 'max-content' }}>
                        <StatusBadge status={ticket.status} />
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <div style={{ width: 'max-content' }}>
                        <PriorityBadge priority={ticket.priority} />
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{categoryPath.get(ticket.categoryId) ?? '—'}</bdi>
                    </Table.Td>
                    <Table.Td>
                      {ticket.assigneeId ? (
                        ticket.assigneeId === me.data?.userId ? (
                          tq('me')
                        ) : (
                          <bdi>{staff.names.get(ticket.assigneeId) ?? tq('someone')}</bdi>
                        )
                      ) : (
                        <Text span size="sm" c="dimmed">
                          {tq('unassigned')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <SlaBadge sla={ticket.sla} />
                    </Table.Td>
                    <Table.Td>
                      <DateTime iso={ticket.createdAt} style="short" />
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                )}
              />
              <CursorPager pages={pages} nextCursor={list.cursor} loading={list.isFetching} />
            </>
          )}
        </Card>
      </Stack>
    </>
  );
}
