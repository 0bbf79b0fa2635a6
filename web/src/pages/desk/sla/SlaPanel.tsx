import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { slaView } from '../../../../../shared/sla/engine';
import { useSlaCalendar } from '../../../api/sla';
import type { TicketView } from '../../../api/tickets';
import { PanelSection } from '../tickets/TicketProperties';
import { dueFormat, slaNowMs } from './clock';
import { formatMinutes } from './duration';
import type { TicketSla } from '../../../../../shared/sla/types';

const stateColour = { running: 'blue', paused: 'gray', met: 'green', breached: 'red' } as const;

/** The desk ticket's SLA: per target, the due time in the calendar's zone, business time left, time paused, state. */
export function SlaPanel({ ticket }: { ticket: TicketView }) {
  const { t, i18n } = useTranslation();
  const sla = ticket.sla as TicketSla | undefined;
  const calendar = useSlaCalendar(sla?.calendarId);
  if (!sla) {
    return (
      <PanelSection title={t('slaDesk.panel.title')} testId="sla-panel">
        <Text size="sm" c="dimmed">
          {t('slaDesk.panel.none')}
        </Text>
      </PanelSection>
    );
  }
  const views = slaView(sla, calendar.data, new Date(slaNowMs()).toISOString());
  const zone = calendar.data?.timezone;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { ...dueFormat, ...(zone ? { timeZone: zone } : {}) }).format(new Date(iso));
  return (
    <PanelSection title={t('slaDesk.panel.title')} testId="sla-panel">
      <Table fz="sm" verticalSpacing={4} horizontalSpacing={4}>
        <Table.Tbody>
          {views.map((v) => (
            <Table.Tr key={v.target} data-testid={`sla-${v.target}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t(`slaDesk.targets.${v.target}`)}
                </Text>
                <Badge size="xs" variant="light" color={stateColour[v.state]}>
                  {t(`slaDesk.states.${v.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {v.state === 'met' && v.metAt ? (
                  <Text size="xs">
                    {t('slaDesk.panel.met')} <bdi dir="ltr">{when(v.metAt)}</bdi>
                  </Text>
                ) : (
                  v.dueAt && (
                    <Text size="xs">
                      {t('slaDesk.panel.due')} <bdi dir="ltr">{when(v.dueAt)}</bdi>
                    </Text>
                  )
                )}
                {v.state !== 'met' && (
                  <Text size="xs" c={v.remainingMinutes < 0 ? 'red' : undefined}>
                    {v.remainingMinutes < 0
                      ? t('slaDesk.panel.late', { time: formatMinutes(t, -v.remainingMinutes) })
                      : `${t('slaDesk.panel.remaining')}: ${formatMinutes(t, v.remainingMinutes)}`}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('slaDesk.panel.allowed')}: {formatMinutes(t, v.targetMinutes)}
                  {v.pausedMinutes > 0 && ` · ${t('slaDesk.panel.paused')}: ${formatMinutes(t, v.pausedMinutes)}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {zone ? t('slaDesk.panel.zone', { zone }) : t('slaDesk.panel.zoneUnknown')}
      </Text>
    </PanelSection>
  );
}
