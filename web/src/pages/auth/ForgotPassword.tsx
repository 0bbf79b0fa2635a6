import { Anchor, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../api/context';
import { identityApi } from '../../api/identity';
import { forgotPasswordInput } from '../../api/schemas';
import { EmailField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';
import { AuthLayout, BackToSignIn } from './AuthLayout';

/** Asks for a reset code. The API answers the same whether or not the address exists, and so does this page. */
export function ForgotPassword() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const navigate = useNavigate();
  const form = useForm({ resolver: zodResolver(forgotPasswordInput), defaultValues: { email: '' } });
  const submit = useMutation({
    mutationFn: (values: { email: string }) => api.forgotPassword(values),
    onSuccess: (_r, { email }) => navigate(`/reset-password?email=${encodeURIComponent(email)}&sent=1`),
  });
  return (
    <AuthLayout
      title={t('auth.forgot.title')}
      lead={t('auth.forgot.lead')}
      footer={<BackToSignIn />}
    >
      <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
        <Stack gap="md">
          <FormAlert error={submit.error} />
          <EmailField {...form.register('email')} error={fieldError(t, form.formState.errors.email)} />
          <Button type="submit" loading={submit.isPending} fullWidth>
            {t('auth.forgot.submit')}
          </Button>
          <Anchor component={Link} to="/reset-password" size="sm" ta="center">
            {t('auth.forgot.haveCode')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
