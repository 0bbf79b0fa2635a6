import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, PasswordInput, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import * as z from 'zod';
import { useApi, useSession, useSessionStore } from '../../api/context';
import { identityApi, queryKeys, useLoginHistory, useMfaStatus, useSessions } from '../../api/identity';
import { changeEmailInput, changePasswordInput, newPassword, verifyEmailChangeInput, type LoginEvent, type Session } from '../../api/schemas';
import { authPaths } from '../../auth/guards';
import { BackupCodes } from '../../components/BackupCodes';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DateTime } from '../../components/DateTime';
import { CodeField, NewPasswordField } from '../../components/fields';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { describeUserAgent, tOr } from '../../components/text';
import { fieldError, zodResolver } from '../../forms/resolver';
import { PageHeader } from '../PageHeader';
import { CodeDialog } from './CodeDialog';

/** "My security": 2FA, password, email, active sessions and sign-in history of the signed-in user. */
export function MySecurity() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('security.title')} lead={t('security.lead')} />
      <Stack gap="lg" maw={960}>
        <TwoFactorSection />
        <SessionsSection />
        <LoginHistorySection />
        <ChangePasswordSection />
        <ChangeEmailSection />
      </Stack>
    </>
  );
}

function Section({ id, title, children, action }: { id: string; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function Pending() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="xs" aria-hidden />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}

function TwoFactorSection() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const queryClient = useQueryClient();
  const status = useMfaStatus();
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | undefined>();
  const [codes, setCodes] = useState<string[] | undefined>();
  const [disabled, setDisabled] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.mfa });

  let body;
  if (status.isPending) body = <Pending />;
  else if (status.isError) body = <FormAlert error={status.error} />;
  else if (codes) {
    body = <BackupCodes codes={codes} doneLabel={t('common.done')} onDone={() => setCodes(undefined)} />;
  } else if (status.data.enrolled) {
    body = (
      <Stack gap="sm">
        <Group gap="sm">
          <Badge color="green" variant="light" data-testid="mfa-status">
            {t('security.mfa.on')}
          </Badge>
          <Text size="sm">{t('security.mfa.backupRemaining', { count: status.data.backupCodesRemaining })}</Text>
        </Group>
        {status.data.backupCodesRemaining <= 3 && (
          <Alert color="orange" variant="light">
            {t('security.mfa.backupLow')}
          </Alert>
        )}
        <Group>
          <Button variant="light" onClick={() => setDialog('regenerate')}>
            {t('security.mfa.regenerate')}
          </Button>
          <Button variant="light" color="red" onClick={() => setDialog('disable')}>
            {t('security.mfa.disable')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        {disabled && <FormSuccess>{t('security.mfa.disabledDone')}</FormSuccess>}
        <Group gap="sm">
          <Badge color="gray" variant="light" data-testid="mfa-status">
            {t('security.mfa.off')}
          </Badge>
          <Text size="sm">{t('security.mfa.offBody')}</Text>
        </Group>
        <Group>
          <Button component={Link} to={authPaths.mfaSetup}>
            {t('security.mfa.enable')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Section id="sec-2fa" title={t('security.mfa.title')}>
      {body}
      <CodeDialog
        opened={dialog === 'disable'}
        title={t('security.mfa.disableTitle')}
        body={t('security.mfa.disableBody')}
        confirmLabel={t('security.mfa.disable')}
        color="red"
        onClose={() => setDialog(undefined)}
        onConfirm={async (code) => {
          await api.mfaDisable(code);
          setDisabled(true);
          await refresh();
        }}
      />
      <CodeDialog
        opened={dialog === 'regenerate'}
        title={t('security.mfa.regenerateTitle')}
        body={t('security.mfa.regenerateBody')}
        confirmLabel={t('security.mfa.regenerate')}
        onClose={() => setDialog(undefined)}
        onConfirm={async (code) => {
          const result = await api.regenerateBackupCodes(code);
          setCodes(result.backupCodes);
          await refresh();
        }}
      />
    </Section>
  );
}

function Device({ ua }: { ua: string | null | undefined }) {
  const { t } = useTranslation();
  const { browser, os } = describeUserAgent(ua);
  const text = browser && os ? t('security.device', { browser, os }) : (browser ?? os ?? t('security.unknownDevice'));
  return (
    <Text size="sm" title={ua ?? undefined} span>
      {text}
    </Text>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const store = useSessionStore();
  const { sessionId: currentId } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = useSessions();
  const [confirmAll, setConfirmAll] = useState(false);
  const revoke = useMutation({
    mutationFn: (session: Session) => api.revokeSession(session.sessionId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
  const revokeAll = useMutation({
    mutationFn: () => api.revokeAllSessions(),
    onSuccess: () => {
      store.end('signed_out');
      navigate('/sign-in', { replace: true });
    },
  });
  const isCurrent = (s: Session) => s.current || s.sessionId === currentId;

  let body;
  if (sessions.isPending) body = <Pending />;
  else if (sessions.isError) body = <FormAlert error={sessions.error} />;
  else
    body = (
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover data-testid="sessions-table">
          <Table.Caption>{t('security.sessions.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('security.sessions.device')}</Table.Th>
              <Table.Th>{t('security.sessions.ip')}</Table.Th>
              <Table.Th>{t('security.sessions.started')}</Table.Th>
              <Table.Th>{t('security.sessions.lastUsed')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.sessionId}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Device ua={s.userAgent} />
                    {isCurrent(s) && (
                      <Badge size="sm" variant="light">
                        {t('security.sessions.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <bdi dir="ltr">{s.ip ?? '—'}</bdi>
                </Table.Td>
                <Table.Td>
                  <DateTime iso={s.createdAt} />
                </Table.Td>
                <Table.Td>
                  <DateTime iso={s.lastSeenAt} />
                </Table.Td>
                <Table.Td>
                  {!isCurrent(s) && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      loading={revoke.isPending && revoke.variables?.sessionId === s.sessionId}
                      onClick={() => revoke.mutate(s)}
                    >
                      {t('security.sessions.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Section
      id="sec-sessions"
      title={t('security.sessions.title')}
      action={
        <Button variant="light" color="red" size="xs" onClick={() => setConfirmAll(true)}>
          {t('security.sessions.revokeAll')}
        </Button>
      }
    >
      <FormAlert error={revoke.error} />
      {body}
      <Modal opened={confirmAll} onClose={() => setConfirmAll(false)} title={t('security.sessions.revokeAllTitle')} centered>
        <Stack>
          <Text size="sm">{t('security.sessions.revokeAllBody')}</Text>
          <FormAlert error={revokeAll.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmAll(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revokeAll.isPending} onClick={() => revokeAll.mutate()}>
              {t('security.sessions.revokeAll')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

const outcomeColor = (outcome: string) => (outcome === 'success' ? 'green' : outcome === 'locked' ? 'red' : 'orange');

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcomeColor(outcome)} variant="light" tt="none">
      {tOr(t, `security.outcomes.${outcome}`, outcome)}
    </Badge>
  );
}

export function LoginEventsTable({ items, caption, showUser = false }: { items: LoginEvent[]; caption: string; showUser?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="login-history-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('security.history.time')}</Table.Th>
            {showUser && <Table.Th>{t('security.history.user')}</Table.Th>}
            <Table.Th>{t('security.history.outcome')}</Table.Th>
            <Table.Th>{t('security.history.ip')}</Table.Th>
            <Table.Th>{t('security.history.device')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={showUser ? 5 : 4}>
                <Text size="sm" c="dimmed">
                  {t('common.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((e, i) => (
            <Table.Tr key={`${e.at}-${i}`}>
              <Table.Td>
                <DateTime iso={e.at} />
              </Table.Td>
              {showUser && (
                <Table.Td>
                  <bdi>{e.email ?? e.userId ?? '—'}</bdi>
                </Table.Td>
              )}
              <Table.Td>
                <OutcomeBadge outcome={e.outcome} />
              </Table.Td>
              <Table.Td>
                <bdi dir="ltr">{e.ip ?? '—'}</bdi>
              </Table.Td>
              <Table.Td>
                <Device ua={e.userAgent} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function LoginHistorySection() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const history = useLoginHistory(pages.cursor);
  return (
    <Section id="sec-history" title={t('security.history.title')}>
      {history.isPending ? (
        <Pending />
      ) : history.isError ? (
        <FormAlert error={history.error} />
      ) : (
        <>
          <LoginEventsTable items={history.data.items} caption={t('security.history.caption')} />
          <CursorPager pages={pages} nextCursor={history.data.nextCursor} loading={history.isFetching} />
        </>
      )}
    </Section>
  );
}

const changePasswordForm = changePasswordInput
  .extend({ newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], params: { rule: 'mismatch' } });

function ChangePasswordSection() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const form = useForm({ resolver: zodResolver(changePasswordForm), defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });
  const submit = useMutation({
    mutationFn: ({ currentPassword, newPassword }: z.output<typeof changePasswordForm>) => api.changePassword({ currentPassword, newPassword }),
    onSuccess: () => form.reset(),
  });
  const { errors } = form.formState;
  return (
    <Section id="sec-password" title={t('security.password.title')}>
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
          <NewPasswordField
            label={t('fields.newPassword')}
            required
            value={form.watch('newPassword')}
            {...form.register('newPassword')}
            error={fieldError(t, errors.newPassword)}
          />
          <PasswordInput
            label={t('fields.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.register('confirm')}
            error={fieldError(t, errors.confirm)}
          />
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function ChangeEmailSection() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const queryClient = useQueryClient();
  const [pendingEmail, setPendingEmail] = useState<string | undefined>();
  const request = useForm({ resolver: zodResolver(changeEmailInput), defaultValues: { newEmail: '' } });
  const verify = useForm({ resolver: zodResolver(verifyEmailChangeInput, { code: 'code' }), defaultValues: { code: '' } });
  const change = useMutation({
    mutationFn: (values: { newEmail: string }) => api.changeEmail(values),
    onSuccess: (_r, { newEmail }) => setPendingEmail(newEmail),
  });
  const confirm = useMutation({
    mutationFn: (values: { code: string }) => api.verifyEmailChange(values),
    onSuccess: () => {
      setPendingEmail(undefined);
      request.reset();
      verify.reset();
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  return (
    <Section id="sec-email" title={t('security.email.title')}>
      {pendingEmail ? (
        <form noValidate onSubmit={verify.handleSubmit((values) => confirm.mutate(values))}>
          <Stack gap="md" maw={420}>
            <Alert color="blue" variant="light" role="status">
              {t('security.email.sent', { email: pendingEmail })}
            </Alert>
            <FormAlert error={confirm.error} />
            <CodeField kind="email" label={t('fields.emailCode')} required {...verify.register('code')} error={fieldError(t, verify.formState.errors.code)} />
            <Group>
              <Button type="submit" loading={confirm.isPending}>
                {t('security.email.verify')}
              </Button>
              <Anchor component="button" type="button" size="sm" onClick={() => setPendingEmail(undefined)}>
                {t('common.cancel')}
              </Anchor>
            </Group>
          </Stack>
        </form>
      ) : (
        <form noValidate onSubmit={request.handleSubmit((values) => change.mutate(values))}>
          <Stack gap="md" maw={420}>
            {confirm.isSuccess && <FormSuccess>{t('security.email.done')}</FormSuccess>}
            <FormAlert error={change.error} />
            <TextInput
              label={t('fields.newEmail')}
              description={t('security.email.hint')}
              type="email"
              autoComplete="email"
              dir="ltr"
              required
              {...request.register('newEmail')}
              error={fieldError(t, request.formState.errors.newEmail)}
            />
            <Group>
              <Button type="submit" loading={change.isPending}>
                {t('security.email.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
