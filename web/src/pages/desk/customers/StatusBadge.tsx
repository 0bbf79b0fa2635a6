import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '../../../../../shared/customers/schemas';

export const customerStatusColor: Record<CustomerStatus, string> = { pending: 'yellow', active: 'green', suspended: 'orange', inactive: 'gray' };

/** A customer's status as a coloured badge. */
export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={customerStatusColor[status]} variant="light">
      {t(`customers.statuses.${status}`)}
    </Badge>
  );
}
