import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { approveKycDocument, rejectKycDocument, type KycDocumentView } from '../../../../../shared/kyc/schemas';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { kycApi, kycKeys, translateKycError, useCustomerKyc } from '../../../api/kyc';
import { DateTime } from '../../../components/DateTime';
import { ConfirmDialog, FormDialog } from '../../../components/Dialogs';
import { DataTable } from '../../../components/DataTable';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';

export const kycStatusColor: Record<string, string> = {
  awaiting_upload: 'gray',
  pending_review: 'blue',
  approved: 'green',
  rejected: 'red',
  expired: 'orange',
  superseded: 'gray',
  quarantined: 'red',
};

const downloadable = new Set(['pending_review', 'approved', 'rejected', 'expired']);

type ReviewDoc = Pick<KycDocumentView, 'customerId' | 'documentId' | 'docType' | 'fileName' | 'version' | 'expiresOn'>;

/** Desk: a customer's KYC documents with status, download, approve and reject, and what is still missing. */
export function KycTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const kyc = useCustomerKyc(customerId);
  const me = useMe();
  const canVerify = me.data?.permissions.includes('kyc:verify') ?? false;
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <Loaded query={kyc}>
      {(data) => (
        <Stack gap="md">
          {data.summary.required.length === 0 ? (
            <Text c="dimmed">{t('kyc.summary.nothingRequired')}</Text>
          ) : data.summary.complete ? (
            <Alert color="green" variant="light">{t('kyc.summary.complete')}</Alert>
          ) : (
            <Alert color="orange" variant="light">
              {t('kyc.summary.incomplete', { types: data.summary.missing.map((m) => t(`kyc.docTypes.${m}`)).join(', ') })}
            </Alert>
          )}
          {notice && <FormSuccess>{notice}</FormSuccess>}
          <Card withBorder radius="md" padding="md">
            <DataTable
              testId="kyc-documents-table"
              caption={t('kyc.tab.caption')}
              columns={[t('kyc.fields.type'), t('kyc.fields.file'), t('kyc.fields.status'), t('kyc.fields.uploadedAt'), t('kyc.fields.expiresOn'), t('kyc.fields.internalNote')]}
              items={data.documents}
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
                  <Table.Td maw={220} style={{ overflowWrap: 'anywhere' }}>
                    <bdi>{d.internalNote ?? '—'}</bdi>
                  </Table.Td>
                  <Table.Td>{canVerify && <ReviewActions doc={d} canReview={d.status === 'pending_review'} canDownload={downloadable.has(d.status)} onDone={setNotice} />}</Table.Td>
                </Table.Tr>
              )}
            />
          </Card>
        </Stack>
      )}
    </Loaded>
  );
}

/** Download, approve and reject buttons for one document, with their dialogs (also used by the review queue). */
export function ReviewActions({ doc, canReview, canDownload, onDone }: { doc: ReviewDoc; canReview: boolean; canDownload: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const api = kycApi(useApi());
  const [dialog, setDialog] = useState<'approve' | 'reject' | undefined>();
  const download = useMutation({
    mutationFn: () => api.downloadLink(doc.customerId, doc.documentId),
    onSuccess: (link) => {
      window.location.assign(link.url);
    },
  });
  const name = doc.fileName;
  return (
    <>
      <Group gap={4} wrap="nowrap">
        {canDownload && (
          <Button size="xs" variant="default" loading={download.isPending} onClick={() => download.mutate()} aria-label={`${t('kyc.review.download')}: ${name}`}>
            {t('kyc.review.download')}
          </Button>
        )}
        {canReview && (
          <>
            <Button size="xs" variant="light" onClick={() => setDialog('approve')} aria-label={`${t('kyc.review.approve')}: ${name}`}>
              {t('kyc.review.approve')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => setDialog('reject')} aria-label={`${t('kyc.review.reject')}: ${name}`}>
              {t('kyc.review.reject')}
            </Button>
          </>
        )}
      </Group>
      {download.error ? <FormAlert error={translateKycError(t, download.error)} /> : null}
      {dialog === 'approve' && (
        <ApproveDialog
          doc={doc}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            onDone(t('kyc.review.approved'));
          }}
        />
      )}
      {dialog === 'reject' && (
        <RejectDialog
          doc={doc}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            onDone(t('kyc.review.rejected'));
          }}
        />
      )}
    </>
  );
}

function useReviewed() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: kycKeys.all });
}

function ApproveDialog({ doc, onClose, onDone }: { doc: ReviewDoc; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = kycApi(useApi());
  const reviewed = useReviewed();
  const [internalNote, setInternalNote] = useState('');
  const [expiresOn, setExpiresOn] = useState(doc.expiresOn ?? '');
  const approve = useMutation({
    mutationFn: () => {
      const body = approveKycDocument.parse({ version: doc.version, ...(internalNote.trim() ? { internalNote } : {}), ...(expiresOn ? { expiresOn } : {}) });
      return api.approve(doc.customerId, doc.documentId, body);
    },
    onSuccess: async () => {
      await reviewed();
      onDone();
    },
  });
  return (
    <ConfirmDialog
      title={t('kyc.review.approveTitle', { document: t(`kyc.docTypes.${doc.docType}`) })}
      error={approve.error ? translateKycError(t, approve.error) : null}
      confirmLabel={t('kyc.review.approve')}
      loading={approve.isPending}
      onConfirm={() => approve.mutate()}
      onClose={onClose}
    >
      <Text size="sm">{t('kyc.review.approveBody')}</Text>
      <TextInput type="date" label={t('kyc.review.expiresOnLabel')} value={expiresOn} onChange={(e) => setExpiresOn(e.currentTarget.value)} />
      <Textarea label={t('kyc.review.internalNoteLabel')} autosize minRows={2} value={internalNote} onChange={(e) => setInternalNote(e.currentTarget.value)} />
    </ConfirmDialog>
  );
}

function RejectDialog({ doc, onClose, onDone }: { doc: ReviewDoc; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = kycApi(useApi());
  const reviewed = useReviewed();
  const form = useForm({ resolver: zodResolver(rejectKycDocument), defaultValues: { reason: '', internalNote: '', version: doc.version } });
  const reject = useMutation({
    mutationFn: (values: { reason: string; internalNote?: string | undefined; version: number }) =>
      api.reject(doc.customerId, doc.documentId, { reason: values.reason, version: values.version, ...(values.internalNote ? { internalNote: values.internalNote } : {}) }),
    onSuccess: async () => {
      await reviewed();
      onDone();
    },
  });
  return (
    <FormDialog
      title={t('kyc.review.rejectTitle', { document: t(`kyc.docTypes.${doc.docType}`) })}
      confirmLabel={t('kyc.review.reject')}
      color="red"
      loading={reject.isPending}
      onSubmit={form.handleSubmit((values) => reject.mutate(values))}
      onClose={onClose}
    >
      <Text size="sm">{t('kyc.review.rejectBody')}</Text>
      <FormAlert error={reject.error ? translateKycError(t, reject.error) : null} />
      <Textarea label={t('kyc.review.reasonLabel')} required autosize minRows={3} data-autofocus {...form.register('reason')} error={fieldError(t, form.formState.errors.reason)} />
      <Textarea label={t('kyc.review.internalNoteLabel')} autosize minRows={2} {...form.register('internalNote')} error={fieldError(t, form.formState.errors.internalNote)} />
    </FormDialog>
  );
}
