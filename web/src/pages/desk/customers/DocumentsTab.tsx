import { Badge, Button, Card, FileInput, Group, Menu, NativeSelect, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import {
  createDocumentInput,
  customerFilesApi,
  documentCategories,
  localiseFilesError,
  maxDocumentBytes,
  updateDocumentInput,
  uploadDocument,
  useCustomerFilesMutation,
  useDocuments,
  type CustomerDocument,
} from '../../../api/customerFiles';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DataTable } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { DocumentCells } from '../../../components/DocumentCells';
import { ConfirmDialog, FormDialog } from '../../../components/Dialogs';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Pending } from '../../../components/Pending';
import { UploadProgress } from '../../../components/UploadProgress';
import { fieldError, zodResolver } from '../../../forms/resolver';

const statusColor: Record<string, string> = { awaiting_upload: 'gray', available: 'green', quarantined: 'red' };
const maxMb = String(Math.floor(maxDocumentBytes / 1024 / 1024));
const accept = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

type Dialog = { kind: 'edit'; doc: CustomerDocument } | { kind: 'delete'; doc: CustomerDocument };

/** Customer documents (desk): upload with progress, list, download, edit, delete. */
export function DocumentsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const api = customerFilesApi(useApi());
  const me = useMe();
  const canWrite = me.data?.permissions.includes('customers:update') ?? false;
  const pages = useCursorPages();
  const documents = useDocuments(customerId, pages.cursor);
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [downloadError, setDownloadError] = useState<unknown>();
  const close = () => setDialog(undefined);

  const download = async (doc: CustomerDocument) => {
    setDownloadError(undefined);
    try {
      const link = await api.downloadLink(customerId, doc.documentId);
      // The link answers with Content-Disposition: attachment, so the browser saves the file.
      window.location.assign(link.url);
    } catch (error) {
      setDownloadError(error);
    }
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={3}>{t('customerFiles.documents.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('customerFiles.documents.lead')}
        </Text>
      </div>
      {canWrite && <UploadForm customerId={customerId} />}
      <FormAlert error={localiseFilesError(t, downloadError)} />
      <Card withBorder radius="md" padding="md">
        {documents.isPending ? (
          <Pending />
        ) : documents.isError ? (
          <FormAlert error={documents.error} />
        ) : (
          <>
            <DataTable
              testId="customer-documents"
              caption={t('customerFiles.documents.caption')}
              columns={[
                t('customerFiles.documents.columns.title'),
                t('customerFiles.documents.columns.category'),
                t('customerFiles.documents.columns.size'),
                t('customerFiles.documents.columns.uploader'),
                t('customerFiles.documents.columns.added'),
                t('customerFiles.documents.columns.status'),
              ]}
              items={documents.data.items}
              empty={t('customerFiles.documents.empty')}
              row={(doc) => (
                <Table.Tr key={doc.documentId}>
                  <DocumentCells doc={doc} />
                  <Table.Td>
                    <bdi>{doc.uploaderName}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <DateTime iso={doc.createdAt} style="short" />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={statusColor[doc.status] ?? 'gray'} variant="light">
                        {t(`customerFiles.documents.statuses.${doc.status}`)}
                      </Badge>
                      {doc.sharedWithCustomer && (
                        <Badge color="blue" variant="outline">
                          {t('customerFiles.documents.sharedBadge')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {doc.status === 'available' && (
                        <Button size="xs" variant="light" onClick={() => void download(doc)}>
                          {t('customerFiles.documents.download')}
                        </Button>
                      )}
                      {canWrite && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button size="xs" variant="subtle" aria-label={t('customerFiles.documents.actionsFor', { title: doc.title })}>
                              {t('common.actions')}
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setDialog({ kind: 'edit', doc })}>{t('customerFiles.documents.edit')}</Menu.Item>
                            <Menu.Item color="red" onClick={() => setDialog({ kind: 'delete', doc })}>
                              {t('customerFiles.documents.delete')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )}
            />
            <CursorPager pages={pages} nextCursor={documents.data.cursor} loading={documents.isFetching} />
          </>
        )}
      </Card>
      {dialog?.kind === 'edit' && <EditDocumentDialog customerId={customerId} doc={dialog.doc} onClose={close} />}
      {dialog?.kind === 'delete' && <DeleteDocumentDialog customerId={customerId} doc={dialog.doc} onClose={close} />}
    </Stack>
  );
}

/** Category, title and sharing validated with the API's own schema (the file's fields come from the chosen file). */
const uploadFields = createDocumentInput.pick({ category: true, title: true, sharedWithCustomer: true });

function UploadForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [progress, setProgress] = useState<number | undefined>();
  const [uploaded, setUploaded] = useState<string | undefined>();
  const form = useForm({
    resolver: zodResolver(uploadFields),
    defaultValues: { category: 'contract' as const, title: '', sharedWithCustomer: false },
  });
  const send = useCustomerFilesMutation(customerId, 'documents', (api, values: z.output<typeof uploadFields> & { file: File }) =>
    uploadDocument(api, customerId, values, setProgress),
  );
  const errors = form.formState.errors;
  const submit = form.handleSubmit((values) => {
    setUploaded(undefined);
    if (!file) {
      setFileMissing(true);
      return;
    }
    setProgress(0);
    send.mutate(
      { ...values, file },
      {
        onSuccess: (doc) => {
          setUploaded(doc.title);
          setFile(null);
          form.reset();
        },
        onSettled: () => setProgress(undefined),
      },
    );
  });

  return (
    <Card withBorder radius="md" padding="md" component="form" noValidate onSubmit={submit} aria-label={t('customerFiles.documents.upload')}>
      <Stack gap="sm">
        <Title order={4}>{t('customerFiles.documents.upload')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <FileInput
            label={t('customerFiles.documents.file')}
            placeholder={t('customerFiles.documents.chooseFile')}
            description={t('customerFiles.documents.fileHint', { max: maxMb })}
            accept={accept}
            required
            clearable
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileMissing(false);
              if (f && !form.getValues('title')) form.setValue('title', f.name.replace(/\.[^.]+$/, ''));
            }}
            error={fileMissing ? t('customerFiles.documents.fileRequired') : undefined}
          />
          <TextInput label={t('customerFiles.documents.docTitle')} required dir="auto" {...form.register('title')} error={fieldError(t, errors.title)} />
          <NativeSelect
            label={t('customerFiles.documents.category')}
            data={documentCategories.map((c) => ({ value: c, label: t(`customerFiles.documents.categories.${c}`) }))}
            {...form.register('category')}
            error={fieldError(t, errors.category)}
          />
          <Switch label={t('customerFiles.documents.shared')} {...form.register('sharedWithCustomer')} mt={{ base: 0, sm: 30 }} />
        </SimpleGrid>
        <UploadProgress
          fraction={progress}
          label={t('customerFiles.documents.progressLabel')}
          sending={(percent) => t('customerFiles.documents.sending', { percent })}
          checking={t('customerFiles.documents.checking')}
        />
        <FormAlert error={localiseFilesError(t, send.error)} />
        {uploaded && <FormSuccess>{t('customerFiles.documents.uploaded', { title: uploaded })}</FormSuccess>}
        <Group justify="flex-end">
          <Button type="submit" loading={send.isPending}>
            {t('customerFiles.documents.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function EditDocumentDialog({ customerId, doc, onClose }: { customerId: string; doc: CustomerDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    resolver: zodResolver(updateDocumentInput),
    defaultValues: { title: doc.title, category: doc.category, sharedWithCustomer: doc.sharedWithCustomer, version: doc.version },
  });
  const save = useCustomerFilesMutation(customerId, 'documents', (api, values: z.output<typeof updateDocumentInput>) =>
    api.updateDocument(customerId, doc.documentId, values),
  );
  const errors = form.formState.errors;
  return (
    <FormDialog
      title={t('customerFiles.documents.editTitle')}
      confirmLabel={t('customerFiles.documents.save')}
      loading={save.isPending}
      onClose={onClose}
      onSubmit={form.handleSubmit((values) => save.mutate(values, { onSuccess: onClose }))}
    >
      <TextInput label={t('customerFiles.documents.docTitle')} required dir="auto" data-autofocus {...form.register('title')} error={fieldError(t, errors.title)} />
      <NativeSelect
        label={t('customerFiles.documents.category')}
        data={documentCategories.map((c) => ({ value: c, label: t(`customerFiles.documents.categories.${c}`) }))}
        {...form.register('category')}
        error={fieldError(t, errors.category)}
      />
      <Switch label={t('customerFiles.documents.shared')} {...form.register('sharedWithCustomer')} />
      <FormAlert error={localiseFilesError(t, save.error)} />
    </FormDialog>
  );
}

function DeleteDocumentDialog({ customerId, doc, onClose }: { customerId: string; doc: CustomerDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useCustomerFilesMutation(customerId, 'documents', (api, _: void) => api.deleteDocument(customerId, doc.documentId));
  return (
    <ConfirmDialog
      title={t('customerFiles.documents.deleteTitle')}
      confirmLabel={t('customerFiles.documents.delete')}
      color="red"
      loading={remove.isPending}
      error={localiseFilesError(t, remove.error)}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">{t('customerFiles.documents.deleteBody', { title: doc.title })}</Text>
    </ConfirmDialog>
  );
}
