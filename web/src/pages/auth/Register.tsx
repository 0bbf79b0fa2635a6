import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import * as z from 'zod';
import { useApi } from '../../api/context';
import { identityApi } from '../../api/identity';
import { newPassword, registerInput } from '../../api/schemas';
import { EmailField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { NewPasswordFields } from '../../forms/NewPasswordFields';
import { fieldError, zodResolver } from '../../forms/resolver';
import { currentLanguage } from '../../i18n';
import { AuthLayout } from './AuthLayout';

const registerForm = registerInput
  .omit({ locale: true })
  .extend({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], params: { rule: 'mismatch' } });

/** Customer self-registration; the API emails a verification code. */
export function Register() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const navigate = useNavigate();
  const form = useForm({ resolver: zodResolver(registerForm), defaultValues: { name: '', email: '', password: '', confirm: '' } });
  const submit = useMutation({
    mutationFn: ({ name, email, password }: z.output<typeof registerForm>) =>
      api.register({ name, email, password, locale: currentLanguage() }),
    onSuccess: (_result, { email }) => navigate(`/verify-email?email=${encodeURIComponent(email)}`),
  });
  const { errors } = form.formState;
  return (
    <AuthLayout
      title={t('auth.register.title')}
      lead={t('auth.register.lead')}
      footer={
        <Text size="sm">
          {t('auth.register.haveAccount')}{' '}
          <Anchor component={Link} to="/sign-in">
            {t('auth.signIn.submit')}
          </Anchor>
        </Text>
      }
    >
      <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
        <Stack gap="md">
          <FormAlert error={submit.error} />
          <TextInput label={t('fields.name')} autoComplete="name" required {...form.register('name')} error={fieldError(t, errors.name)} />
          <EmailField {...form.register('email')} error={fieldError(t, errors.email)} />
          <NewPasswordFields form={form} name="password" label={t('fields.password')} />
          <Button type="submit" loading={submit.isPending} fullWidth>
            {t('auth.register.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
