import { Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketPriorities } from '../../../../../shared/tickets/schemas';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { flattenCategories, ticketDeskApi, translateDeskError, useStaffDirectory, useSupportGroups, useTicketCategories } from '../../../api/ticketDesk';
import { ticketsApi, useRefreshTicket, type TicketView } from '../../../api/tickets';
import { ConfirmDialog } from '../../../components/Dialogs';
import { FormAlert } from '../../../components/FormAlert';
import { StatusBadge } from '../../../components/tickets/Badges';

/** One titled block of the side panel. */
export function PanelSection({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      <Stack gap="xs">{children}</Stack>
    </Card>
  );
}

/** A mutation on this ticket that refreshes it (and its timeline, conversation, the queues) once done: after a 409 the panel shows the current version. */
function useTicketChange<V>(ticketId: string, fn: (v: V) => Promise<unknown>) {
  const refresh = useRefreshTicket();
  return useMutation({ mutationFn: fn, onSettled: () => refresh(ticketId) });
}

/** Status: only the moves the API allows now; QC pass/fail (with a reason) for holders of tickets:qc. */
export function StatusSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const core = ticketsApi(useApi());
  const me = useMe();
  const canUpdate = me.data?.permissions.includes('tickets:update') ?? false;
  const canQc = me.data?.permissions.includes('tickets:qc') ?? false;
  const moves = (ticket.allowedTransitions ?? []).filter((s) => s !== 'qc_pass' && s !== 'qc_fail');
  const [to, setTo] = useState('');
  const [qcFail, setQcFail] = useState(false);
  const [reason, setReason] = useState('');
  const change = useTicketChange(ticket.ticketId, (v: { status: TicketView['status']; reason?: string }) =>
    core.changeStatus(ticket.ticketId, { version: ticket.version, ...v }),
  );
  const qc = ticket.status === 'waiting_qc' && canQc && (ticket.allowedTransitions ?? []).includes('qc_pass');
  return (
    <PanelSection title={td('status')} testId="ticket-status-panel">
      <Group gap="xs">
        <StatusBadge status={ticket.status} />
        {ticket.qcRequired && <Text size="xs" c="dimmed">{td('qcRequired')}</Text>}
      </Group>
      {ticket.qcOutcome && (
        <Text size="sm">
          {td(ticket.qcOutcome === 'pass' ? 'qcPassed' : 'qcFailed')}
          {ticket.qcReason ? `: ${ticket.qcReason}` : ''}
        </Text>
      )}
      {canUpdate && moves.length > 0 && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <NativeSelect
            label={td('moveTo')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            data={[{ value: '', label: td('choose') }, ...moves.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))]}
            style={{ flex: 1 }}
          />
          <Button
            disabled={!to}
            loading={change.isPending}
            onClick={() => change.mutate({ status: to as TicketView['status'] }, { onSuccess: () => setTo('') })}
          >
            {td('apply')}
          </Button>
        </Group>
      )}
      {canUpdate && moves.length === 0 && !qc && <Text size="sm" c="dimmed">{td('noMoves')}</Text>}
      {qc && (
        <Group gap="xs">
          <Button color="green" variant="light" loading={change.isPending && change.variables?.status === 'qc_pass'} onClick={() => change.mutate({ status: 'qc_pass' })}>
            {td('qcPass')}
          </Button>
          <Button color="red" variant="light" onClick={() => setQcFail(true)}>
            {td('qcFail')}
          </Button>
        </Group>
      )}
      {!qcFail && <FormAlert error={change.error ? translateDeskError(t, change.error) : null} />}
      {qcFail && (
        <ConfirmDialog
          title={td('qcFailTitle')}
          confirmLabel={td('qcFail')}
          color="red"
          loading={change.isPending}
          error={change.error ? translateDeskError(t, change.error) : null}
          onConfirm={() => reason.trim() && change.mutate({ status: 'qc_fail', reason: reason.trim() }, { onSuccess: () => setQcFail(false) })}
          onClose={() => setQcFail(false)}
        >
          <Textarea label={td('qcReason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus error={reason.trim() ? undefined : td('reasonNeeded')} />
        </ConfirmDialog>
      )}
    </PanelSection>
  );
}

