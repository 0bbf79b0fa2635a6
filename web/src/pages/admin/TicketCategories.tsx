import { Badge, Checkbox, NativeSelect, Switch, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createTicketCategory, maxCategoryDepth, type CreateTicketCategory, type TicketCategoryNodeShape } from '../../../../shared/tickets/assignment-schemas';
import { useApi } from '../../api/context';
import { flattenCategories, ticketDeskApi, translateDeskError, useSupportGroups, useTicketCategories, type FlatCategory } from '../../api/ticketDesk';
import { AdminListPage, DeleteDialog, RowActions, useListDialogs } from '../../components/AdminListPage';
import { FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loaded } from '../../components/Pending';
import { fieldError, zodResolver } from '../../forms/resolver';

type Dialog = { kind: 'create'; parentId?: string } | { kind: 'edit'; node: TicketCategoryNodeShape } | { kind: 'delete'; node: TicketCategoryNodeShape };

/** Admin: the ticket category tree, each with its default support group and whether it requires a quality check. */
export function TicketCategoriesPage() {
  const categories = useTicketCategories(true);
  const groups = useSupportGroups();
  const groupName = new Map((groups.data?.items ?? []).map((g) => [g.groupId, g.name]));
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  const { t: tc } = useTranslation('translation', { keyPrefix: 'tickets.admin.categories' });
  return (
    <>
      <AdminListPage title={tc('title')} lead={tc('lead')} notice={notice} addLabel={tc('create')} onAdd={() => open({ kind: 'create' })}>
        <Loaded query={categories}>
          {(data) => (
            <DataTable
              testId="ticket-categories-table"
              caption={tc('caption')}
              columns={[tc('name'), tc('defaultGroup'), tc('requiresQc'), tc('status')]}
              items={flattenCategories(data.items)}
              empty={tc('empty')}
              row={({ node, depth, path }: FlatCategory) => (
                <Table.Tr key={node.categoryId}>
                  <Table.Td style={{ paddingInlineStart: `calc(${depth} * 1.5rem + 0.6rem)` }} title={path}>
                    <Text size="sm" fw={depth === 0 ? 600 : 400}>
                      {depth > 0 && <span aria-hidden>↳ </span>}
                      <bdi>{node.name}</bdi>
                    </Text>
                  </Table.Td>
                  <Table.Td>{node.defaultGroupId ? <bdi>{groupName.get(node.defaultGroupId) ?? node.defaultGroupId}</bdi> : tc('defaultGroupNone')}</Table.Td>
                  <Table.Td>{node.requiresQc ? <Badge variant="light" color="grape">{tc('qc')}</Badge> : '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={node.active ? 'green' : 'gray'}>
                      {node.active ? tc('active') : tc('inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      name={node.name}
                      actions={[
                        { label: tc('addChild'), hidden: depth + 1 >= maxCategoryDepth, onClick: () => open({ kind: 'create', parentId: node.categoryId }) },
                        { label: tc('edit'), onClick: () => open({ kind: 'edit', node }) },
                        { label: tc('delete'), danger: true, onClick: () => open({ kind: 'delete', node }) },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
      </AdminListPage>
      {dialog?.kind === 'create' && <CategoryDialog tree={categories.data?.items ?? []} parentId={dialog.parentId} onClose={close} onDone={() => done(tc('saved'))} />}
      {dialog?.kind === 'edit' && <CategoryDialog tree={categories.data?.items ?? []} node={dialog.node} onClose={close} onDone={() => done(tc('saved'))} />}
      {dialog?.kind === 'delete' && <DeleteCategoryDialog node={dialog.node} onClose={close} onDone={done} />}
    </>
  );
}

const categoriesKey = ['ticket-categories'];

function useCategoriesChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: categoriesKey });
}

/** The ids of a node and everything under it (a category cannot move under itself). */
function subtreeIds(node: TicketCategoryNodeShape): string[] {
  return [node.categoryId, ...node.children.flatMap(subtreeIds)];
}

/** How many levels a node's subtree spans (1 for a leaf). */
function height(node: TicketCategoryNodeShape): number {
  return 1 + Math.max(0, ...node.children.map(height));
}

function CategoryDialog({
  tree,
  node,
  parentId,
  onClose,
  onDone,
}: {
  tree: readonly TicketCategoryNodeShape[];
  node?: TicketCategoryNodeShape;
  parentId?: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('translation', { keyPrefix: 'tickets.admin.categories' });
  const api = ticketDeskApi(useApi());
  const changed = useCategoriesChanged();
  const groups = useSupportGroups();
  const excluded = new Set(node ? subtreeIds(node) : []);
  const span = node ? height(node) : 1;
  const parents = flattenCategories(tree).filter((c) => !excluded.has(c.node.categoryId) && c.depth + 1 + span <= maxCategoryDepth);
  const form = useForm<z.input<typeof createTicketCategory>, unknown, CreateTicketCategory>({
    resolver: zodResolver(createTicketCategory),
    defaultValues: {
      name: node?.name ?? '',
      ...((node?.parentId ?? parentId) ? { parentId: (node?.parentId ?? parentId)! } : {}),
      ...(node?.defaultGroupId ? { defaultGroupId: node.defaultGroupId } : {}),
      requiresQc: node?.requiresQc ?? false,
      active: node?.active ?? true,
    },
  });
  const save = useMutation({
    mutationFn: (v: CreateTicketCategory) =>
      node
        ? api.updateCategory(node.categoryId, { version: node.version, name: v.name, parentId: v.parentId ?? null, defaultGroupId: v.defaultGroupId ?? null, requiresQc: v.requiresQc, active: v.active })
        : api.createCategory(v),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  const errors = form.formState.errors;
  return (
    <FormDialog
      title={node ? tc('editTitle', { name: node.name }) : tc('createTitle')}
      confirmLabel={t('common.save')}
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onClose={onClose}
    >
      <FormAlert error={save.error ? translateDeskError(t, save.error) : null} />
      <TextInput label={tc('name')} required data-autofocus {...form.register('name')} error={fieldError(t, errors.name)} />
      <Controller
        control={form.control}
        name="parentId"
        render={({ field }) => (
          <NativeSelect
            label={tc('parent')}
            value={field.value ?? ''}
            onChange={(e) => field.onChange(e.currentTarget.value || undefined)}
            data={[{ value: '', label: tc('topLevel') }, ...parents.map((c) => ({ value: c.node.categoryId, label: c.path }))]}
            error={fieldError(t, errors.parentId)}
          />
        )}
      />
      <Controller
        control={form.control}
        name="defaultGroupId"
        render={({ field }) => (
          <NativeSelect
            label={tc('defaultGroup')}
            description={tc('defaultGroupHint')}
            value={field.value ?? ''}
            onChange={(e) => field.onChange(e.currentTarget.value || undefined)}
            data={[{ value: '', label: tc('defaultGroupNone') }, ...(groups.data?.items ?? []).map((g) => ({ value: g.groupId, label: g.name }))]}
            error={fieldError(t, errors.defaultGroupId)}
          />
        )}
      />
      <Checkbox label={tc('requiresQc')} description={tc('requiresQcHint')} {...form.register('requiresQc')} />
      <Switch label={tc('activeLabel')} {...form.register('active')} />
    </FormDialog>
  );
}

function DeleteCategoryDialog({ node, onClose, onDone }: { node: TicketCategoryNodeShape; onClose: () => void; onDone: (message: string) => void }) {
  const { t: tc } = useTranslation('translation', { keyPrefix: 'tickets.admin.categories' });
  const api = ticketDeskApi(useApi());
  return (
    <DeleteDialog
      title={tc('deleteTitle', { name: node.name })}
      confirmLabel={tc('delete')}
      body={tc('deleteBody')}
      remove={() => api.deleteCategory(node.categoryId)}
      invalidates={categoriesKey}
      translateError={translateDeskError}
      onDone={(result) => onDone(result.outcome === 'deactivated' ? tc('deactivated', { name: node.name }) : tc('deleted', { name: node.name }))}
      onClose={onClose}
    />
  );
}
