import { Badge, Card, Code, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import {
  createCannedReply,
  renderTemplate,
  templateTokens,
  templateVariableNames,
  type CannedReplyView,
  type CreateCannedReply,
  type TemplateVariable,
} from '../../../../shared/tickets/conversation-schemas';
import { isApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { flattenCategories, ticketDeskApi, translateDeskError, useCannedReplies, useTicketCategories } from '../../api/ticketDesk';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { AdminListPage, DeleteDialog, RowActions, useListDialogs } from '../../components/AdminListPage';
import { FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { FormAlert } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { fieldError, zodResolver } from '../../forms/resolver';

type Dialog = { kind: 'create' } | { kind: 'edit'; reply: CannedReplyView } | { kind: 'delete'; reply: CannedReplyView };

/** Admin: canned replies with `{{variables}}` — list, search by title, create and edit with a live preview, delete. */
export function CannedRepliesPage() {
  const { t: tc } = useTranslation('translation', { keyPrefix: 'tickets.admin.canned' });
  const [search, setSearch] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const pages = useCursorPages();
  const replies = useCannedReplies({ ...(debounced ? { q: debounced } : {}), ...(categoryId ? { categoryId } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) });
  const categories = useTicketCategories(true);
  const flat = flattenCategories(categories.data?.items ?? []);
  const categoryPath = new Map(flat.map((c) => [c.node.categoryId, c.path]));
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  return (
    <>
      <AdminListPage
        title={tc('title')}
        lead={tc('lead')}
        filters={
          <Card withBorder radius="md" padding="md" role="search" aria-label={tc('filters')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={tc('search')}
                placeholder={tc('searchHint')}
                type="search"
                value={search}
                onChange={(e) => {
                  setSearch(e.currentTarget.value);
                  pages.reset();
                }}
              />
              <NativeSelect
                label={tc('category')}
                value={categoryId}
                onChange={(e) => {
                  setCategoryId(e.currentTarget.value);
                  pages.reset();
                }}
                data={[{ value: '', label: tc('anyCategory') }, ...flat.map((c) => ({ value: c.node.categoryId, label: c.path }))]}
              />
            </SimpleGrid>
          </Card>
        }
        notice={notice}
        addLabel={tc('create')}
        onAdd={() => open({ kind: 'create' })}
      >
        {replies.isPending ? (
          <Pending />
        ) : replies.isError ? (
          <FormAlert error={replies.error} />
        ) : (
          <>
            <DataTable
              testId="canned-replies-table"
              caption={tc('caption')}
              columns={[tc('replyTitle'), tc('category'), tc('variables'), tc('usage'), tc('updated')]}
              items={replies.data.items}
              empty={tc('empty')}
              row={(r) => (
                <Table.Tr key={r.cannedReplyId}>
                  <Table.Td>
                    <bdi>{r.title}</bdi>
                  </Table.Td>
                  <Table.Td>{r.categoryId ? <bdi>{categoryPath.get(r.categoryId) ?? r.categoryId}</bdi> : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.variables.map((v) => (
                        <Code key={v} dir="ltr">{`{{${v}}}`}</Code>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.usageCount}</Table.Td>
                  <Table.Td>
                    <DateTime iso={r.updatedAt} style="short" />
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      name={r.title}
                      actions={[
                        { label: tc('edit'), onClick: () => open({ kind: 'edit', reply: r }) },
                        { label: tc('delete'), danger: true, onClick: () => open({ kind: 'delete', reply: r }) },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            />
            <CursorPager pages={pages} nextCursor={replies.data.cursor} loading={replies.isFetching} />
          </>
        )}
      </AdminListPage>
      {dialog?.kind === 'create' && <ReplyDialog onClose={close} onDone={() => done(tc('saved'))} />}
      {dialog?.kind === 'edit' && <ReplyDialog reply={dialog.reply} onClose={close} onDone={() => done(tc('saved'))} />}
      {dialog?.kind === 'delete' && <DeleteReplyDialog reply={dialog.reply} onClose={close} onDone={() => done(tc('deleted', { title: dialog.reply.title }))} />}
    </>
  );
}

const repliesKey = ['canned-replies'];

function useRepliesChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: repliesKey });
}

/** The names the API refused in an `unknown_template_variable` error (`details.unknown`). */
function refusedNames(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'unknown_template_variable') return [];
  const unknown = (error.details as { unknown?: unknown } | undefined)?.unknown;
  return Array.isArray(unknown) ? unknown.filter((u): u is string => typeof u === 'string') : [];
}

function ReplyDialog({ reply, onClose, onDone }: { reply?: CannedReplyView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('translation', { keyPrefix: 'tickets.admin.canned' });
  const api = ticketDeskApi(useApi());
  const changed = useRepliesChanged();
  const categories = useTicketCategories(true);
  const flat = flattenCategories(categories.data?.items ?? []);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const form = useForm<z.input<typeof createCannedReply>, unknown, CreateCannedReply>({
    resolver: zodResolver(createCannedReply),
    defaultValues: { title: reply?.title ?? '', body: reply?.body ?? '', ...(reply?.categoryId ? { categoryId: reply.categoryId } : {}) },
  });
  const save = useMutation({
    mutationFn: (v: CreateCannedReply) =>
      reply
        ? api.updateCannedReply(reply.cannedReplyId, { version: reply.version, title: v.title, body: v.body, categoryId: v.categoryId ?? null })
        : api.createCannedReply(v),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  const body = form.watch('body') ?? '';
  const unknown = templateTokens(body).unknown;
  const refused = refusedNames(save.error);
  const samples = Object.fromEntries(templateVariableNames.map((v) => [v, tc(`samples.${v}`)])) as Record<TemplateVariable, string>;
  const errors = form.formState.errors;
  const bodyError = unknown.length
    ? tc('unknownVariable', { names: unknown.map((n) => `{{${n}}}`).join(', ') })
    : refused.length
      ? tc('unknownVariable', { names: refused.map((n) => `{{${n}}}`).join(', ') })
      : isApiError(save.error) && save.error.code === 'unknown_template_variable'
        ? tc('unknownVariableServer')
        : fieldError(t, errors.body);
  const insert = (name: TemplateVariable) => {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    form.setValue('body', `${body.slice(0, start)}${token}${body.slice(end)}`, { shouldDirty: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const { ref: registerBodyRef, ...bodyField } = form.register('body');
  const showServerError = save.error && !(isApiError(save.error) && save.error.code === 'unknown_template_variable');
  return (
    <FormDialog
      title={reply ? tc('editTitle', { title: reply.title }) : tc('createTitle')}
      confirmLabel={t('common.save')}
      size="xl"
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => {
        if (templateTokens(values.body).unknown.length === 0) save.mutate(values);
      })}
      onClose={onClose}
    >
      {showServerError && <FormAlert error={translateDeskError(t, save.error)} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={tc('replyTitle')} required data-autofocus {...form.register('title')} error={fieldError(t, errors.title)} />
        <Controller
          control={form.control}
          name="categoryId"
          render={({ field }) => (
            <NativeSelect
              label={tc('category')}
              value={field.value ?? ''}
              onChange={(e) => field.onChange(e.currentTarget.value || undefined)}
              data={[{ value: '', label: tc('noCategory') }, ...flat.map((c) => ({ value: c.node.categoryId, label: c.path }))]}
            />
          )}
        />
      </SimpleGrid>
      <Textarea
        label={tc('body')}
        required
        autosize
        minRows={6}
        maxRows={16}
        {...bodyField}
        ref={(el) => {
          registerBodyRef(el);
          bodyRef.current = el;
        }}
        error={bodyError}
      />
      <Stack gap={4} component="section" aria-label={tc('variablesHelp')}>
        <Text size="sm" fw={500}>
          {tc('variablesHelp')}
        </Text>
        <Text size="xs" c="dimmed">
          {tc('variablesHint')}
        </Text>
        <Group gap={6}>
          {templateVariableNames.map((v) => (
            <Tooltip key={v} label={tc(`variableHelp.${v}`)} withinPortal>
              <UnstyledButton onClick={() => insert(v)} aria-label={tc('insertVariable', { name: v, help: tc(`variableHelp.${v}`) })}>
                <Badge variant="outline" style={{ textTransform: 'none', cursor: 'pointer' }}>
                  <bdi dir="ltr">{`{{${v}}}`}</bdi>
                </Badge>
              </UnstyledButton>
            </Tooltip>
          ))}
        </Group>
      </Stack>
      <Stack gap={4} component="section" aria-label={tc('preview')}>
        <Text size="sm" fw={500}>
          {tc('preview')}
        </Text>
        <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid="canned-preview">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {body.trim() ? renderTemplate(body, samples) : tc('previewEmpty')}
          </Text>
        </Paper>
        <Text size="xs" c="dimmed">
          {tc('previewHint')}
        </Text>
      </Stack>
    </FormDialog>
  );
}

function DeleteReplyDialog({ reply, onClose, onDone }: { reply: CannedReplyView; onClose: () => void; onDone: () => void }) {
  const { t: tc } = useTranslation('translation', { keyPrefix: 'tickets.admin.canned' });
  const api = ticketDeskApi(useApi());
  return (
    <DeleteDialog
      title={tc('deleteTitle', { title: reply.title })}
      confirmLabel={tc('delete')}
      body={tc('deleteBody')}
      remove={() => api.deleteCannedReply(reply.cannedReplyId)}
      invalidates={repliesKey}
      translateError={translateDeskError}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
