import { Badge, Button, Card, Group, Menu, NativeSelect, SimpleGrid, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import {
  createNoteInput,
  localiseFilesError,
  maxNoteLength,
  noteTypes,
  updateNoteInput,
  useCustomerFilesMutation,
  useNotes,
  type CustomerNote,
} from '../../../api/customerFiles';
import { useMe } from '../../../api/identity';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { ConfirmDialog, FormDialog } from '../../../components/Dialogs';
import { DateTime } from '../../../components/DateTime';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Pending } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';

const typeColor: Record<string, string> = {
  general: 'gray',
  call: 'blue',
  meeting: 'grape',
  billing: 'teal',
  technical: 'indigo',
  complaint: 'red',
  follow_up: 'orange',
};

type Dialog = { kind: 'edit'; note: CustomerNote } | { kind: 'delete'; note: CustomerNote };

/** Internal notes on a customer (desk): composer, type filter, pinned first, edit/delete for the author or a manager. */
export function NotesTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const moderates = me.data?.role === 'admin' || me.data?.role === 'manager';
  const canWrite = me.data?.permissions.includes('customers:update') ?? false;
  const [type, setType] = useState('');
  const [showDeleted, setShowDeleted] = useState(false);
  const pages = useCursorPages();
  const notes = useNotes(customerId, {
    ...(type ? { type } : {}),
    ...(showDeleted && moderates ? { includeDeleted: true } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  });
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const close = () => setDialog(undefined);
  const pin = useCustomerFilesMutation(customerId, 'notes', (api, note: CustomerNote) =>
    api.updateNote(customerId, note.noteId, { type: note.type, body: note.body, pinned: !note.pinned, version: note.version }),
  );
  const typeOptions = noteTypes.map((v) => ({ value: v, label: t(`customerFiles.notes.types.${v}`) }));

  return (
    <Stack gap="md">
      <div>
        <Title order={3}>{t('customerFiles.notes.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('customerFiles.notes.lead')}
        </Text>
      </div>
      {canWrite && <Composer customerId={customerId} typeOptions={typeOptions} />}
      <Group align="flex-end" gap="md" role="search" aria-label={t('customerFiles.notes.filterType')}>
        <NativeSelect
          label={t('customerFiles.notes.filterType')}
          value={type}
          onChange={(e) => {
            setType(e.currentTarget.value);
            pages.reset();
          }}
          data={[{ value: '', label: t('customerFiles.notes.anyType') }, ...typeOptions]}
        />
        {moderates && (
          <Switch
            label={t('customerFiles.notes.showDeleted')}
            checked={showDeleted}
            onChange={(e) => {
              setShowDeleted(e.currentTarget.checked);
              pages.reset();
            }}
            mb={8}
          />
        )}
      </Group>
      <FormAlert error={localiseFilesError(t, pin.error)} />
      {notes.isPending ? (
        <Pending />
      ) : notes.isError ? (
        <FormAlert error={notes.error} />
      ) : (
        <>
          <Stack gap="sm" component="ul" aria-label={t('customerFiles.notes.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {notes.data.items.length === 0 && (
              <Text component="li" size="sm" c="dimmed">
                {t('customerFiles.notes.empty')}
              </Text>
            )}
            {notes.data.items.map((note) => (
              <NoteCard
                key={note.noteId}
                note={note}
                canWrite={canWrite}
                onPin={() => pin.mutate(note)}
                pinning={pin.isPending && pin.variables?.noteId === note.noteId}
                onEdit={() => setDialog({ kind: 'edit', note })}
                onDelete={() => setDialog({ kind: 'delete', note })}
              />
            ))}
          </Stack>
          <CursorPager pages={pages} nextCursor={notes.data.cursor} loading={notes.isFetching} />
        </>
      )}
      {dialog?.kind === 'edit' && <EditNoteDialog customerId={customerId} note={dialog.note} typeOptions={typeOptions} onClose={close} />}
      {dialog?.kind === 'delete' && <DeleteNoteDialog customerId={customerId} note={dialog.note} onClose={close} />}
    </Stack>
  );
}

type Options = { value: string; label: string }[];

function Composer({ customerId, typeOptions }: { customerId: string; typeOptions: Options }) {
  const { t } = useTranslation();
  const [added, setAdded] = useState(false);
  const form = useForm({ resolver: zodResolver(createNoteInput), defaultValues: { type: 'general' as const, body: '', pinned: false } });
  const create = useCustomerFilesMutation(customerId, 'notes', (api, values: z.output<typeof createNoteInput>) => api.createNote(customerId, values));
  const errors = form.formState.errors;
  const left = maxNoteLength - (form.watch('body')?.length ?? 0);
  const submit = form.handleSubmit((values) => {
    setAdded(false);
    create.mutate(values, {
      onSuccess: () => {
        form.reset();
        setAdded(true);
      },
    });
  });

  return (
    <Card withBorder radius="md" padding="md" component="form" noValidate onSubmit={submit} aria-label={t('customerFiles.notes.compose')}>
      <Stack gap="sm">
        <Textarea
          label={t('customerFiles.notes.body')}
          placeholder={t('customerFiles.notes.bodyPlaceholder')}
          autosize
          minRows={3}
          maxRows={12}
          required
          dir="auto"
          description={t('customerFiles.notes.charsLeft', { count: left })}
          inputWrapperOrder={['label', 'input', 'error', 'description']}
          {...form.register('body')}
          error={fieldError(t, errors.body)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label={t('customerFiles.notes.type')} data={typeOptions} {...form.register('type')} error={fieldError(t, errors.type)} />
          <Switch label={t('customerFiles.notes.pinned')} {...form.register('pinned')} mt={{ base: 0, sm: 30 }} />
        </SimpleGrid>
        <FormAlert error={localiseFilesError(t, create.error)} />
        {added && <FormSuccess>{t('customerFiles.notes.added')}</FormSuccess>}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('customerFiles.notes.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function NoteCard({
  note,
  canWrite,
  onPin,
  pinning,
  onEdit,
  onDelete,
}: {
  note: CustomerNote;
  canWrite: boolean;
  onPin: () => void;
  pinning: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const deleted = Boolean(note.deletedAt);
  return (
    <Card component="li" withBorder radius="md" padding="sm" bg={note.pinned && !deleted ? 'yellow.0' : undefined} opacity={deleted ? 0.6 : 1}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="wrap">
          <Badge color={typeColor[note.type] ?? 'gray'} variant="light">
            {t(`customerFiles.notes.types.${note.type}`)}
          </Badge>
          {note.pinned && (
            <Badge color="yellow" variant="filled">
              {t('customerFiles.notes.pinnedBadge')}
            </Badge>
          )}
          {deleted && (
            <Badge color="red" variant="outline">
              {t('customerFiles.notes.deleted')}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            <DateTime iso={note.createdAt} style="short" /> · {t('customerFiles.notes.by', { name: note.authorName })}
            {note.editedAt && (
              <>
                {' · '}
                {t('customerFiles.notes.edited')} <DateTime iso={note.editedAt} style="short" />
              </>
            )}
          </Text>
        </Group>
        {note.canEdit && canWrite && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="subtle" loading={pinning} aria-label={t('customerFiles.notes.actionsFor', { date: note.createdAt })}>
                {t('common.actions')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={onPin}>{note.pinned ? t('customerFiles.notes.unpin') : t('customerFiles.notes.pin')}</Menu.Item>
              <Menu.Item onClick={onEdit}>{t('customerFiles.notes.edit')}</Menu.Item>
              <Menu.Item color="red" onClick={onDelete}>
                {t('customerFiles.notes.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Text size="sm" mt="xs" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.body}
      </Text>
    </Card>
  );
}

function EditNoteDialog({ customerId, note, typeOptions, onClose }: { customerId: string; note: CustomerNote; typeOptions: Options; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    resolver: zodResolver(updateNoteInput),
    defaultValues: { type: note.type, body: note.body, pinned: note.pinned, version: note.version },
  });
  const save = useCustomerFilesMutation(customerId, 'notes', (api, values: z.output<typeof updateNoteInput>) => api.updateNote(customerId, note.noteId, values));
  const errors = form.formState.errors;
  return (
    <FormDialog
      title={t('customerFiles.notes.editTitle')}
      confirmLabel={t('customerFiles.notes.save')}
      loading={save.isPending}
      size="lg"
      onClose={onClose}
      onSubmit={form.handleSubmit((values) => save.mutate(values, { onSuccess: onClose }))}
    >
      <Textarea
        label={t('customerFiles.notes.body')}
        autosize
        minRows={4}
        maxRows={16}
        required
        dir="auto"
        data-autofocus
        {...form.register('body')}
        error={fieldError(t, errors.body)}
      />
      <NativeSelect label={t('customerFiles.notes.type')} data={typeOptions} {...form.register('type')} error={fieldError(t, errors.type)} />
      <Switch label={t('customerFiles.notes.pinned')} {...form.register('pinned')} />
      <FormAlert error={localiseFilesError(t, save.error)} />
    </FormDialog>
  );
}

function DeleteNoteDialog({ customerId, note, onClose }: { customerId: string; note: CustomerNote; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useCustomerFilesMutation(customerId, 'notes', (api, _: void) => api.deleteNote(customerId, note.noteId));
  return (
    <ConfirmDialog
      title={t('customerFiles.notes.deleteTitle')}
      confirmLabel={t('customerFiles.notes.delete')}
      color="red"
      loading={remove.isPending}
      error={localiseFilesError(t, remove.error)}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">{t('customerFiles.notes.deleteBody')}</Text>
    </ConfirmDialog>
  );
}
