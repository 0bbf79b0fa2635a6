import { Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useTicketTimeline, type TicketEventView } from '../../api/tickets';
import { DateTime } from '../DateTime';
import { EmptyRow } from '../EmptyRow';
import { Loaded } from '../Pending';
import { tOr } from '../text';

/** Translates a changed value where it is an enum the app knows (status, priority, QC outcome). */
function valueText(t: TFunction, kind: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (kind === 'status' || kind === 'created') return tOr(t, `tickets.statuses.${value}`, value);
  if (kind === 'priority') return tOr(t, `tickets.priorities.${value}`, value);
  if (kind === 'qc' && (value === 'pass' || value === 'fail')) return t(value === 'pass' ? 'tickets.desk.panel.qcPassed' : 'tickets.desk.panel.qcFailed');
  return value;
}

/** Names for ids the API records (e.g. the desk maps group and category ids to names); undefined keeps the default. Staff events carry user names themselves. */
export type TimelineValueLabel = (kind: string, value: string) => string | undefined;

function EventLine({ event, valueLabel }: { event: TicketEventView; valueLabel: TimelineValueLabel | undefined }) {
  const { t } = useTranslation();
  const label = (value: string | undefined, name: string | undefined) =>
    value ? (name ?? valueLabel?.(event.kind, value) ?? valueText(t, event.kind, value)) : undefined;
  const from = label(event.from, event.fromName);
  const to = label(event.to, event.toName);
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {tOr(t, `tickets.timeline.kinds.${event.kind}`, event.kind)}
        {event.actorName && (
          <Text span size="sm" c="dimmed" fw={400}>
            {' · '}
            {t('tickets.timeline.by')} <bdi>{event.actorName}</bdi>
          </Text>
        )}
      </Text>
      {(from || to) && (
        <Text size="sm">
          {from && <bdi>{from}</bdi>}
          {from && to && ` ${t('tickets.timeline.arrow')} `}
          {to && <bdi>{to}</bdi>}
        </Text>
      )}
      {event.reason && (
        <Text size="sm" c="dimmed" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
          {event.reason}
        </Text>
      )}
    </Stack>
  );
}

/** Every recorded change of a ticket, newest first (customers get the public kinds only, from the API). */
export function Timeline({ ticketId, valueLabel }: { ticketId: string; valueLabel?: TimelineValueLabel }) {
  const { t } = useTranslation();
  const timeline = useTicketTimeline(ticketId);
  return (
    <Loaded query={timeline}>
      {(events) => (
        <Table.ScrollContainer minWidth={420}>
          <Table data-testid="ticket-timeline" verticalSpacing="xs">
            <Table.Caption>{t('tickets.timeline.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.timeline.when')}</Table.Th>
                <Table.Th>{t('tickets.timeline.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.length === 0 && <EmptyRow colSpan={2}>{t('tickets.timeline.empty')}</EmptyRow>}
              {events.map((e) => (
                <Table.Tr key={e.eventId}>
                  <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                    <DateTime iso={e.at} style="short" />
                  </Table.Td>
                  <Table.Td>
                    <EventLine event={e} valueLabel={valueLabel} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Loaded>
  );
}
