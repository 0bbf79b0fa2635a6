import { Badge, Card, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createSuppression, mailAddress, type CreateSuppression, type SuppressionView } from '../../../../../shared/mail/admin-schemas';
import { contactKeys } from '../../../api/contacts';
import { useApi } from '../../../api/context';
import { mailApi, mailKeys, translateMailError, useSuppressions } from '../../../api/mail';
import { AdminListPage, DeleteDialog, RowActions, useListDialogs } from '../../../components/AdminListPage';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DataTable } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { FormDialog } from '../../../components/Dialogs';
import { FormAlert } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';

type Dialog = { kind: 'add' } | { kind: 'remove'; item: SuppressionView };
const reasonColours = { bounce: 'orange', complaint: 'red', manual: 'gray' } as const;

/** Admin → Mail → Suppression list: addresses that receive no mail; exact search, add with a note, remove after a confirmation. */
export function MailSuppressionsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim().toLowerCase(), 300);
  // Only a whole address is looked up (the API matches exactly); anything else lists everything.
  const email = mailAddress.safeParse(debounced).success ? debounced : '';
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [email, reset]);
  const list = useSuppressions(email, pages.cursor);
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  const api = mailApi(useApi());
  const queryClient = useQueryClient();
  return (
    <>
      <AdminListPage
        title={t('mail.suppressions.title')}
        lead={t('mail.suppressions.lead')}
        notice={notice}
        addLabel={t('mail.suppressions.add')}
        onAdd={() => open({ kind: 'add' })}
        filters={
          <Card withBorder radius="md" padding="md">
            <TextInput
              label={t('mail.suppressions.search')}
              placeholder={t('mail.suppressions.searchHint')}
              type="search"
              dir="ltr"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
          </Card>
        }
      >
        <Loaded query={list}>
          {(data) => (
            <>
              <DataTable
                testId="suppressions-table"
                caption={t('mail.suppressions.caption')}
                columns={[t('mail.suppressions.email'), t('mail.suppressions.reason'), t('mail.suppressions.detail'), t('mail.suppressions.added')]}
                items={data.items}
                empty={t('mail.suppressions.empty')}
                row={(s) => (
                  <Table.Tr key={s.email}>
                    <Table.Td>
                      <bdi dir="ltr">{s.email}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={reasonColours[s.reason]}>
                        {t(`mail.suppressions.reasons.${s.reason}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        <bdi>{s.detail || '—'}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DateTime iso={s.createdAt} style="short" />
                    </Table.Td>
                    <Table.Td>
                      <RowActions name={s.email} actions={[{ label: t('mail.suppressions.remove'), danger: true, onClick: () => open({ kind: 'remove', item: s }) }]} />
                    </Table.Td>
                  </Table.Tr>
                )}
              />
              <CursorPager pages={pages} nextCursor={data.cursor} loading={list.isFetching} />
            </>
          )}
        </Loaded>
      </AdminListPage>
      {dialog?.kind === 'add' && <AddDialog onClose={close} onDone={(email) => done(t('mail.suppressions.addDone', { email }))} />}
      {dialog?.kind === 'remove' && (
        <DeleteDialog
          title={t('mail.suppressions.removeTitle', { email: dialog.item.email })}
          confirmLabel={t('mail.suppressions.remove')}
          body={t('mail.suppressions.removeBody')}
          remove={() => api.removeSuppression(dialog.item.email)}
          invalidates={mailKeys.suppressions}
          translateError={translateMailError}
          onDone={() => {
            // The address's contacts lose their bounce flag.
            void queryClient.invalidateQueries({ queryKey: contactKeys.all });
            done(t('mail.suppressions.removed', { email: dialog.item.email }));
          }}
          onClose={close}
        />
      )}
    </>
  );
}

function AddDialog({ onClose, onDone }: { onClose: () => void; onDone: (email: string) => void }) {
  const { t } = useTranslation();
  const api = mailApi(useApi());
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof createSuppression>, unknown, CreateSuppression>({ resolver: zodResolver(createSuppression), defaultValues: { email: '', note: '' } });
  const add = useMutation({
    mutationFn: (v: CreateSuppression) => api.addSuppression(v),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: mailKeys.suppressions });
      onDone(created.email);
    },
  });
  const errors = form.formState.errors;
  return (
    <FormDialog title={t('mail.suppressions.addTitle')} confirmLabel={t('mail.suppressions.add')} loading={add.isPending} onSubmit={form.handleSubmit((v) => add.mutate(v))} onClose={onClose}>
      <FormAlert error={add.error ? translateMailError(t, add.error) : null} />
      <TextInput label={t('mail.suppressions.email')} type="email" dir="ltr" required data-autofocus {...form.register('email')} error={fieldError(t, errors.email)} />
      <Textarea label={t('mail.suppressions.note')} description={t('mail.suppressions.noteHint')} autosize minRows={2} {...form.register('note')} error={fieldError(t, errors.note)} />
    </FormDialog>
  );
}
