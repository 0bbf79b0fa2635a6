import { Alert, Anchor, Button, Stack, Text, TextInput, PasswordInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi, useSession, useSessionStore } from '../../api/context';
import { identityApi } from '../../api/identity';
import { backupCodeSignInInput, mfaCodeInput, newPassword, newPasswordInput, signInInput, type SignInResult } from '../../api/schemas';
import { authPaths, safeNext } from '../../auth/guards';
import { CodeField, EmailField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { NewPasswordFields } from '../../forms/NewPasswordFields';
import { fieldError, zodResolver } from '../../forms/resolver';
import { AuthLayout } from './AuthLayout';
import * as z from 'zod';

interface Credentials {
  email: string;
  password: string;
}

type Step =
  | { kind: 'credentials' }
  | { kind: 'mfa'; challenge: string; credentials: Credentials }
  | { kind: 'backup'; credentials: Credentials }
  | { kind: 'new_password'; challenge: string; credentials: Credentials };

const backupForm = backupCodeSignInInput.pick({ backupCode: true });
const newPasswordForm = newPasswordInput
  .pick({ newPassword: true })
  .extend({ newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], params: { rule: 'mismatch' } });

/**
 * Sign-in in steps: email + password, then (when the account has 2FA) the authenticator code or a
 * backup code, or a new password when the account was created by an admin. The password stays in
 * this component's memory only, for the backup-code step.
 */
export function SignIn() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const store = useSessionStore();
  const { endReason } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const next = safeNext(params.get('next'));

  function finish(result: SignInResult, credentials: Credentials, { afterBackupCode = false } = {}) {
    switch (result.status) {
      case 'signed_in':
        queryClient.clear();
        store.start(result.tokens, result.sessionId);
        if (afterBackupCode) navigate(`${authPaths.mfaSetup}?reason=backup-code`, { replace: true });
        else if (next) navigate(next, { replace: true });
        return;
      case 'mfa_setup_required':
        queryClient.clear();
        store.start(result.tokens, result.sessionId, { mfaSetupRequired: true });
        navigate(`${authPaths.mfaSetup}${afterBackupCode ? '?reason=backup-code' : ''}`, { replace: true });
        return;
      case 'mfa_required':
        setStep({ kind: 'mfa', challenge: result.challenge, credentials });
        return;
      case 'new_password_required':
        setStep({ kind: 'new_password', challenge: result.challenge, credentials });
        return;
    }
  }

  const footer = (
    <>
      <Text size="sm">
        {t('auth.signIn.noAccount')}{' '}
        <Anchor component={Link} to="/register">
          {t('auth.signIn.register')}
        </Anchor>
      </Text>
      <Text size="sm">
        <Anchor component={Link} to="/request-access">
          {t('auth.signIn.requestAccess')}
        </Anchor>
      </Text>
    </>
  );

  switch (step.kind) {
    case 'credentials':
      return (
        <AuthLayout title={t('auth.signIn.title')} lead={t('auth.signIn.lead')} footer={footer}>
          <CredentialsStep
            endReason={endReason}
            verified={params.get('verified') === '1'}
            reset={params.get('reset') === '1'}
            defaultEmail={params.get('email') ?? ''}
            onSubmit={async (credentials) => {
              store.clearEndReason();
              finish(await api.signIn(credentials), credentials);
            }}
          />
        </AuthLayout>
      );
    case 'mfa':
      return (
        <AuthLayout title={t('auth.mfa.title')} lead={t('auth.mfa.lead')}>
          <MfaStep
            onSubmit={async (code) => finish(await api.signInMfa({ challenge: step.challenge, code }), step.credentials)}
            onUseBackupCode={() => setStep({ kind: 'backup', credentials: step.credentials })}
            onCancel={() => setStep({ kind: 'credentials' })}
          />
        </AuthLayout>
      );
    case 'backup':
      return (
        <AuthLayout title={t('auth.backup.title')} lead={t('auth.backup.lead')}>
          <BackupStep
            onSubmit={async (backupCode) =>
              finish(await api.signInBackupCode({ ...step.credentials, backupCode }), step.credentials, { afterBackupCode: true })
            }
            onCancel={() => setStep({ kind: 'credentials' })}
          />
        </AuthLayout>
      );
    case 'new_password':
      return (
        <AuthLayout title={t('auth.newPassword.title')} lead={t('auth.newPassword.lead')}>
          <NewPasswordStep
            onSubmit={async (newPassword) =>
              finish(await api.signInNewPassword({ challenge: step.challenge, newPassword }), { ...step.credentials, password: newPassword })
            }
          />
        </AuthLayout>
      );
  }
}

