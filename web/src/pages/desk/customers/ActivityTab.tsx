import { Card } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCustomerActivity } from '../../../api/customers';
import { AuditTable } from '../../../components/AuditTable';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { Loaded } from '../../../components/Pending';

/** Desk: the customer's audit trail, newest first, paginated. */
export function ActivityTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const activity = useCustomerActivity(customerId, pages.cursor);
  return (
    <Card withBorder radius="md" padding="md">
      <Loaded query={activity}>
        {(data) => (
          <>
            <AuditTable items={data.items} caption={t('customers.activity.caption')} />
            <CursorPager pages={pages} nextCursor={data.cursor} loading={activity.isFetching} />
          </>
        )}
      </Loaded>
    </Card>
  );
}
