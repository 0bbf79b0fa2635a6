import { Alert, Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KycDocumentView, KycSummary } from '../../../shared/kyc/schemas';
import { DataTable } from './DataTable';
import { DateTime } from './DateTime';

export const kycStatusColor: Record<string, string> = {
  awaiting_upload: 'gray',
  pending_review: 'blue',
  approved: 'green',
  rejected: 'red',
  expired: 'orange',
  superseded: 'gray',
  quarantined: 'red',
};

/** Whether the account's required KYC documents are all approved, or which are still missing. */
export function KycSummaryAlert({ summary }: { summary: KycSummary }) {
  const { t } = useTranslation();
  return summary.complete ? (
    <Alert color="green" variant="light">
      {t('kyc.summary.complete')}
    </Alert>
  ) : (
    <Alert color="orange" variant="light">
      {t('kyc.summary.incomplete', { types: summary.missing.map((m) => t(`kyc.docTypes.${m}`)).join(', ') })}
    </Alert>
  );
}

/** An account's KYC documents: type, file, status (with the customer-facing reason), dates; staff also see the internal note. */
export function KycDocumentsTable({
  testId,
  caption,
  documents,
  internalNotes = false,
  actions,
}: {
  testId: string;
  caption: string;
  documents: readonly KycDocumentView[];
  internalNotes?: boolean;
  actions?: (doc: KycDocumentView) => ReactNode;
}) {
  const { t } = useTranslation();
  const columns = [t('kyc.fields.type'), t('kyc.fields.file'), t('kyc.fields.status'), t('kyc.fields.uploadedAt'), t('kyc.fields.expiresOn')];
  return (
    <DataTable
      testId={testId}
      caption={caption}
      columns={internalNotes ? [...columns, t('kyc.fields.internalNote')] : columns}
      items={documents}
      empty={t('kyc.noDocuments')}
      row={(d) => (
        <Table.Tr key={d.documentId}>
          <Table.Td>{t(`kyc.docTypes.${d.docType}`)}</Table.Td>
          <Table.Td maw={220} style={{ overflowWrap: 'anywhere' }}>
            <bdi>{d.fileName}</bdi>
          </Table.Td>
          <Table.Td>
            <Badge color={kycStatusColor[d.status] ?? 'gray'} variant="light">
              {t(`kyc.statuses.${d.status}`)}
            </Badge>
            {d.reason && (
              <Text size="xs" c="dimmed" mt={2}>
                <bdi>{d.reason}</bdi>
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <DateTime iso={d.uploadedAt} />
          </Table.Td>
          <Table.Td>
            <bdi dir="ltr">{d.expiresOn ?? '—'}</bdi>
          </Table.Td>
          {internalNotes && (
            <Table.Td maw={220} style={{ overflowWrap: 'anywhere' }}>
              <bdi>{d.internalNote ?? '—'}</bdi>
            </Table.Td>
          )}
          <Table.Td>{actions?.(d)}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