/** Priority and category (PATCH /tickets/{ticketId}). */
export function PropertiesSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const core = ticketsApi(useApi());
  const me = useMe();
  const canUpdate = me.data?.permissions.includes('tickets:update') ?? false;
  const categories = useTicketCategories(true);
  const flat = flattenCategories(categories.data?.items ?? []);
  const update = useTicketChange(ticket.ticketId, (v: { priority?: TicketView['priority']; categoryId?: string }) => core.update(ticket.ticketId, { version: ticket.version, ...v }));
  return (
    <PanelSection title={td('properties')}>
      <NativeSelect
        label={t('tickets.fields.priority')}
        value={ticket.priority}
        disabled={!canUpdate || update.isPending}
        onChange={(e) => update.mutate({ priority: e.currentTarget.value as TicketView['priority'] })}
        data={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))}
      />
      <NativeSelect
        label={t('tickets.fields.category')}
        value={ticket.categoryId}
        disabled={!canUpdate || update.isPending}
        onChange={(e) => update.mutate({ categoryId: e.currentTarget.value })}
        data={[
          ...(flat.some((c) => c.node.categoryId === ticket.categoryId) ? [] : [{ value: ticket.categoryId, label: ticket.categoryId }]),
          ...flat.map((c) => ({ value: c.node.categoryId, label: c.path, disabled: !c.node.active && c.node.categoryId !== ticket.categoryId })),
        ]}
      />
      <FormAlert error={update.error ? translateDeskError(t, update.error) : null} />
    </PanelSection>
  );
}

/** Group (transfer with a reason) and assignee (assign to a member of the group, to me, or unassign). */
export function AssignmentSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const desk = ticketDeskApi(useApi());
  const me = useMe();
  const canAssign = me.data?.permissions.includes('tickets:assign') ?? false;
  const groups = useSupportGroups();
  const staff = useStaffDirectory();
  const members = ticket.groupId ? (staff.membersOf.get(ticket.groupId) ?? []) : [];
  const groupName = (groups.data?.items ?? []).find((g) => g.groupId === ticket.groupId)?.name;
  const [assignee, setAssignee] = useState('');
  const [transfer, setTransfer] = useState(false);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const assign = useTicketChange(ticket.ticketId, (assigneeId: string) => desk.assign(ticket.ticketId, { version: ticket.version, assigneeId }));
  const unassign = useTicketChange(ticket.ticketId, () => desk.unassign(ticket.ticketId, { version: ticket.version }));
  const move = useTicketChange(ticket.ticketId, () => desk.transfer(ticket.ticketId, { version: ticket.version, groupId: target, reason: reason.trim() }));
  const meIsMember = members.some((m) => m.userId === me.data?.userId);
  const error = assign.error ?? unassign.error;
  return (
    <PanelSection title={td('assignment')} testId="ticket-assignment">
      <Text size="sm">
        {td('group')}: <bdi>{groupName ?? ticket.groupId ?? '—'}</bdi>
      </Text>
      <Text size="sm">
        {td('assignee')}:{' '}
        {ticket.assigneeId ? <bdi>{ticket.assigneeId === me.data?.userId ? td('me') : (staff.names.get(ticket.assigneeId) ?? ticket.assigneeId)}</bdi> : td('unassigned')}
      </Text>
      {canAssign && (
        <>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NativeSelect
              label={td('assignTo')}
              value={assignee}
              onChange={(e) => setAssignee(e.currentTarget.value)}
              data={[
                { value: '', label: td('choose') },
                ...members.map((m) => ({ value: m.userId, label: m.available ? m.name : `${m.name} (${td('away')})`, disabled: m.userId === ticket.assigneeId })),
              ]}
              style={{ flex: 1 }}
            />
            <Button disabled={!assignee} loading={assign.isPending} onClick={() => assign.mutate(assignee, { onSuccess: () => setAssignee('') })}>
              {td('assign')}
            </Button>
          </Group>
          <Group gap="xs">
            {meIsMember && ticket.assigneeId !== me.data?.userId && (
              <Button size="xs" variant="light" loading={assign.isPending && assign.variables === me.data?.userId} onClick={() => me.data && assign.mutate(me.data.userId)}>
                {td('assignMe')}
              </Button>
            )}
            {ticket.assigneeId && (
              <Button size="xs" variant="subtle" color="gray" loading={unassign.isPending} onClick={() => unassign.mutate(undefined)}>
                {td('unassign')}
              </Button>
            )}
            <Button size="xs" variant="subtle" onClick={() => setTransfer(true)}>
              {td('transfer')}
            </Button>
          </Group>
          <FormAlert error={error ? translateDeskError(t, error) : null} />
        </>
      )}
      {transfer && (
        <ConfirmDialog
          title={td('transferTitle')}
          confirmLabel={td('transfer')}
          loading={move.isPending}
          error={move.error ? translateDeskError(t, move.error) : null}
          onConfirm={() => target && reason.trim() && move.mutate(undefined, { onSuccess: () => setTransfer(false) })}
          onClose={() => setTransfer(false)}
        >
          <Text size="sm">{td('transferHint')}</Text>
          <NativeSelect
            label={td('targetGroup')}
            required
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[{ value: '', label: td('choose') }, ...(groups.data?.items ?? []).filter((g) => g.groupId !== ticket.groupId).map((g) => ({ value: g.groupId, label: g.name }))]}
            data-autofocus
          />
          <Textarea label={td('transferReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        </ConfirmDialog>
      )}
    </PanelSection>
  );
}
