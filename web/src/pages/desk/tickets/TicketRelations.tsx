import { Anchor, Badge, Button, CloseButton, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { maxTagsPerTicket } from '../../../../../shared/tickets/organisation-schemas';
import { ticketNumberSchema } from '../../../../../shared/tickets/schemas';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { ticketDeskApi, translateDeskError, useTicketTags } from '../../../api/ticketDesk';
import { ticketsApi, useRefreshTicket, useTicket, type TicketView } from '../../../api/tickets';
import { ticketPath } from '../../../app/nav';
import { ConfirmDialog } from '../../../components/Dialogs';
import { FormAlert } from '../../../components/FormAlert';
import { PanelSection } from './TicketProperties';
import { StatusBadge } from '../../../components/tickets/Badges';

function useCanUpdate() {
  const me = useMe();
  return me.data?.permissions.includes('tickets:update') ?? false;
}

/** Tags: remove one, add one of the defined tags (admins define them with their colour). */
export function TagsSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const desk = ticketDeskApi(useApi());
  const refresh = useRefreshTicket();
  const canUpdate = useCanUpdate();
  const tags = useTicketTags();
  const colour = new Map((tags.data?.items ?? []).map((g) => [g.name, g.colour]));
  const [name, setName] = useState('');
  const change = useMutation({
    mutationFn: (v: { add?: string[]; remove?: string[] }) => desk.changeTags(ticket.ticketId, { version: ticket.version, ...v }),
    onSettled: () => refresh(ticket.ticketId),
  });
  const current = ticket.tags ?? [];
  const available = (tags.data?.items ?? []).filter((g) => !current.includes(g.name));
  return (
    <PanelSection title={td('tags')} testId="ticket-tags">
      <Group gap={6}>
        {current.length === 0 && <Text size="sm" c="dimmed">{td('noTags')}</Text>}
        {current.map((g) => (
          <Badge
            key={g}
            variant="light"
            color={colour.get(g) ?? 'gray'}
            rightSection={canUpdate ? <CloseButton size="xs" aria-label={td('removeTag', { name: g })} onClick={() => change.mutate({ remove: [g] })} /> : undefined}
          >
            {g}
          </Badge>
        ))}
      </Group>
      {canUpdate && current.length < maxTagsPerTicket && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <NativeSelect
            label={td('addTag')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data={[{ value: '', label: available.length ? td('choose') : td('noMoreTags') }, ...available.map((g) => ({ value: g.name, label: g.name }))]}
            style={{ flex: 1 }}
          />
          <Button variant="light" onClick={() => change.mutate({ add: [name] }, { onSuccess: () => setName('') })} loading={change.isPending} disabled={!name}>
            {td('add')}
          </Button>
        </Group>
      )}
      <FormAlert error={change.error ? translateDeskError(t, change.error) : null} />
    </PanelSection>
  );
}

/** One linked ticket: its number, subject and status (read on demand). */
function LinkedTicket({ ticketId, onUnlink }: { ticketId: string; onUnlink?: (() => void) | undefined }) {
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const linked = useTicket(ticketId);
  const label = linked.data ? `#${linked.data.number}` : ticketId;
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor component={Link} to={ticketPath(ticketId)} size="sm">
          <bdi dir="ltr">{label}</bdi> <bdi>{linked.data?.subject ?? ''}</bdi>
        </Anchor>
        {linked.data && <StatusBadge status={linked.data.status} />}
      </Stack>
      {onUnlink && <CloseButton size="sm" aria-label={td('unlink', { number: label })} onClick={onUnlink} />}
    </Group>
  );
}

/** Finds a ticket by its number (as typed: "482913" or "#482913"). */
function useLookup() {
  const core = ticketsApi(useApi());
  return useMutation({
    mutationFn: (typed: string) => {
      const parsed = ticketNumberSchema.safeParse(typed);
      if (!parsed.success) throw new Error('number');
      return core.byNumber(parsed.data);
    },
  });
}

