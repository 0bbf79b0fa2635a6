import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../api/tickets';

type Status = TicketView['status'];
type Priority = TicketView['priority'];

export const statusColor: Record<Status, string> = {
  open: 'blue',
  in_progress: 'cyan',
  answered: 'teal',
  waiting_on_customer: 'orange',
  on_hold: 'gray',
  waiting_qc: 'grape',
  qc_pass: 'lime',
  qc_fail: 'red',
  resolved: 'green',
  closed: 'dark',
};

export const priorityColor: Record<Priority, string> = { low: 'gray', medium: 'blue', high: 'orange', urgent: 'red' };

/** A ticket status as a coloured, translated badge. */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" data-testid="ticket-status" style={{ flexShrink: 0 }}>
      {t(`tickets.statuses.${status}`)}
    </Badge>
  );
}

/** A ticket priority as a coloured, translated badge. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={priorityColor[priority]} variant="outline" data-testid="ticket-priority" style={{ flexShrink: 0 }}>
      {t(`tickets.priorities.${priority}`)}
    </Badge>
  );
}

/** The public number as people quote it: `#482913` (always left-to-right). */
export function TicketNumber({ number }: { number: string }) {
  const { t } = useTranslation();
  return <bdi dir="ltr">{t('tickets.number', { number })}</bdi>;
}
