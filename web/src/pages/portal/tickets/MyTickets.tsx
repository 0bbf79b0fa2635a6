import { Anchor, Button, Card, Group, NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyAccount } from '../../../../../shared/contacts/my-accounts';
import { paths, ticketPath } from '../../../app/nav';
import { ticketStatusList, translateTicketError, useMyTickets, type TicketView } from '../../../api/tickets';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DataTable } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { FormAlert } from '../../../components/FormAlert';
import { Pending } from '../../../components/Pending';
import { PriorityBadge, StatusBadge, TicketNumber } from '../../../components/tickets/Badges';
import { useCurrentCustomer } from '../../../portal/CurrentCustomer';
import { PageHeader } from '../../PageHeader';

type Scope = 'mine' | 'company';
type Status = TicketView['status'];
/** Customers never see the QC steps (the API shows them as in progress). */
const customerStatuses = ticketStatusList.filter((s) => s !== 'waiting_qc' && s !== 'qc_pass' && s !== 'qc_fail');

/** Portal: the tickets of the current account — mine, or the company's for contacts allowed to see them. */
export function MyTicketsPage() {
  const { t } = useTranslation();
  const { current, isLoading } = useCurrentCustomer();
  return (
    <>
      <PageHeader title={t('tickets.title')} lead={t('tickets.my.lead')} />
      {isLoading ? <Pending /> : current ? <AccountTickets key={current.customerId} account={current} /> : <Text>{t('tickets.my.noAccount')}</Text>}
    </>
  );
}

function AccountTickets({ account }: { account: MyAccount }) {
  const { t } = useTranslation();
  const seesCompany = account.role === 'owner' || account.canSeeTickets;
  const [scope, setScope] = useState<Scope>('mine');
  const [status, setStatus] = useState<Status | ''>('');
  const pages = useCursorPages();
  const tickets = useMyTickets({ customerId: account.customerId, scope, ...(status ? { status } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          {seesCompany && (
            <SegmentedControl
              aria-label={t('tickets.my.scope')}
              value={scope}
              onChange={(v) => {
                setScope(v as Scope);
                pages.reset();
              }}
              data={[
                { value: 'mine', label: t('tickets.my.scopes.mine') },
                { value: 'company', label: t('tickets.my.scopes.company', { name: account.name }) },
              ]}
            />
          )}
          <NativeSelect
            label={t('tickets.my.status')}
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as Status | '');
              pages.reset();
            }}
            data={[{ value: '', label: t('tickets.my.anyStatus') }, ...customerStatuses.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))]}
          />
        </Group>
        <Button component={Link} to={paths.portalNewTicket}>
          {t('tickets.my.newTicket')}
        </Button>
      </Group>
      <Card withBorder radius="md" padding="md">
        {tickets.isPending ? (
          <Pending />
        ) : tickets.isError ? (
          <FormAlert error={translateTicketError(t, tickets.error)} />
        ) : (
          <>
            <DataTable
              testId="my-tickets"
              caption={t('tickets.my.caption')}
              columns={[t('tickets.fields.number'), t('tickets.fields.subject'), t('tickets.fields.status'), t('tickets.fields.priority'), t('tickets.fields.updated')]}
              items={tickets.data.items}
              empty={t('tickets.my.empty')}
              highlightOnHover
              row={(ticket) => (
                <Table.Tr key={ticket.ticketId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <TicketNumber number={ticket.number} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={ticketPath(ticket.ticketId, 'portal')}>
                      <bdi>{ticket.subject}</bdi>
                    </Anchor>
                    {scope === 'company' && (
                      <Text size="xs" c="dimmed">
                        <bdi>{ticket.requesterName ?? ticket.requesterEmail}</bdi>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={ticket.status} />
                  </Table.Td>
                  <Table.Td>
                    <PriorityBadge priority={ticket.priority} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DateTime iso={ticket.updatedAt} style="short" />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      component={Link}
                      to={ticketPath(ticket.ticketId, 'portal')}
                      size="xs"
                      variant="light"
                      aria-label={t('tickets.my.openFor', { number: `#${ticket.number}` })}
                    >
                      {t('tickets.my.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            />
            <CursorPager pages={pages} nextCursor={tickets.data.cursor} loading={tickets.isFetching} />
          </>
        )}
      </Card>
    </Stack>
  );
}
