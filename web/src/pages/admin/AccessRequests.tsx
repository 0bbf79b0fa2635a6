import { Badge, Button, Card, Group, NativeSelect, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { adminApi, useAccessRequests, useRoles } from '../../api/admin';
import { useApi } from '../../api/context';
import { useMe } from '../../api/identity';
import { accessRequestStatus, rejectAccessRequestInput, type AccessRequest } from '../../api/schemas';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DateTime } from '../../components/DateTime';
import { ConfirmDialog, FormDialog } from '../../components/Dialogs';
import { DataTable } from '../../components/DataTable';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { tOr } from '../../components/text';
import { fieldError, zodResolver } from '../../forms/resolver';
import { PageHeader } from '../PageHeader';

const statuses = accessRequestStatus.options;
const statusColor: Record<string, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

/** Staff onboarding queue: approve (account created with the requested role) or reject with a reason. */
export function AccessRequestsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canDecide = me.data?.permissions.includes('users:manage') ?? false;
  const [status, setStatus] = useState<(typeof statuses)[number]>('pending');
  const pages = useCursorPages();
  const requests = useAccessRequests(status, pages.cursor);
  const [dialog, setDialog] = useState<{ kind: 'approve' | 'reject'; request: AccessRequest } | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <>
      <PageHeader title={t('accessRequests.title')} lead={t('accessRequests.lead')} />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('accessRequests.filter')}
          value={status}
          onChange={(value) => {
            setStatus(value as (typeof statuses)[number]);
            pages.reset();
          }}
          data={statuses.map((s) => ({ value: s, label: t(`accessRequests.statuses.${s}`) }))}
          w="fit-content"
        />
        {notice && <FormSuccess>{notice}</FormSuccess>}
        <Card withBorder radius="md" padding="md">
          {requests.isPending ? (
            <Pending />
          ) : requests.isError ? (
            <FormAlert error={requests.error} />
          ) : (
            <>
              <DataTable
                testId="access-requests-table"
                caption={t('accessRequests.caption')}
                columns={[t('accessRequests.received'), t('fields.name'), t('fields.email'), t('accessRequest.role'), t('accessRequest.note'), t('accessRequests.status')]}
                items={requests.data.items}
                empty={t('accessRequests.empty')}
                row={(r) => (
                  <Table.Tr key={r.requestId}>
                    <Table.Td>
                      <DateTime iso={r.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <bdi>{r.name}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">{r.email}</bdi>
                    </Table.Td>
                    <Table.Td>
                      {tOr(t, `roles.${r.requestedRole}`, r.requestedRole)}
                      {r.grantedRole && r.grantedRole !== r.requestedRole && (
                        <Text size="xs" c="dimmed">
                          → {tOr(t, `roles.${r.grantedRole}`, r.grantedRole)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td maw={260} style={{ overflowWrap: 'anywhere' }}>
                      <bdi>{r.note || '—'}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[r.status] ?? 'gray'} variant="light">
                        {tOr(t, `accessRequests.statuses.${r.status}`, r.status)}
                      </Badge>
                      {r.reason && (
                        <Text size="xs" c="dimmed" mt={2}>
                          <bdi>{r.reason}</bdi>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {canDecide && r.status === 'pending' && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'approve', request: r })} aria-label={t('accessRequests.approveFor', { name: r.name })}>
                            {t('accessRequests.approve')}
                          </Button>
                          <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'reject', request: r })} aria-label={t('accessRequests.rejectFor', { name: r.name })}>
                            {t('accessRequests.reject')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )}
              />
              <CursorPager pages={pages} nextCursor={requests.data.cursor} loading={requests.isFetching} />
            </>
          )}
        </Card>
      </Stack>
      {dialog?.kind === 'approve' && (
        <ApproveDialog
          request={dialog.request}
          onClose={() => setDialog(undefined)}
          onDone={(m) => {
            setNotice(m);
            setDialog(undefined);
          }}
        />
      )}
      {dialog?.kind === 'reject' && (
        <RejectDialog
          request={dialog.request}
          onClose={() => setDialog(undefined)}
          onDone={(m) => {
            setNotice(m);
            setDialog(undefined);
          }}
        />
      )}
    </>
  );
}

function ApproveDialog({ request, onClose, onDone }: { request: AccessRequest; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [grant, setGrant] = useState(request.requestedRole);
  const options = (roles.data?.roles ?? [])
    .filter((r) => r.staff)
    .map((r) => ({ value: r.roleId, label: tOr(t, `roles.${r.roleId}`, r.name) }));
  if (!options.some((o) => o.value === request.requestedRole)) {
    options.unshift({ value: request.requestedRole, label: tOr(t, `roles.${request.requestedRole}`, request.requestedRole) });
  }
  const role = options.find((o) => o.value === grant)?.label ?? grant;
  const approve = useMutation({
    mutationFn: () => api.approveAccessRequest(request.requestId, grant !== request.requestedRole ? grant : undefined),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['access-requests'] }), queryClient.invalidateQueries({ queryKey: ['users'] })]);
      onDone(t('accessRequests.approved', { name: request.name }));
    },
  });
  return (
    <ConfirmDialog
      title={t('accessRequests.approveTitle', { name: request.name })}
      error={approve.error}
      confirmLabel={t('accessRequests.approve')}
      loading={approve.isPending}
      autoFocus
      onConfirm={() => approve.mutate()}
      onClose={onClose}
    >
      <NativeSelect label={t('accessRequests.grantRole')} value={grant} onChange={(e) => setGrant(e.currentTarget.value)} data={options} />
      <Text size="sm">{t('accessRequests.approveBody', { email: request.email, role })}</Text>
    </ConfirmDialog>
  );
}

function RejectDialog({ request, onClose, onDone }: { request: AccessRequest; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(rejectAccessRequestInput), defaultValues: { reason: '' } });
  const reject = useMutation({
    mutationFn: ({ reason }: { reason: string }) => api.rejectAccessRequest(request.requestId, reason),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['access-requests'] });
      onDone(t('accessRequests.rejected', { name: request.name }));
    },
  });
  return (
    <FormDialog
      title={t('accessRequests.rejectTitle', { name: request.name })}
      confirmLabel={t('accessRequests.reject')}
      color="red"
      loading={reject.isPending}
      onSubmit={form.handleSubmit((values) => reject.mutate(values))}
      onClose={onClose}
    >
      <Text size="sm">{t('accessRequests.rejectBody')}</Text>
      <FormAlert error={reject.error} />
      <Textarea
        label={t('accessRequests.reason')}
        required
        autosize
        minRows={3}
        data-autofocus
        {...form.register('reason')}
        error={fieldError(t, form.formState.errors.reason)}
      />
    </FormDialog>
  );
}
