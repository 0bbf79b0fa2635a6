import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, useRoles, useRoleVersion, useRoleVersions } from '../../api/admin';
import { isApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useMe } from '../../api/identity';
import * as z from 'zod';
import { adminLockoutGuard, createRoleInput, saveMatrixInput, type RolesView, type RoleVersion } from '../../api/schemas';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DateTime } from '../../components/DateTime';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { tOr } from '../../components/text';
import { fieldError, zodResolver } from '../../forms/resolver';
import { PageHeader } from '../PageHeader';
import { actionOf, countChanges, diffMatrices, groupByResource, toDraft, toMatrix, type Draft, type RoleDiff } from './roleMatrix';

/** The admin row must keep these (the API answers `admin_lockout` otherwise): shown ticked, not editable. */
const isLocked = (role: string, permission: string) => role === 'admin' && (adminLockoutGuard as readonly string[]).includes(permission);
/** The API takes an optional note; this editor asks for one, so the version history says why. */
const noteForm = saveMatrixInput.pick({ note: true }).extend({ note: z.string().trim().min(1).max(500) });
const roleForm = createRoleInput.extend({ description: z.string().trim().max(500) });

/** Roles × permissions editor grouped by resource, saved with a note as a new version; history with diff and restore. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const me = useMe();
  const canManage = me.data?.permissions.includes('roles:manage') ?? false;
  return (
    <>
      <PageHeader title={t('rolesPage.title')} lead={t('rolesPage.lead')} />
      {roles.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('common.loading')}</Text>
        </Group>
      ) : roles.isError ? (
        <FormAlert error={roles.error} />
      ) : (
        <Stack gap="lg">
          <MatrixEditor doc={roles.data} canManage={canManage} />
          <VersionHistory current={roles.data} canManage={canManage} />
        </Stack>
      )}
    </>
  );
}

function roleLabel(t: ReturnType<typeof useTranslation>['t'], doc: RolesView, roleId: string) {
  return tOr(t, `roles.${roleId}`, doc.roles.find((r) => r.roleId === roleId)?.name ?? roleId);
}

function MatrixEditor({ doc, canManage }: { doc: RolesView; canManage: boolean }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(doc.matrix));
  const [saved, setSaved] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);
  const [deleting, setDeleting] = useState<string | undefined>();
  // A new version from the server (save, restore, another admin) replaces the draft.
  useEffect(() => setDraft(toDraft(doc.matrix)), [doc.version, doc.matrix]);

  const groups = useMemo(() => groupByResource(doc.permissions), [doc.permissions]);
  const roleIds = doc.roles.map((r) => r.roleId);
  const matrix = toMatrix(draft, doc.permissions);
  const diff = diffMatrices(doc.matrix, matrix);
  const changes = countChanges(diff);
  const editable = (role: string, permission: string) => canManage && !isLocked(role, permission);

  const form = useForm({ resolver: zodResolver(noteForm), defaultValues: { note: '' } });
  const save = useMutation({
    mutationFn: ({ note }: { note: string }) => api.saveMatrix({ version: doc.version, matrix, note }),
    onSuccess: async (next) => {
      queryClient.setQueryData(adminKeys.roles, next);
      await queryClient.invalidateQueries({ queryKey: ['roles', 'versions'] });
      form.reset();
      setSaved(true);
    },
  });
  const conflict = isApiError(save.error) && save.error.code === 'version_conflict';

  const set = (role: string, permissions: string[], on: boolean) => {
    setSaved(false);
    setDraft((d) => {
      const next = new Set(d[role] ?? []);
      for (const p of permissions) {
        if (on) next.add(p);
        else next.delete(p);
      }
      return { ...d, [role]: next };
    });
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="matrix-title">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h3" id="matrix-title">
            {t('rolesPage.matrix')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('rolesPage.version', { version: String(doc.version) })}
            {doc.version === 0 && ` · ${t('rolesPage.initial')}`}
            {doc.changedAt && (
              <>
                {' · '}
                <DateTime iso={doc.changedAt} />
              </>
            )}
            {doc.changedBy && (
              <>
                {' · '}
                <bdi>{doc.changedBy.username}</bdi>
              </>
            )}
          </Text>
        </div>
        {canManage && (
          <Button variant="light" onClick={() => setCreateOpen(true)}>
            {t('rolesPage.createRole')}
          </Button>
        )}
      </Group>
      <Text size="sm" mb="sm">
        {t('rolesPage.effectNote')}
      </Text>
      <Table.ScrollContainer minWidth={200 + roleIds.length * 120} maxHeight={640}>
        <Table stickyHeader withTableBorder withColumnBorders verticalSpacing={4} data-testid="role-matrix">
          <Table.Caption>{t('rolesPage.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rolesPage.permission')}</Table.Th>
              {roleIds.map((role) => {
                const info = doc.roles.find((r) => r.roleId === role);
                return (
                  <Table.Th key={role} scope="col" ta="center">
                    <Stack gap={2} align="center">
                      <Text size="sm" fw={700}>
                        {roleLabel(t, doc, role)}
                      </Text>
                      {info?.builtIn === false && canManage && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(role)}>
                          {t('rolesPage.deleteRole')}
                          <VisuallyHidden> {roleLabel(t, doc, role)}</VisuallyHidden>
                        </Button>
                      )}
                    </Stack>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          {groups.map(({ resource, permissions }) => {
            const resourceLabel = tOr(t, `permissionNames.resources.${resource}`, resource);
            return (
              <Table.Tbody key={resource}>
                <Table.Tr bg="var(--mantine-color-gray-0)">
                  <Table.Th scope="rowgroup" id={`res-${resource}`}>
                    {resourceLabel}
                  </Table.Th>
                  {roleIds.map((role) => {
                    const held = permissions.filter((p) => draft[role]?.has(p)).length;
                    const open = permissions.filter((p) => editable(role, p));
                    return (
                      <Table.Td key={role} ta="center">
                        <Checkbox
                          size="xs"
                          display="inline-block"
                          checked={held === permissions.length}
                          indeterminate={held > 0 && held < permissions.length}
                          disabled={open.length === 0}
                          onChange={(e) => set(role, open, e.currentTarget.checked)}
                          aria-label={t('rolesPage.allOf', { role: roleLabel(t, doc, role), resource: resourceLabel })}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
                {permissions.map((permission) => {
                  const actionLabel = tOr(t, `permissionNames.actions.${actionOf(permission)}`, actionOf(permission));
                  return (
                    <Table.Tr key={permission}>
                      <Table.Th scope="row" fw={400} ps="lg">
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{actionLabel}</Text>
                          <Code fz="xs" dir="ltr">
                            {permission}
                          </Code>
                        </Group>
                      </Table.Th>
                      {roleIds.map((role) => {
                        const on = draft[role]?.has(permission) ?? false;
                        const changed = on !== (doc.matrix[role] ?? []).some((p) => p === permission);
                        return (
                          <Table.Td key={role} ta="center" bg={changed ? 'var(--mantine-color-yellow-1)' : undefined}>
                            <Checkbox
                              size="sm"
                              display="inline-block"
                              checked={on}
                              disabled={!editable(role, permission)}
                              title={isLocked(role, permission) ? t('rolesPage.locked') : undefined}
                              onChange={(e) => set(role, [permission], e.currentTarget.checked)}
                              aria-label={t('rolesPage.cell', { role: roleLabel(t, doc, role), permission: `${resourceLabel} – ${actionLabel}` })}
                              data-permission={permission}
                              data-role={role}
                            />
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            );
          })}
        </Table>
      </Table.ScrollContainer>
      {canManage && (
        <Paper withBorder p="md" mt="md" radius="md" component="form" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))} aria-label={t('rolesPage.saveTitle')}>
          <Stack gap="sm">
            {saved && <FormSuccess>{t('rolesPage.saved', { version: String(doc.version) })}</FormSuccess>}
            {conflict ? (
              <Alert color="orange" variant="light" role="alert">
                <Text size="sm">{t('rolesPage.conflict')}</Text>
                <Button size="xs" mt="xs" variant="light" onClick={() => void queryClient.invalidateQueries({ queryKey: adminKeys.roles })}>
                  {t('rolesPage.reload')}
                </Button>
              </Alert>
            ) : (
              <FormAlert error={save.error} />
            )}
            <Text size="sm" aria-live="polite" data-testid="matrix-changes">
              {changes === 0 ? t('rolesPage.noChanges') : t('rolesPage.changes', { count: changes })}
            </Text>
            {changes > 0 && <DiffList diff={diff} doc={doc} />}
            <Group align="flex-end">
              <TextInput
                label={t('rolesPage.note')}
                description={t('rolesPage.noteHint')}
                required
                style={{ flex: 1, minWidth: 220 }}
                {...form.register('note')}
                error={fieldError(t, form.formState.errors.note)}
              />
              <Button variant="default" disabled={changes === 0} onClick={() => setDraft(toDraft(doc.matrix))}>
                {t('rolesPage.discard')}
              </Button>
              <Button type="submit" disabled={changes === 0} loading={save.isPending}>
                {t('rolesPage.save')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <CreateRoleDialog opened={createOpen} onClose={() => setCreateOpen(false)} />
      {deleting && <DeleteRoleDialog roleId={deleting} label={roleLabel(t, doc, deleting)} onClose={() => setDeleting(undefined)} />}
    </Card>
  );
}

function DiffList({ diff, doc, compact = false }: { diff: RoleDiff[]; doc: RolesView; compact?: boolean }) {
  const { t } = useTranslation();
  if (diff.length === 0) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <List size={compact ? 'xs' : 'sm'} spacing={4} data-testid={compact ? undefined : 'matrix-diff'}>
      {diff.map((d) => (
        <List.Item key={d.role}>
          <Text span fw={600} size="sm">
            {roleLabel(t, doc, d.role)}
          </Text>
          {d.added.length > 0 && (
            <Text span size="sm" c="teal.8">
              {' '}
              {t('rolesPage.added')}: <bdi dir="ltr">{d.added.join(', ')}</bdi>
            </Text>
          )}
          {d.removed.length > 0 && (
            <Text span size="sm" c="red.8">
              {' '}
              {t('rolesPage.removed')}: <bdi dir="ltr">{d.removed.join(', ')}</bdi>
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

function CreateRoleDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(roleForm, { roleId: 'roleId' }), defaultValues: { roleId: '', name: '', description: '' } });
  const create = useMutation({
    mutationFn: (values: z.output<typeof roleForm>) => api.createRole(values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.roles });
      form.reset();
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('rolesPage.createRole')} centered>
      <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))}>
        <Stack gap="md">
          <FormAlert error={create.error} />
          <TextInput label={t('rolesPage.roleName')} required data-autofocus {...form.register('name')} error={fieldError(t, form.formState.errors.name)} />
          <TextInput
            label={t('rolesPage.roleId')}
            description={t('rolesPage.roleIdHint')}
            dir="ltr"
            required
            {...form.register('roleId')}
            error={fieldError(t, form.formState.errors.roleId)}
          />
          <TextInput label={t('rolesPage.roleDescription')} {...form.register('description')} error={fieldError(t, form.formState.errors.description)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('rolesPage.createRole')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteRoleDialog({ roleId, label, onClose }: { roleId: string; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.deleteRole(roleId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.roles });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('rolesPage.deleteTitle', { role: label })} centered>
      <Stack gap="md">
        <Text size="sm">{t('rolesPage.deleteBody')}</Text>
        <FormAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending} data-autofocus>
            {t('rolesPage.deleteRole')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function VersionHistory({ current, canManage }: { current: RolesView; canManage: boolean }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const versions = useRoleVersions(pages.cursor);
  const [selected, setSelected] = useState<RoleVersion | undefined>();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title" mb="sm">
        {t('rolesPage.history')}
      </Title>
      {versions.isPending ? (
        <Group gap="sm" role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('common.loading')}</Text>
        </Group>
      ) : versions.isError ? (
        <FormAlert error={versions.error} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="role-versions">
              <Table.Caption>{t('rolesPage.historyCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rolesPage.versionCol')}</Table.Th>
                  <Table.Th>{t('rolesPage.when')}</Table.Th>
                  <Table.Th>{t('rolesPage.by')}</Table.Th>
                  <Table.Th>{t('rolesPage.note')}</Table.Th>
                  <Table.Th>{t('rolesPage.versionChanges')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text size="sm" c="dimmed">
                        {t('rolesPage.noVersions')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {versions.data.items.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>
                      {v.version}
                      {v.version === current.version && (
                        <Badge size="xs" variant="light" ms={6}>
                          {t('rolesPage.current')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <DateTime iso={v.changedAt} />
                    </Table.Td>
                    <Table.Td>
                      <bdi>{v.changedBy.username}</bdi>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <bdi>{v.note || '—'}</bdi>
                      {v.restoredFrom && (
                        <Text size="xs" c="dimmed">
                          {t('rolesPage.restoredFrom', { version: String(v.restoredFrom) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <DiffList diff={v.diff.map((d) => ({ role: d.roleId, added: d.added, removed: d.removed }))} doc={current} compact />
                    </Table.Td>
                    <Table.Td>
                      {v.version !== current.version && (
                        <Button size="xs" variant="subtle" onClick={() => setSelected(v)}>
                          {t('rolesPage.compare')}
                          <VisuallyHidden> {t('rolesPage.version', { version: String(v.version) })}</VisuallyHidden>
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <CursorPager pages={pages} nextCursor={versions.data.cursor} loading={versions.isFetching} />
        </>
      )}
      {selected && <VersionDialog version={selected} current={current} canManage={canManage} onClose={() => setSelected(undefined)} />}
    </Card>
  );
}

function VersionDialog({ version, current, canManage, onClose }: { version: RoleVersion; current: RolesView; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const detail = useRoleVersion(version.version);
  const [note, setNote] = useState('');
  const restore = useMutation({
    mutationFn: () => api.restoreRoleVersion(version.version, { version: current.version, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: async (next) => {
      queryClient.setQueryData(adminKeys.roles, next);
      await queryClient.invalidateQueries({ queryKey: ['roles', 'versions'] });
      onClose();
    },
  });
  // What restoring would change: from the current matrix to that version's.
  const diff = detail.data ? diffMatrices(current.matrix, detail.data.matrix) : [];
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('rolesPage.compareTitle', { version: String(version.version), current: String(current.version) })}
      centered
    >
      <Stack gap="md">
        {detail.isPending ? (
          <Group gap="sm" role="status">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('common.loading')}</Text>
          </Group>
        ) : detail.isError ? (
          <FormAlert error={detail.error} />
        ) : diff.length === 0 ? (
          <Text size="sm">{t('rolesPage.same')}</Text>
        ) : (
          <>
            <Text size="sm">{t('rolesPage.restoreWould')}</Text>
            <DiffList diff={diff} doc={current} />
          </>
        )}
        <FormAlert error={restore.error} />
        {canManage && (
          <TextInput label={t('rolesPage.restoreNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          {canManage && (
            <Button color="orange" onClick={() => restore.mutate()} loading={restore.isPending} disabled={!detail.data}>
              {t('rolesPage.restore', { version: String(version.version) })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
