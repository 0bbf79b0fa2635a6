import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LoginEvent } from '../../api/schemas';
import { DateTime } from '../../components/DateTime';
import { EmptyRow } from '../../components/EmptyRow';
import { tOr } from '../../components/text';
import { Device } from './Device';

const outcomeColor = (outcome: string) => (outcome === 'success' ? 'green' : outcome === 'locked' ? 'red' : 'orange');

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcomeColor(outcome)} variant="light" tt="none">
      {tOr(t, `security.outcomes.${outcome}`, outcome)}
    </Badge>
  );
}

export function LoginEventsTable({ items, caption, showUser = false }: { items: LoginEvent[]; caption: string; showUser?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="login-history-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('security.history.time')}</Table.Th>
            {showUser && <Table.Th>{t('security.history.user')}</Table.Th>}
            <Table.Th>{t('security.history.outcome')}</Table.Th>
            <Table.Th>{t('security.history.ip')}</Table.Th>
            <Table.Th>{t('security.history.device')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && <EmptyRow colSpan={showUser ? 5 : 4}>{t('common.none')}</EmptyRow>}
          {items.map((e, i) => (
            <Table.Tr key={`${e.at}-${i}`}>
              <Table.Td>
                <DateTime iso={e.at} />
              </Table.Td>
              {showUser && (
                <Table.Td>
                  <bdi>{e.email ?? e.userId ?? '—'}</bdi>
                </Table.Td>
              )}
              <Table.Td>
                <OutcomeBadge outcome={e.outcome} />
              </Table.Td>
              <Table.Td>
                <bdi dir="ltr">{e.ip ?? '—'}</bdi>
              </Table.Td>
              <Table.Td>
                <Device ua={e.userAgent} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
