import { Button, Card, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { approveKycDocument, rejectKycDocument, type KycDocumentView } from '../../../../../shared/kyc/schemas';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { kycApi, kycKeys, translateKycError, useCustomerKyc } from '../../../api/kyc';
import { ConfirmDialog, FormDialog } from '../../../components/Dialogs';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { KycDocumentsTable, KycSummaryAlert } from '../../../components/KycDocuments';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';

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
          {data.summary.required.length === 0 ? <Text c="dimmed">{t('kyc.summary.nothingRequired')}</Text> : <KycSummaryAlert summary={data.summary} />}
          {notice && <FormSuccess>{notice}</FormSuccess>}
          <Card withBorder radius="md" padding="md">
            <KycDocumentsTable
              testId="kyc-documents-table"
              caption={t('kyc.tab.caption')}
              documents={data.documents}
              internalNotes
              actions={(d) => canVerify && <ReviewActions doc={d} canReview={d.status === 'pending_review'} canDownload={downloadable.has(d.status)} onDone={setNotice} />}
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
