import { Button, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { adminApi } from '../../api/admin';
import { useApi } from '../../api/context';
import { accessRequestInput } from '../../api/schemas';
import { EmailField } from '../../components/fields';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';
import { AuthLayout } from './AuthLayout';

const requestableRoles = accessRequestInput.shape.requestedRole.options;

/** Public form: a future staff member asks for an account; an admin approves or rejects it. */
export function RequestAccess() {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const form = useForm({
    resolver: zodResolver(accessRequestInput),
    defaultValues: { name: '', email: '', requestedRole: 'agent' as const, note: '' },
  });
  const submit = useMutation({ mutationFn: (values: z.output<typeof accessRequestInput>) => api.requestAccess(values) });
  const { errors } = form.formState;
  return (
    <AuthLayout title={t('accessRequest.title')} lead={t('accessRequest.lead')}>
      {submit.isSuccess ? (
        <FormSuccess title={t('accessRequest.sentTitle')}>{t('accessRequest.sent')}</FormSuccess>
      ) : (
        <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
          <Stack gap="md">
            <FormAlert error={submit.error} />
            <TextInput label={t('fields.name')} autoComplete="name" required {...form.register('name')} error={fieldError(t, errors.name)} />
            <EmailField {...form.register('email')} error={fieldError(t, errors.email)} />
            <NativeSelect
              label={t('accessRequest.role')}
              required
              data={requestableRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.register('requestedRole')}
              error={fieldError(t, errors.requestedRole)}
            />
            <Textarea label={t('accessRequest.note')} autosize minRows={3} {...form.register('note')} error={fieldError(t, errors.note)} />
            <Button type="submit" loading={submit.isPending} fullWidth>
              {t('accessRequest.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
