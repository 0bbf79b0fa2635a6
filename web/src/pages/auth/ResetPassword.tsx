import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod';
import { useApi } from '../../api/context';
import { identityApi } from '../../api/identity';
import { newPassword, resetPasswordInput } from '../../api/schemas';
import { CodeField, EmailField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { NewPasswordFields } from '../../forms/NewPasswordFields';
import { fieldError, zodResolver } from '../../forms/resolver';
import { AuthLayout, BackToSignIn } from './AuthLayout';

const resetForm = resetPasswordInput
  .extend({ newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], params: { rule: 'mismatch' } });

/** The emailed code and a new password. */
export function ResetPassword() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const form = useForm({
    resolver: zodResolver(resetForm, { code: 'code' }),
    defaultValues: { email, code: '', newPassword: '', confirm: '' },
  });
  const submit = useMutation({
    mutationFn: ({ email, code, newPassword }: z.output<typeof resetForm>) => api.resetPassword({ email, code, newPassword }),
    onSuccess: (_r, values) => navigate(`/sign-in?reset=1&email=${encodeURIComponent(values.email)}`),
  });
  const { errors } = form.formState;
  return (
    <AuthLayout
      title={t('auth.reset.title')}
      lead={t('auth.reset.lead')}
      footer={<BackToSignIn />}
    >
      <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
        <Stack gap="md">
          {params.get('sent') === '1' && (
            <Alert color="blue" variant="light" role="status">
              {t('auth.forgot.sent')}
            </Alert>
          )}
          <FormAlert error={submit.error} />
          <EmailField autoComplete="username" {...form.register('email')} error={fieldError(t, errors.email)} />
          <CodeField kind="email" label={t('fields.emailCode')} required {...form.register('code')} error={fieldError(t, errors.code)} />
          <NewPasswordFields form={form} name="newPassword" label={t('fields.newPassword')} />
          <Button type="submit" loading={submit.isPending} fullWidth>
            {t('auth.reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
