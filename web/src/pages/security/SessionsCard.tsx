import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi, useSession, useSessionStore } from '../../api/context';
import { identityApi, queryKeys, useSessions } from '../../api/identity';
import type { Session } from '../../api/schemas';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { ConfirmDialog } from '../../components/Dialogs';
import { FormAlert } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { Device } from './Device';
import { SecurityCard } from './SecurityCard';

/** The user's active sessions: revoke one, or all (which signs this one out too). */
export function SessionsCard() {
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
      <DataTable
        testId="sessions-table"
        highlightOnHover
        minWidth={560}
        caption={t('security.sessions.caption')}
        columns={[t('security.sessions.device'), t('security.sessions.ip'), t('security.sessions.started'), t('security.sessions.lastUsed')]}
        items={sessions.data.items}
        row={(s) => (
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
        )}
      />
    );

  return (
    <SecurityCard
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
      <ConfirmDialog
        opened={confirmAll}
        title={t('security.sessions.revokeAllTitle')}
        error={revokeAll.error}
        confirmLabel={t('security.sessions.revokeAll')}
        color="red"
        loading={revokeAll.isPending}
        onConfirm={() => revokeAll.mutate()}
        onClose={() => setConfirmAll(false)}
      >
        <Text size="sm">{t('security.sessions.revokeAllBody')}</Text>
      </ConfirmDialog>
    </SecurityCard>
  );
}