/** Related tickets (symmetric links), follow-up/merge origins, and "merge into another ticket". */
export function LinksSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const desk = ticketDeskApi(useApi());
  const refresh = useRefreshTicket();
  const canUpdate = useCanUpdate();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const [mergeOpen, setMergeOpen] = useState(false);
  const lookup = useLookup();
  const link = useMutation({
    mutationFn: async (typed: string) => desk.link(ticket.ticketId, (await lookup.mutateAsync(typed)).ticketId),
    onSuccess: async () => {
      setNumber('');
      await refresh(ticket.ticketId);
    },
  });
  const unlink = useMutation({ mutationFn: (other: string) => desk.unlink(ticket.ticketId, other), onSuccess: () => refresh(ticket.ticketId) });
  const error = link.error ?? unlink.error;
  const numberError = error instanceof Error && error.message === 'number' && !('code' in error);
  return (
    <PanelSection title={td('links')} testId="ticket-links">
      {ticket.followUpOf && (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">{td('followUpOf')}</Text>
          <LinkedTicket ticketId={ticket.followUpOf} />
        </Stack>
      )}
      {ticket.mergedInto && (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">{td('mergedInto')}</Text>
          <LinkedTicket ticketId={ticket.mergedInto} />
        </Stack>
      )}
      {(ticket.linkedTicketIds ?? []).length === 0 && <Text size="sm" c="dimmed">{td('noLinks')}</Text>}
      {(ticket.linkedTicketIds ?? []).map((other) => (
        <LinkedTicket key={other} ticketId={other} onUnlink={canUpdate ? () => unlink.mutate(other) : undefined} />
      ))}
      {canUpdate && (
        <>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={td('linkNumber')}
              placeholder={td('linkNumber')}
              dir="ltr"
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={numberError ? td('numberInvalid') : undefined}
              style={{ flex: 1 }}
            />
            <Button variant="light" disabled={!number.trim()} loading={link.isPending} onClick={() => link.mutate(number)}>
              {td('link')}
            </Button>
          </Group>
          {!numberError && <FormAlert error={error ? translateDeskError(t, error) : null} />}
          {!ticket.mergedInto && ticket.status !== 'closed' && (
            <Button size="xs" variant="subtle" color="orange" onClick={() => setMergeOpen(true)}>
              {td('merge')}
            </Button>
          )}
        </>
      )}
      {mergeOpen && (
        <MergeDialog
          ticket={ticket}
          onClose={() => setMergeOpen(false)}
          onMerged={async (targetId) => {
            setMergeOpen(false);
            await refresh(ticket.ticketId);
            await navigate(ticketPath(targetId));
          }}
        />
      )}
    </PanelSection>
  );
}

/** Merge this ticket (a duplicate) into another of the same customer: find the target by number, confirm. */
function MergeDialog({ ticket, onClose, onMerged }: { ticket: TicketView; onClose: () => void; onMerged: (targetId: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const desk = ticketDeskApi(useApi());
  const lookup = useLookup();
  const [number, setNumber] = useState('');
  const target = lookup.data;
  const merge = useMutation({
    mutationFn: () => desk.merge(ticket.ticketId, { targetTicketId: target!.ticketId, version: ticket.version, targetVersion: target!.version }),
    onSuccess: (result) => onMerged(result.targetTicketId),
  });
  const lookupFailed = lookup.error instanceof Error && lookup.error.message === 'number' && !('code' in lookup.error);
  return (
    <ConfirmDialog
      title={td('mergeTitle', { number: ticket.number })}
      confirmLabel={td('mergeConfirm')}
      color="orange"
      loading={merge.isPending}
      error={merge.error ? translateDeskError(t, merge.error) : null}
      onConfirm={() => (target && target.ticketId !== ticket.ticketId ? merge.mutate() : number.trim() && lookup.mutate(number))}
      onClose={onClose}
    >
      <Text size="sm">{td('mergeHint')}</Text>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label={td('mergeTarget')}
          dir="ltr"
          value={number}
          onChange={(e) => {
            setNumber(e.currentTarget.value);
            lookup.reset();
          }}
          error={lookupFailed ? td('numberInvalid') : undefined}
          data-autofocus
          style={{ flex: 1 }}
        />
        <Button mt={24} variant="light" loading={lookup.isPending} disabled={!number.trim()} onClick={() => lookup.mutate(number)}>
          {td('find')}
        </Button>
      </Group>
      {!lookupFailed && <FormAlert error={lookup.error} />}
      {target && target.ticketId === ticket.ticketId && <Text size="sm" c="red">{td('mergeSelf')}</Text>}
      {target && target.ticketId !== ticket.ticketId && (
        <Text size="sm" data-testid="merge-target">
          {td('mergeInto', { number: target.number, subject: target.subject })}
        </Text>
      )}
    </ConfirmDialog>
  );
}
