import { Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { adminApi, adminKeys } from '../../api/admin';
import { useApi } from '../../api/context';
import { createRoleInput } from '../../api/schemas';
import { ConfirmDialog, FormDialog } from '../../components/Dialogs';
import { FormAlert } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';

const roleForm = createRoleInput.extend({ description: z.string().trim().max(500) });


/** Adds a custom role (no permissions until the matrix gives it some). */
export function CreateRoleDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
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
    <FormDialog
      opened={opened}
      title={t('rolesPage.createRole')}
      confirmLabel={t('rolesPage.createRole')}
      loading={create.isPending}
      onSubmit={form.handleSubmit((values) => create.mutate(values))}
      onClose={onClose}
    >
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
    </FormDialog>
  );
}

/** Deletes a custom role. */
export function DeleteRoleDialog({ roleId, label, onClose }: { roleId: string; label: string; onClose: () => void }) {
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
    <ConfirmDialog
      title={t('rolesPage.deleteTitle', { role: label })}
      error={remove.error}
      confirmLabel={t('rolesPage.deleteRole')}
      color="red"
      loading={remove.isPending}
      autoFocus
      onConfirm={() => remove.mutate()}
      onClose={onClose}
    >
      <Text size="sm">{t('rolesPage.deleteBody')}</Text>
    </ConfirmDialog>
  );
}