function CredentialsStep({
  endReason,
  verified,
  reset,
  defaultEmail,
  onSubmit,
}: {
  endReason: string | undefined;
  verified: boolean;
  reset: boolean;
  defaultEmail: string;
  onSubmit: (values: Credentials) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(signInInput), defaultValues: { email: defaultEmail, password: '' } });
  const submit = useMutation({ mutationFn: onSubmit });
  const { errors } = form.formState;
  const notice =
    endReason === 'session_revoked' || endReason === 'account_disabled' || endReason === 'expired'
      ? { color: 'orange', text: t(`auth.ended.${endReason}`) }
      : endReason === 'signed_out'
        ? { color: 'blue', text: t('auth.ended.signed_out') }
        : verified
          ? { color: 'green', text: t('auth.signIn.verified') }
          : reset
            ? { color: 'green', text: t('auth.signIn.passwordReset') }
            : undefined;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => submit.mutate(values))}>
      <Stack gap="md">
        {notice && (
          <Alert color={notice.color} variant="light" role="status" data-testid="sign-in-notice">
            {notice.text}
          </Alert>
        )}
        <FormAlert error={submit.error} />
        <EmailField autoComplete="username" {...form.register('email')} error={fieldError(t, errors.email)} />
        <PasswordInput
          label={t('fields.password')}
          autoComplete="current-password"
          required
          {...form.register('password')}
          error={fieldError(t, errors.password)}
        />
        <Button type="submit" loading={submit.isPending} fullWidth>
          {t('auth.signIn.submit')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('auth.signIn.forgot')}
        </Anchor>
      </Stack>
    </form>
  );
}

function MfaStep({ onSubmit, onUseBackupCode, onCancel }: { onSubmit: (code: string) => Promise<void>; onUseBackupCode: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(mfaCodeInput, { code: 'code' }), defaultValues: { code: '' } });
  const submit = useMutation({
    mutationFn: onSubmit,
    onError: () => {
      form.reset({ code: '' });
      form.setFocus('code');
    },
  });
  return (
    <form noValidate onSubmit={form.handleSubmit(({ code }) => submit.mutate(code))}>
      <Stack gap="md">
        <FormAlert error={submit.error} />
        <CodeField
          label={t('fields.totpCode')}
          description={t('auth.mfa.hint')}
          required
          data-autofocus
          autoFocus
          {...form.register('code')}
          error={fieldError(t, form.formState.errors.code)}
        />
        <Button type="submit" loading={submit.isPending} fullWidth>
          {t('auth.mfa.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onUseBackupCode} ta="center">
          {t('auth.mfa.useBackupCode')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onCancel} ta="center">
          {t('auth.startOver')}
        </Anchor>
      </Stack>
    </form>
  );
}

function BackupStep({ onSubmit, onCancel }: { onSubmit: (code: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(backupForm, { backupCode: 'code' }), defaultValues: { backupCode: '' } });
  const submit = useMutation({ mutationFn: onSubmit });
  return (
    <form noValidate onSubmit={form.handleSubmit(({ backupCode }) => submit.mutate(backupCode))}>
      <Stack gap="md">
        <FormAlert error={submit.error} />
        <TextInput
          label={t('fields.backupCode')}
          description={t('auth.backup.hint')}
          autoComplete="one-time-code"
          dir="ltr"
          required
          autoFocus
          {...form.register('backupCode')}
          error={fieldError(t, form.formState.errors.backupCode)}
        />
        <Button type="submit" loading={submit.isPending} fullWidth>
          {t('auth.backup.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onCancel} ta="center">
          {t('auth.startOver')}
        </Anchor>
      </Stack>
    </form>
  );
}

function NewPasswordStep({ onSubmit }: { onSubmit: (newPassword: string) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(newPasswordForm), defaultValues: { newPassword: '', confirm: '' } });
  const submit = useMutation({ mutationFn: onSubmit });
  return (
    <form noValidate onSubmit={form.handleSubmit(({ newPassword }) => submit.mutate(newPassword))}>
      <Stack gap="md">
        <FormAlert error={submit.error} />
        <NewPasswordFields form={form} name="newPassword" label={t('fields.newPassword')} />
        <Button type="submit" loading={submit.isPending} fullWidth>
          {t('auth.newPassword.submit')}
        </Button>
      </Stack>
    </form>
  );
}
