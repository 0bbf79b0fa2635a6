import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { useApi } from '../../api/context';
import { identityApi } from '../../api/identity';
import { changePasswordInput, newPassword } from '../../api/schemas';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { NewPasswordFields } from '../../forms/NewPasswordFields';
import { fieldError, zodResolver } from '../../forms/resolver';
import { SecurityCard } from './SecurityCard';

/** Change password: the current one, and a new one that meets the policy. */
const changePasswordForm = changePasswordInput
  .extend({ newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], params: { rule: 'mismatch' } });

export function PasswordCard() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const form = useForm({ resolver: zodResolver(changePasswordForm), defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });
  const submit = useMutation({
    mutationFn: ({ currentPassword, newPassword }: z.output<typeof changePasswordForm>) => api.changePassword({ currentPassword, newPassword }),
    onSuccess: () => form.reset(),
  });
  const { errors } = form.formState;
  return (
    <SecurityCard id="sec-password" title={t('security.password.title')}>
      <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
        <Stack gap="md" maw={420}>
          {submit.isSuccess && <FormSuccess>{t('security.password.done')}</FormSuccess>}
          <FormAlert error={submit.error} />
          <PasswordInput
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.register('currentPassword')}
            error={fieldError(t, errors.currentPassword)}
          />
          <NewPasswordFields form={form} name="newPassword" label={t('fields.newPassword')} />
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SecurityCard>
  );
}
