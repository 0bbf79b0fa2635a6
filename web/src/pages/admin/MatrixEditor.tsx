import { Alert, Button, Card, Checkbox, Code, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { adminApi, adminKeys } from '../../api/admin';
import { isApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { adminLockoutGuard, saveMatrixInput, type RolesView } from '../../api/schemas';
import { DateTime } from '../../components/DateTime';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { tOr } from '../../components/text';
import { fieldError, zodResolver } from '../../forms/resolver';
import { CreateRoleDialog, DeleteRoleDialog } from './CustomRoles';
import { DiffList, roleLabel } from './RoleDiffList';
import { actionOf, countChanges, diffMatrices, groupByResource, toDraft, toMatrix, type Draft } from './roleMatrix';

/** The admin row must keep these (the API answers `admin_lockout` otherwise): shown ticked, not editable. */
const isLocked = (role: string, permission: string) => role === 'admin' && (adminLockoutGuard as readonly string[]).includes(permission);
/** The API takes an optional note; this editor asks for one, so the version history says why. */
const noteForm = saveMatrixInput.pick({ note: true }).extend({ note: z.string().trim().min(1).max(500) });

/** Roles × permissions grouped by resource; saved with a note as a new version. */
export function MatrixEditor({ doc, canManage }: { doc: RolesView; canManage: boolean }) {
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
