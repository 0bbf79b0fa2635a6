import { Button, Card, ColorInput, ColorSwatch, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createTicketTag, type CreateTicketTag, type TicketTagView } from '../../../../shared/tickets/organisation-schemas';
import { ApiError, isApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { deskKeys, ticketDeskApi, translateDeskError, useTicketTags, useTicketTagStats } from '../../api/ticketDesk';
import { ConfirmDialog, FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { fieldError, zodResolver } from '../../forms/resolver';
import { PageHeader } from '../PageHeader';

type Dialog = { kind: 'create' } | { kind: 'edit'; tag: TicketTagView } | { kind: 'delete'; tag: TicketTagView };

/** Colours offered in the picker (any #rrggbb may be typed). */
const swatches = ['#1f77b4', '#2ca02c', '#d62728', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Admin: ticket tag definitions — list with colour and usage, create, change colour/description, delete unused ones. */
export function TicketTagsPage() {
  const { t: tt } = useTranslation('translation', { keyPrefix: 'tickets.admin.tags' });
  const tags = useTicketTags();
  const stats = useTicketTagStats();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const close = () => setDialog(undefined);
  const done = (message: string) => {
    setDialog(undefined);
    setNotice(message);
  };
  return (
    <>
      <PageHeader title={tt('title')} lead={tt('lead')} />
      <Stack gap="md">
        {notice && <FormSuccess>{notice}</FormSuccess>}
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm">
            <Text size="sm" c="dimmed" data-testid="tag-totals">
              {stats.data ? tt('totals', { count: stats.data.totalUsage, unused: String(stats.data.unused.length) }) : ''}
            </Text>
            <Button onClick={() => setDialog({ kind: 'create' })}>{tt('create')}</Button>
          </Group>
          {tags.isPending ? (
            <Pending />
          ) : tags.isError ? (
            <FormAlert error={tags.error} />
          ) : (
            <DataTable
              testId="ticket-tags-table"
              caption={tt('caption')}
              columns={[tt('name'), tt('description'), tt('usage'), tt('updated')]}
              items={tags.data.items}
              empty={tt('empty')}
              row={(tag) => (
                <Table.Tr key={tag.name}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <ColorSwatch color={tag.colour} size={16} aria-label={tt('colourOf', { name: tag.name, colour: tag.colour })} />
                      <bdi>{tag.name}</bdi>
                    </Group>
                  </Table.Td>
                  <Table.Td>{tag.description ? <bdi>{tag.description}</bdi> : '—'}</Table.Td>
                  <Table.Td>{tag.usageCount}</Table.Td>
                  <Table.Td>
                    <DateTime iso={tag.updatedAt} style="short" />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'edit', tag })} aria-label={`${tt('edit')}: ${tag.name}`}>
                        {tt('edit')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'delete', tag })} aria-label={`${tt('delete')}: ${tag.name}`}>
                        {tt('delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Card>
      </Stack>
      {dialog?.kind === 'create' && <TagDialog onClose={close} onDone={() => done(tt('saved'))} />}
      {dialog?.kind === 'edit' && <TagDialog tag={dialog.tag} onClose={close} onDone={() => done(tt('saved'))} />}
      {dialog?.kind === 'delete' && <DeleteDialog tag={dialog.tag} onClose={close} onDone={() => done(tt('deleted', { name: dialog.tag.name }))} />}
    </>
  );
}

function useTagsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deskKeys.tags });
}

/** The tag API's own error codes in words; anything else as the helpdesk explains it. */
function tagError(t: TFunction, error: unknown): unknown {
  if (isApiError(error) && (error.code === 'tag_in_use' || error.code === 'tag_exists')) {
    const count = Number((error.details as { usageCount?: unknown } | undefined)?.usageCount ?? 0);
    return new ApiError(error.status, `tickets.${error.code}`, t(`tickets.admin.tags.errors.${error.code}`, { count }), error.details, error.requestId);
  }
  return translateDeskError(t, error);
}

function TagDialog({ tag, onClose, onDone }: { tag?: TicketTagView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('translation', { keyPrefix: 'tickets.admin.tags' });
  const api = ticketDeskApi(useApi());
  const changed = useTagsChanged();
  const form = useForm<z.input<typeof createTicketTag>, unknown, CreateTicketTag>({
    resolver: zodResolver(createTicketTag),
    defaultValues: { name: tag?.name ?? '', colour: tag?.colour ?? swatches[0]!, description: tag?.description ?? '' },
  });
  const save = useMutation({
    mutationFn: (v: CreateTicketTag) =>
      tag ? api.updateTag(tag.name, { colour: v.colour, version: tag.version, ...(v.description ? { description: v.description } : {}) }) : api.createTag(v),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  const errors = form.formState.errors;
  const colour = form.watch('colour');
  return (
    <FormDialog
      title={tag ? tt('editTitle', { name: tag.name }) : tt('createTitle')}
      confirmLabel={t('common.save')}
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onClose={onClose}
    >
      {save.error && <FormAlert error={tagError(t, save.error)} />}
      <TextInput
        label={tt('name')}
        description={tag ? tt('nameFixed') : tt('nameHint')}
        required
        readOnly={!!tag}
        dir="auto"
        data-autofocus={tag ? undefined : true}
        {...form.register('name')}
        error={fieldError(t, errors.name)}
      />
      <Controller
        control={form.control}
        name="colour"
        render={({ field }) => (
          <ColorInput
            label={tt('colour')}
            required
            format="hex"
            swatches={swatches}
            swatchesPerRow={10}
            dir="ltr"
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldError(t, errors.colour)}
            data-autofocus={tag ? true : undefined}
          />
        )}
      />
      <TextInput label={tt('description')} dir="auto" {...form.register('description')} error={fieldError(t, errors.description)} />
      <Group gap="xs">
        <Text size="sm">{tt('preview')}</Text>
        <Group gap={6} wrap="nowrap">
          <ColorSwatch color={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#ffffff'} size={16} />
          <bdi>{form.watch('name') || tt('name')}</bdi>
        </Group>
      </Group>
    </FormDialog>
  );
}

function DeleteDialog({ tag, onClose, onDone }: { tag: TicketTagView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('translation', { keyPrefix: 'tickets.admin.tags' });
  const api = ticketDeskApi(useApi());
  const changed = useTagsChanged();
  const remove = useMutation({
    mutationFn: () => api.deleteTag(tag.name),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  return (
    <ConfirmDialog
      title={tt('deleteTitle', { name: tag.name })}
      confirmLabel={tt('delete')}
      color="red"
      loading={remove.isPending}
      error={remove.error ? tagError(t, remove.error) : null}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
    >
      <Text size="sm">{tag.usageCount > 0 ? tt('deleteInUse', { count: tag.usageCount }) : tt('deleteBody')}</Text>
    </ConfirmDialog>
  );
}
