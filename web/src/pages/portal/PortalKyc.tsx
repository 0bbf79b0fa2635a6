import { Badge, Button, Card, FileInput, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createKycUpload, kycDocTypes, kycFileExtensions, type CustomerKyc, type KycDocType, type KycDocumentView } from '../../../../shared/kyc/schemas';
import { documentTypes, maxDocumentBytes } from '../../../../shared/uploads/file-types';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { kycApi, kycKeys, translateKycError, uploadKycDocument, useCustomerKyc } from '../../api/kyc';
import { DateTime } from '../../components/DateTime';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { KycDocumentsTable, KycSummaryAlert } from '../../components/KycDocuments';
import { Loaded, Pending } from '../../components/Pending';
import { UploadProgress } from '../../components/UploadProgress';
import { useCurrentCustomer } from '../../portal/CurrentCustomer';
import { PageHeader } from '../PageHeader';

type TypeStatus = 'missing' | 'pending' | 'approved' | 'rejected' | 'expired';
const typeStatusColor: Record<TypeStatus, string> = { missing: 'gray', pending: 'blue', approved: 'green', rejected: 'red', expired: 'orange' };

function typeStatus(kyc: CustomerKyc, type: KycDocType): TypeStatus {
  const s = kyc.summary;
  if (!s.missing.includes(type)) return 'approved';
  if (s.pending.includes(type)) return 'pending';
  if (s.rejected.includes(type)) return 'rejected';
  if (s.expired.includes(type)) return 'expired';
  return 'missing';
}

/** Portal: the current account's required KYC documents, their status and reasons, and uploads with progress. */
export function PortalKycPage() {
  const { t } = useTranslation();
  const { current, isLoading } = useCurrentCustomer();
  return (
    <>
      <PageHeader title={t('kyc.title')} lead={t('kyc.lead')} />
      {isLoading ? <Pending /> : current ? <AccountKyc customerId={current.customerId} /> : <Text>{t('kyc.noAccount')}</Text>}
    </>
  );
}

function AccountKyc({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const kyc = useCustomerKyc(customerId);
  const [otherType, setOtherType] = useState<KycDocType>('other');
  return (
    <Loaded query={kyc}>
      {(data) => {
        const optional = kycDocTypes.filter((d) => !data.summary.required.includes(d));
        return (
          <Stack gap="lg">
            <KycSummaryAlert summary={data.summary} />
            <Title order={2} size="h3">{t('kyc.required')}</Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {data.summary.required.map((type) => {
                const status = typeStatus(data, type);
                const latest = data.documents.find((d) => d.docType === type && ['approved', 'rejected', 'expired', 'pending_review'].includes(d.status));
                return (
                  <Card key={type} withBorder radius="md" padding="md" data-testid={`kyc-type-${type}`}>
                    <Stack gap="sm">
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <Text fw={600}>{t(`kyc.docTypes.${type}`)}</Text>
                        <Badge color={typeStatusColor[status]} variant="light" style={{ flexShrink: 0 }}>{t(`kyc.typeStatus.${status}`)}</Badge>
                      </Group>
                      <LatestNote doc={latest} />
                      {status !== 'approved' && status !== 'pending' && <UploadForm customerId={customerId} docType={type} />}
                    </Stack>
                  </Card>
                );
              })}
            </SimpleGrid>
            {optional.length > 0 && (
              <Card withBorder radius="md" padding="md">
                <Stack gap="sm">
                  <Title order={2} size="h3">{t('kyc.otherDocuments')}</Title>
                  <NativeSelect
                    label={t('kyc.fields.type')}
                    value={otherType}
                    onChange={(e) => setOtherType(e.currentTarget.value as KycDocType)}
                    data={optional.map((d) => ({ value: d, label: t(`kyc.docTypes.${d}`) }))}
                  />
                  <UploadForm key={otherType} customerId={customerId} docType={optional.includes(otherType) ? otherType : optional[0]!} />
                </Stack>
              </Card>
            )}
            <Card withBorder radius="md" padding="md">
              <KycDocumentsTable testId="kyc-history" caption={t('kyc.history')} documents={data.documents} />
            </Card>
          </Stack>
        );
      }}
    </Loaded>
  );
}

function LatestNote({ doc }: { doc: KycDocumentView | undefined }) {
  const { t } = useTranslation();
  if (!doc) return null;
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        <bdi>{doc.fileName}</bdi> · <DateTime iso={doc.uploadedAt} />
      </Text>
      {doc.status === 'rejected' && doc.reason && (
        <Text size="sm" c="red">
          {t('kyc.fields.reason')}: <bdi>{doc.reason}</bdi>
        </Text>
      )}
      {doc.expiresOn && (
        <Text size="sm">
          {t('kyc.fields.expiresOn')}: <bdi dir="ltr">{doc.expiresOn}</bdi>
        </Text>
      )}
    </Stack>
  );
}

/** Checks the file here first (same limits as the API), then: announce → POST to S3 with progress → complete. */
function UploadForm({ customerId, docType }: { customerId: string; docType: KycDocType }) {
  const { t } = useTranslation();
  const api = kycApi(useApi());
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [expiresOn, setExpiresOn] = useState('');
  const [progress, setProgress] = useState<number | undefined>();
  const [localError, setLocalError] = useState<string | undefined>();
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const body = createKycUpload.parse({ docType, fileName: chosen.name, contentType: chosen.type, size: chosen.size, ...(expiresOn ? { expiresOn } : {}) });
      return uploadKycDocument(api, customerId, body, chosen, setProgress);
    },
    onSettled: async () => {
      setProgress(undefined);
      await queryClient.invalidateQueries({ queryKey: kycKeys.customer(customerId) });
    },
    onSuccess: () => {
      setFile(null);
      setExpiresOn('');
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setLocalError(undefined);
    if (!file) return setLocalError(t('validation.required'));
    const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
    if (file.size > maxDocumentBytes) return setLocalError(t('kyc.upload.tooLarge'));
    if (!(documentTypes as readonly string[]).includes(file.type) || !(kycFileExtensions as readonly string[]).includes(extension)) {
      return setLocalError(t('kyc.upload.badType'));
    }
    upload.mutate(file);
  };
  const busy = upload.isPending;
  const error = upload.error instanceof ApiError ? translateKycError(t, upload.error) : upload.error ? new ApiError(400, 'validation_failed', '') : null;

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="xs">
        <FileInput
          label={t('kyc.upload.file')}
          placeholder={t('kyc.upload.choose')}
          accept={documentTypes.join(',')}
          value={file}
          onChange={(f) => {
            setFile(f);
            setLocalError(undefined);
          }}
          error={localError}
          disabled={busy}
          clearable
        />
        <TextInput type="date" label={t('kyc.upload.expiresOn')} description={t('kyc.upload.expiresOnHint')} value={expiresOn} onChange={(e) => setExpiresOn(e.currentTarget.value)} disabled={busy} />
        <UploadProgress fraction={progress} sending={(percent) => t('kyc.upload.uploading', { percent })} checking={t('kyc.upload.checking')} />
        <FormAlert error={error} />
        {upload.isSuccess && <FormSuccess>{t('kyc.upload.done')}</FormSuccess>}
        <Group>
          <Button type="submit" loading={busy}>
            {t('kyc.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
