import { Badge, Button, Card, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createSupportGroup, type CreateSupportGroup, type GroupMemberView, type SupportGroupView } from '../../../../shared/tickets/assignment-schemas';
import { useUsers } from '../../api/admin';
import { useApi } from '../../api/context';
import { deskKeys, ticketDeskApi, translateDeskError, useSupportGroup, useSupportGroups } from '../../api/ticketDesk';
import { AdminListPage, DeleteDialog, RowActions, useListDialogs } from '../../components/AdminListPage';
import { DialogButtons, FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { FormAlert } from '../../components/FormAlert';
import { Loaded } from '../../components/Pending';
import { fieldError, zodResolver } from '../../forms/resolver';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; group: SupportGroupView }
  | { kind: 'members'; group: SupportGroupView }
  | { kind: 'delete'; group: SupportGroupView };

/** Admin: support groups (teams that tickets go to), their lead and members with availability and load. */
export function SupportGroupsPage() {
  const { t: tg } = useTranslation('translation', { keyPrefix: 'tickets.admin.groups' });
  const groups = useSupportGroups();
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  return (
    <>
      <AdminListPage title={tg('title')} lead={tg('intro')} notice={notice} addLabel={tg('create')} onAdd={() => open({ kind: 'create' })}>
        <Loaded query={groups}>
          {(data) => (
            <DataTable
              testId="support-groups-table"
              caption={tg('caption')}
              columns={[tg('name'), tg('description'), tg('members')]}
              items={data.items}
              empty={tg('empty')}
              row={(g) => (
                <Table.Tr key={g.groupId}>
                  <Table.Td>
                    <Group gap="xs">
                      <bdi>{g.name}</bdi>
                      {g.isDefault && (
                        <Badge variant="light" size="sm">
                          {tg('default')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      <bdi>{g.description || '—'}</bdi>
                    </Text>
                  </Table.Td>
                  <Table.Td>{g.memberCount}</Table.Td>
                  <Table.Td>
                    <RowActions
                      name={g.name}
                      actions={[
                        { label: tg('manageMembers'), onClick: () => open({ kind: 'members', group: g }) },
                        { label: tg('edit'), onClick: () => open({ kind: 'edit', group: g }) },
                        { label: tg('delete'), danger: true, hidden: g.isDefault, onClick: () => open({ kind: 'delete', group: g }) },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
      </AdminListPage>
      {dialog?.kind === 'create' && <GroupDialog onClose={close} onDone={() => done(tg('saved'))} />}
      {dialog?.kind === 'edit' && <GroupDialog group={dialog.group} onClose={close} onDone={() => done(tg('saved'))} />}
      {dialog?.kind === 'members' && <MembersDialog group={dialog.group} onClose={close} />}
      {dialog?.kind === 'delete' && (
        <DeleteGroupDialog group={dialog.group} onClose={close} onDone={() => done(tg('deleted', { name: dialog.group.name }))} />
      )}
    </>
  );
}

function useGroupsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deskKeys.groups });
}

function GroupDialog({ group, onClose, onDone }: { group?: SupportGroupView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { t: tg } = useTranslation('translation', { keyPrefix: 'tickets.admin.groups' });
  const api = ticketDeskApi(useApi());
  const changed = useGroupsChanged();
  const detail = useSupportGroup(group?.groupId);
  const form = useForm<z.input<typeof createSupportGroup>, unknown, CreateSupportGroup>({
    resolver: zodResolver(createSupportGroup),
    defaultValues: { name: group?.name ?? '', description: group?.description ?? '', ...(group?.leadId ? { leadId: group.leadId } : {}) },
  });
  const save = useMutation({
    mutationFn: (v: CreateSupportGroup) =>
      group ? api.updateGroup(group.groupId, { version: group.version, name: v.name, description: v.description, leadId: v.leadId ?? null }) : api.createGroup(v),
    onSuccess: async () => {
      await changed();
      onDone();
    },
  });
  const errors = form.formState.errors;
  const members = detail.data?.members ?? [];
  return (
    <FormDialog
      title={group ? tg('editTitle', { name: group.name }) : tg('createTitle')}
      confirmLabel={t('common.save')}
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onClose={onClose}
    >
      <FormAlert error={save.error ? translateDeskError(t, save.error) : null} />
      <TextInput label={tg('name')} required data-autofocus {...form.register('name')} error={fieldError(t, errors.name)} />
      <Textarea label={tg('description')} autosize minRows={2} {...form.register('description')} error={fieldError(t, errors.description)} />
      {group && (
        <Controller
          control={form.control}
          name="leadId"
          render={({ field }) => (
            <NativeSelect
              label={tg('leadField')}
              description={tg('leadHint')}
              value={field.value ?? ''}
              onChange={(e) => field.onChange(e.currentTarget.value || undefined)}
              data={[{ value: '', label: tg('noLead') }, ...members.map((m) => ({ value: m.userId, label: m.name }))]}
              error={fieldError(t, errors.leadId)}
            />
          )}
        />
      )}
    </FormDialog>
  );
}

/** The members of one group: availability and load, add a staff user (email search), remove. */
function MembersDialog({ group, onClose }: { group: SupportGroupView; onClose: () => void }) {
  const { t } = useTranslation();
  const { t: tg } = useTranslation('translation', { keyPrefix: 'tickets.admin.groups' });
  const api = ticketDeskApi(useApi());
  const queryClient = useQueryClient();
  const detail = useSupportGroup(group.groupId);
  const [search, setSearch] = useState('');
  const [userId, setUserId] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const users = useUsers({ kind: 'staff', status: 'active', ...(debounced ? { q: debounced } : {}) });
  const memberIds = new Set((detail.data?.members ?? []).map((m) => m.userId));
  const candidates = (users.data?.items ?? []).filter((u) => !memberIds.has(u.userId));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: deskKeys.groups });
  };
  const add = useMutation({
    mutationFn: (id: string) => api.addMember(group.groupId, id),
    onSuccess: async () => {
      setUserId('');
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (m: GroupMemberView) => api.removeMember(group.groupId, m.userId), onSuccess: refresh });
  const error = add.error ?? remove.error;
  return (
    <Modal opened onClose={onClose} title={tg('membersTitle', { name: group.name })} size="xl" centered>
      <Stack gap="md">
        <FormAlert error={error ? translateDeskError(t, error) : null} />
        <Loaded query={detail}>
          {(data) => (
            <DataTable
              testId="group-members-table"
              caption={tg('membersCaption')}
              columns={[tg('memberName'), tg('memberEmail'), tg('availability'), tg('load')]}
              items={data.members}
              empty={tg('noMembers')}
              minWidth={560}
              row={(m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td>
                    <Group gap="xs">
                      <bdi>{m.name}</bdi>
                      {m.isLead && (
                        <Badge size="sm" variant="light" color="grape">
                          {tg('leadBadge')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{m.email}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.available ? 'green' : 'gray'}>
                      {m.available ? tg('available') : tg('unavailable')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{tg('loadValue', { load: String(m.load), count: m.openTickets })}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables?.userId === m.userId} onClick={() => remove.mutate(m)} aria-label={`${tg('remove')}: ${m.name}`}>
                      {tg('remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
        <Card withBorder padding="sm" component="section" aria-label={tg('addMember')}>
          <Text fw={500} mb="xs">
            {tg('addMember')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={tg('searchUser')} placeholder={tg('searchUserHint')} type="search" dir="ltr" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
            <NativeSelect
              label={tg('user')}
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
              data={[{ value: '', label: candidates.length ? tg('chooseUser') : tg('noCandidates') }, ...candidates.map((u) => ({ value: u.userId, label: `${u.name} <${u.email}>` }))]}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button onClick={() => userId && add.mutate(userId)} disabled={!userId} loading={add.isPending}>
              {tg('add')}
            </Button>
          </Group>
        </Card>
        <DialogButtons onCancel={onClose} cancelLabel={t('common.close')} />
      </Stack>
    </Modal>
  );
}

function DeleteGroupDialog({ group, onClose, onDone }: { group: SupportGroupView; onClose: () => void; onDone: () => void }) {
  const { t: tg } = useTranslation('translation', { keyPrefix: 'tickets.admin.groups' });
  const api = ticketDeskApi(useApi());
  return (
    <DeleteDialog
      title={tg('deleteTitle', { name: group.name })}
      confirmLabel={tg('delete')}
      body={tg('deleteBody')}
      remove={() => api.deleteGroup(group.groupId)}
      invalidates={deskKeys.groups}
      translateError={translateDeskError}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
