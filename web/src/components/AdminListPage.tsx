import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../pages/PageHeader';
import { ConfirmDialog } from './Dialogs';
import { FormSuccess } from './FormAlert';

/** Which dialog an admin list shows, and the notice left by the last one that finished. */
export function useListDialogs<D>() {
  const [dialog, setDialog] = useState<D | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const close = () => setDialog(undefined);
  const done = (message: string) => {
    setDialog(undefined);
    setNotice(message);
  };
  return { dialog, open: setDialog, close, done, notice };
}

interface ListBodyProps {
  filters?: ReactNode;
  notice: string | undefined;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}

/** An admin list page: header, optional filters, the last action's notice, then a card with the add button above the list. */
export function AdminListPage({ title, lead, ...body }: ListBodyProps & { title: string; lead: string }) {
  return (
    <>
      <PageHeader title={title} lead={lead} />
      <AdminListBody {...body} />
    </>
  );
}

/** An admin list without its page header (e.g. one tab of a page): filters, notice, then the card with the add button. */
export function AdminListBody({ filters, notice, addLabel, onAdd, children }: ListBodyProps) {
  return (
    <Stack gap="md">
      {filters}
      {notice && <FormSuccess>{notice}</FormSuccess>}
      <Card withBorder radius="md" padding="md">
        <Group justify="flex-end" mb="sm">
          <Button onClick={onAdd}>{addLabel}</Button>
        </Group>
        {children}
      </Card>
    </Stack>
  );
}

/** A row's buttons, each labelled for screen readers with the row's `name`; a `hidden` one is left out. */
export function RowActions({
  name,
  actions,
}: {
  name: string;
  actions: readonly { label: string; onClick: () => void; danger?: boolean; hidden?: boolean }[];
}) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {actions
        .filter((a) => !a.hidden)
        .map((a) => (
          <Button key={a.label} size="xs" variant="subtle" {...(a.danger ? { color: 'red' } : {})} onClick={a.onClick} aria-label={`${a.label}: ${name}`}>
            {a.label}
          </Button>
        ))}
    </Group>
  );
}

/** Confirms a delete: runs `remove`, refreshes `invalidates`, then calls `onDone` with the result; errors show translated. */
export function DeleteDialog<R>({
  title,
  confirmLabel,
  body,
  remove,
  invalidates,
  translateError,
  onDone,
  onClose,
}: {
  title: string;
  confirmLabel: string;
  body: string;
  remove: () => Promise<R>;
  invalidates: QueryKey;
  translateError: (t: TFunction, error: unknown) => unknown;
  onDone: (result: R) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: invalidates });
      onDone(result);
    },
  });
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      color="red"
      loading={mutation.isPending}
      error={mutation.error ? translateError(t, mutation.error) : null}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    >
      <Text size="sm">{body}</Text>
    </ConfirmDialog>
  );
}
