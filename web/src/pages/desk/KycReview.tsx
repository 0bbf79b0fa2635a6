import { Anchor, Card, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { customerPath } from '../../app/nav';
import { useKycReviewQueue } from '../../api/kyc';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { FormSuccess } from '../../components/FormAlert';
import { Loaded } from '../../components/Pending';
import { PageHeader } from '../PageHeader';
import { ReviewActions } from './customers/KycTab';

/** Desk: documents waiting for review across customers, oldest first, approved or rejected inline. */
export function KycReviewPage() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const queue = useKycReviewQueue(pages.cursor);
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <>
      <PageHeader title={t('kyc.queue.title')} lead={t('kyc.queue.lead')} />
      <Stack gap="md">
        {notice && <FormSuccess>{notice}</FormSuccess>}
        <Card withBorder radius="md" padding="md">
          <Loaded query={queue}>
            {(data) => (
              <>
                <DataTable
                  testId="kyc-review-queue"
                  caption={t('kyc.queue.caption')}
                  columns={[t('kyc.fields.waitingSince'), t('kyc.fields.customer'), t('kyc.fields.type'), t('kyc.fields.file'), t('kyc.fields.expiresOn')]}
                  items={data.items}
                  empty={t('kyc.queue.empty')}
                  row={(d) => (
                    <Table.Tr key={d.documentId}>
                      <Table.Td>
                        <DateTime iso={d.statusAt} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={customerPath(d.customerId, 'kyc')} aria-label={t('kyc.queue.open', { name: d.customerName })}>
                          <bdi>{d.customerName || d.customerId}</bdi>
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`kyc.docTypes.${d.docType}`)}</Text>
                      </Table.Td>
                      <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
                        <bdi>{d.fileName}</bdi>
                      </Table.Td>
                      <Table.Td>
                        <bdi dir="ltr">{d.expiresOn ?? '—'}</bdi>
                      </Table.Td>
                      <Table.Td>
                        <ReviewActions doc={d} canReview canDownload onDone={setNotice} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                />
                <CursorPager pages={pages} nextCursor={data.cursor} loading={queue.isFetching} />
              </>
            )}
          </Loaded>
        </Card>
      </Stack>
    </>
  );
}
