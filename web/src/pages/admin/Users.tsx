import { Badge, Button, Card, Group, Menu, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { adminApi, useRoles, useUsers } from '../../api/admin';
import { useApi } from '../../api/context';
import { useMe } from '../../api/identity';
import { createStaffInput, roles as builtInRoles, userKind, userStatus, type User } from '../../api/schemas';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { ConfirmDialog, DialogButtons, FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { tOr } from '../../components/text';
import { fieldError, zodResolver } from '../../forms/resolver';
import { PageHeader } from '../PageHeader';

/** The roles an admin can give: the built-in ones plus the custom roles of the matrix. */
function useRoleOptions() {
  const { t } = useTranslation();
  const roles = useRoles();
  const list = roles.data?.roles ?? builtInRoles.map((roleId) => ({ roleId, name: roleId, staff: roleId !== 'customer' }));
  return list.map((r) => ({ value: r.roleId, label: tOr(t, `roles.${r.roleId}`, r.name), staff: r.staff }));
}

const statusColor: Record<string, string> = { active: 'green', disabled: 'red' };

type Dialog = { kind: 'create' } | { kind: 'role'; user: User } | { kind: 'status'; user: User } | { kind: 'mfa'; user: User };

/** Users admin: search and filter, create staff, change role, disable/enable, reset 2FA. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = me.data?.permissions.includes('users:manage') ?? false;
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<'' | 'active' | 'disabled'>('');
  const [kind, setKind] = useState<'' | 'staff' | 'customer'>('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const pages = useCursorPages();
  const users = useUsers({
    ...(debounced ? { q: debounced } : {}),
    ...(role ? { role } : {}),
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  });
  const roleOptions = useRoleOptions();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const close = () => setDialog(undefined);
  const done = (message: string) => {
    setNotice(message);
    close();
  };

  return (
    <>
      <PageHeader title={t('users.title')} lead={t('users.lead')} />
      <Stack gap="md">
        <Card withBorder radius="md" padding="md" role="search" aria-label={t('users.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label={t('users.search')}
              placeholder={t('users.searchHint')}
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                pages.reset();
              }}
            />
            <NativeSelect
              label={t('users.role')}
              value={role}
              onChange={(e) => {
                setRole(e.currentTarget.value);
                pages.reset();
              }}
              data={[{ value: '', label: t('users.anyRole') }, ...roleOptions]}
            />
            <NativeSelect
              label={t('users.status')}
              value={status}
              onChange={(e) => {
                setStatus(e.currentTarget.value as typeof status);
                pages.reset();
              }}
              data={[{ value: '', label: t('users.anyStatus') }, ...userStatus.options.map((s) => ({ value: s, label: t(`users.statuses.${s}`) }))]}
            />
            <NativeSelect
              label={t('users.kind')}
              value={kind}
              onChange={(e) => {
                setKind(e.currentTarget.value as typeof kind);
                pages.reset();
              }}
              data={[{ value: '', label: t('users.anyKind') }, ...userKind.options.map((k) => ({ value: k, label: t(`users.kinds.${k}`) }))]}
            />
          </SimpleGrid>
        </Card>
        {notice && <FormSuccess>{notice}</FormSuccess>}
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {users.data ? t('users.shown', { count: users.data.items.length }) : ''}
            </Text>
            {canManage && <Button onClick={() => setDialog({ kind: 'create' })}>{t('users.create')}</Button>}
          </Group>
          {users.isPending ? (
            <Pending />
          ) : users.isError ? (
            <FormAlert error={users.error} />
          ) : (
            <>
              <DataTable
                testId="users-table"
                highlightOnHover
                caption={t('users.caption')}
                columns={[t('fields.name'), t('fields.email'), t('users.role'), t('users.status'), t('users.mfa')]}
                items={users.data.items}
                empty={t('users.empty')}
                row={(u) => (
                  <Table.Tr key={u.userId}>
                    <Table.Td>
                      <bdi>{u.name}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">{u.email}</bdi>
                    </Table.Td>
                    <Table.Td>{tOr(t, `roles.${u.role}`, u.role)}</Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[u.status] ?? 'gray'} variant="light">
                        {tOr(t, `users.statuses.${u.status}`, u.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{u.mfaEnrolled ? t('security.mfa.on') : t('security.mfa.off')}</Table.Td>
                    <Table.Td>
                      {canManage && u.userId !== me.data?.userId && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button size="xs" variant="subtle" aria-label={t('users.actionsFor', { name: u.name })}>
                              {t('common.actions')}
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setDialog({ kind: 'role', user: u })}>{t('users.changeRole')}</Menu.Item>
                            <Menu.Item onClick={() => setDialog({ kind: 'status', user: u })} color={u.status === 'disabled' ? undefined : 'red'}>
                              {u.status === 'disabled' ? t('users.enable') : t('users.disable')}
                            </Menu.Item>
                            <Menu.Item onClick={() => setDialog({ kind: 'mfa', user: u })} disabled={u.mfaEnrolled === false}>
                              {t('users.resetMfa')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )}
              />
              <CursorPager pages={pages} nextCursor={users.data.cursor} loading={users.isFetching} />
            </>
          )}
        </Card>
      </Stack>
      <CreateStaffDialog opened={dialog?.kind === 'create'} roleOptions={roleOptions} onClose={close} onDone={done} />
      {dialog?.kind === 'role' && <ChangeRoleDialog user={dialog.user} roleOptions={roleOptions} onClose={close} onDone={done} />}
      {dialog?.kind === 'status' && <StatusDialog user={dialog.user} onClose={close} onDone={done} />}
      {dialog?.kind === 'mfa' && <ResetMfaDialog user={dialog.user} onClose={close} onDone={done} />}
    </>
  );
}

type Options = { value: string; label: string; staff: boolean }[];

function useUserMutation<V>(fn: (v: V) => Promise<unknown>, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
}

function CreateStaffDialog({ opened, roleOptions, onClose, onDone }: { opened: boolean; roleOptions: Options; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const staffOptions = roleOptions.filter((o) => o.staff);
  const form = useForm({ resolver: zodResolver(createStaffInput), defaultValues: { email: '', name: '', role: 'agent' as string } });
  const create = useUserMutation(
    (values: z.output<typeof createStaffInput>) => api.createStaff(values),
    () => {
      onDone(t('users.created', { email: form.getValues('email') }));
      form.reset();
    },
  );
  const { errors } = form.formState;
  return (
    <FormDialog
      opened={opened}
      title={t('users.create')}
      confirmLabel={t('users.createSubmit')}
      loading={create.isPending}
      onSubmit={form.handleSubmit((values) => create.mutate(values))}
      onClose={onClose}
    >
      <Text size="sm">{t('users.createHint')}</Text>
      <FormAlert error={create.error} />
      <TextInput label={t('fields.name')} required data-autofocus {...form.register('name')} error={fieldError(t, errors.name)} />
      <TextInput label={t('fields.email')} type="email" dir="ltr" required {...form.register('email')} error={fieldError(t, errors.email)} />
      <NativeSelect label={t('users.role')} required data={staffOptions} {...form.register('role')} error={fieldError(t, errors.role)} />
    </FormDialog>
  );
}

function ChangeRoleDialog({ user, roleOptions, onClose, onDone }: { user: User; roleOptions: Options; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const [role, setRole] = useState(user.role);
  const label = roleOptions.find((o) => o.value === role)?.label ?? role;
  const save = useUserMutation(
    () => api.changeRole(user.userId, { role, version: user.version }),
    () => onDone(t('users.roleChanged', { name: user.name, role: label })),
  );
  return (
    <Modal opened onClose={onClose} title={t('users.changeRoleOf', { name: user.name })} centered>
      <Stack gap="md">
        <FormAlert error={save.error} />
        <NativeSelect label={t('users.role')} value={role} onChange={(e) => setRole(e.currentTarget.value)} data={roleOptions} data-autofocus />
        <Text size="sm" c="dimmed">
          {t('users.roleHint')}
        </Text>
        <DialogButtons onCancel={onClose}>
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending} disabled={role === user.role}>
            {t('common.save')}
          </Button>
        </DialogButtons>
      </Stack>
    </Modal>
  );
}

function StatusDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const enabling = user.status === 'disabled';
  const name = user.name;
  const save = useUserMutation(
    () => (enabling ? api.enableUser(user.userId) : api.disableUser(user.userId)),
    () => onDone(enabling ? t('users.enabled', { name }) : t('users.disabled', { name })),
  );
  return (
    <ConfirmDialog
      title={enabling ? t('users.enableTitle', { name }) : t('users.disableTitle', { name })}
      error={save.error}
      confirmLabel={enabling ? t('users.enable') : t('users.disable')}
      color={enabling ? undefined : 'red'}
      loading={save.isPending}
      autoFocus
      onConfirm={() => save.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">{enabling ? t('users.enableBody') : t('users.disableBody')}</Text>
    </ConfirmDialog>
  );
}

function ResetMfaDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const name = user.name;
  const reset = useUserMutation(
    () => api.resetUserMfa(user.userId),
    () => onDone(t('users.mfaReset', { name })),
  );
  return (
    <ConfirmDialog
      title={t('users.resetMfaTitle', { name })}
      error={reset.error}
      confirmLabel={t('users.resetMfa')}
      color="red"
      loading={reset.isPending}
      autoFocus
      onConfirm={() => reset.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">{t('users.resetMfaBody')}</Text>
    </ConfirmDialog>
  );
}
