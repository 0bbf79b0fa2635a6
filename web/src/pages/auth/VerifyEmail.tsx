import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/context';
import { identityApi } from '../../api/identity';
import { verifyRegistrationInput } from '../../api/schemas';
import { CodeField, EmailField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';
import { AuthLayout } from './AuthLayout';

/** The code from the registration email confirms the address; then the customer signs in. */
export function VerifyEmail() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const form = useForm({ resolver: zodResolver(verifyRegistrationInput, { code: 'code' }), defaultValues: { email, code: '' } });
  const submit = useMutation({
    mutationFn: (values: { email: string; code: string }) => api.verifyRegistration(values),
    onSuccess: (_r, values) => navigate(`/sign-in?verified=1&email=${encodeURIComponent(values.email)}`),
  });
  const { errors } = form.formState;
  return (
    <AuthLayout title={t('auth.verify.title')} lead={email ? t('auth.verify.leadTo', { email }) : t('auth.verify.lead')}>
      <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
        <Stack gap="md">
          <FormAlert error={submit.error} />
          <EmailField {...form.register('email')} error={fieldError(t, errors.email)} />
          <CodeField kind="email" label={t('fields.emailCode')} required autoFocus={!!email} {...form.register('code')} error={fieldError(t, errors.code)} />
          <Button type="submit" loading={submit.isPending} fullWidth>
            {t('auth.verify.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
