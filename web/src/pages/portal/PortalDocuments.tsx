import { Button, Card, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerFilesApi, localiseFilesError, useDocuments, type CustomerDocument } from '../../api/customerFiles';
import { useApi } from '../../api/context';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { DocumentCells } from '../../components/DocumentCells';
import { FormAlert } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { useCurrentCustomer } from '../../portal/CurrentCustomer';
import { PageHeader } from '../PageHeader';

/** Portal: the documents staff shared with the current account (the API lists only those), to download. */
export function PortalDocumentsPage() {
  const { t } = useTranslation();
  const { current, isLoading } = useCurrentCustomer();
  if (isLoading) return <Pending />;
  return (
    <>
      <PageHeader title={t('customerFiles.portal.title')} {...(current ? { lead: t('customerFiles.portal.lead', { name: current.name }) } : {})} />
      {current ? <AccountDocuments key={current.customerId} customerId={current.customerId} /> : <Text>{t('customerFiles.portal.noAccount')}</Text>}
    </>
  );
}

function AccountDocuments({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const api = customerFilesApi(useApi());
  const pages = useCursorPages();
  const documents = useDocuments(customerId, pages.cursor);
  const [downloading, setDownloading] = useState<string | undefined>();
  const [downloadError, setDownloadError] = useState<unknown>();

  const download = async (doc: CustomerDocument) => {
    setDownloadError(undefined);
    setDownloading(doc.documentId);
    try {
      const link = await api.downloadLink(customerId, doc.documentId);
      // The link answers with Content-Disposition: attachment, so the browser saves the file.
      window.location.assign(link.url);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(undefined);
    }
  };

  return (
    <Stack gap="md">
      <FormAlert error={localiseFilesError(t, downloadError)} />
      <Card withBorder radius="md" padding="md">
        {documents.isPending ? (
          <Pending />
        ) : documents.isError ? (
          <FormAlert error={localiseFilesError(t, documents.error)} />
        ) : (
          <>
            <DataTable
              testId="portal-documents"
              caption={t('customerFiles.portal.caption')}
              columns={[t('customerFiles.documents.columns.title'), t('customerFiles.documents.columns.category'), t('customerFiles.documents.columns.size'), t('customerFiles.documents.columns.added')]}
              items={documents.data.items}
              empty={t('customerFiles.portal.empty')}
              row={(doc) => (
                <Table.Tr key={doc.documentId}>
                  <DocumentCells doc={doc} />
                  <Table.Td>
                    <DateTime iso={doc.completedAt ?? doc.createdAt} style="short" />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      loading={downloading === doc.documentId}
                      aria-label={t('customerFiles.portal.downloadFor', { title: doc.title })}
                      onClick={() => void download(doc)}
                    >
                      {t('customerFiles.documents.download')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            />
            <CursorPager pages={pages} nextCursor={documents.data.cursor} loading={documents.isFetching} />
          </>
        )}
      </Card>
    </Stack>
  );
}
