import { Badge, Button, CloseButton, Group, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatcherPreferences, WatcherView } from '../../../../../shared/tickets/organisation-schemas';
import { contactKeys, contactsApi } from '../../../api/contacts';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { deskKeys, ticketDeskApi, translateDeskError, useStaffDirectory, useTicketWatchers } from '../../../api/ticketDesk';
import type { TicketView } from '../../../api/tickets';
import { FormAlert } from '../../../components/FormAlert';
import { PanelSection } from './TicketProperties';

const preferenceKeys = ['reply', 'status', 'assignment'] as const satisfies readonly (keyof WatcherPreferences)[];

/**
 * Watchers: who is told about this ticket and about what (replies, status, assignment). Add a
 * staff member, a contact of the ticket's customer who may see it, or myself; edit each
 * watcher's switches; remove.
 */
export function WatchersSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('translation', { keyPrefix: 'tickets.desk.panel' });
  const api = useApi();
  const desk = ticketDeskApi(api);
  const me = useMe();
  const permissions = me.data?.permissions ?? [];
  const canUpdate = permissions.includes('tickets:update');
  const queryClient = useQueryClient();
  const watchers = useTicketWatchers(ticket.ticketId);
  const staff = useStaffDirectory();
  const contacts = useQuery({
    queryKey: contactKeys.contacts(ticket.customerId),
    queryFn: ({ signal }) => contactsApi(api).contacts(ticket.customerId, signal),
    enabled: canUpdate && permissions.includes('contacts:read'),
  });
  const [userId, setUserId] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: deskKeys.watchers(ticket.ticketId) });
  const add = useMutation({ mutationFn: (id: string) => desk.addWatcher(ticket.ticketId, id), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => desk.removeWatcher(ticket.ticketId, id), onSuccess: refresh });
  const prefer = useMutation({
    mutationFn: ({ watcher, key, on }: { watcher: WatcherView; key: keyof WatcherPreferences; on: boolean }) =>
      desk.watcherPreferences(ticket.ticketId, watcher.userId, { reply: watcher.reply, status: watcher.status, assignment: watcher.assignment, [key]: on }),
    // The answer is the watcher as stored: shown at once, without waiting for the list again.
    onSuccess: (saved) =>
      queryClient.setQueryData(deskKeys.watchers(ticket.ticketId), (list: { items: WatcherView[] } | undefined) =>
        list ? { ...list, items: list.items.map((w) => (w.userId === saved.userId ? saved : w)) } : list,
      ),
    onError: refresh,
  });
  /** The switch being saved: set in the click handler itself, so the switch turns at once (not a render later). */
  const [saving, setSaving] = useState<{ userId: string; key: keyof WatcherPreferences; on: boolean } | null>(null);
  const shown = (w: WatcherView, key: keyof WatcherPreferences) => (saving && saving.userId === w.userId && saving.key === key ? saving.on : w[key]);
  const toggle = (watcher: WatcherView, key: keyof WatcherPreferences, on: boolean) => {
    setSaving({ userId: watcher.userId, key, on });
    prefer.mutate({ watcher, key, on }, { onSettled: () => setSaving(null) });
  };
  const items = watchers.data?.items ?? [];
  const watching = new Set(items.map((w) => w.userId));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const staffChoices = [...staff.names.entries()].filter(([id]) => !watching.has(id)).map(([value, name]) => ({ value, name })).sort(byName);
  // Contacts who may see the ticket: its requester, owners, holders of "sees tickets".
  const contactChoices = (contacts.data?.items ?? [])
    .filter((c) => !watching.has(c.userId) && (c.userId === ticket.requesterId || c.role === 'owner' || c.canSeeTickets))
    .map((c) => ({ value: c.userId, name: c.name }))
    .sort(byName);
  const options = [
    { value: '', label: td('choose') },
    ...(staffChoices.length ? [{ group: td('watcherGroups.staff'), items: staffChoices.map((c) => ({ value: c.value, label: c.name })) }] : []),
    ...(contactChoices.length ? [{ group: td('watcherGroups.contact'), items: contactChoices.map((c) => ({ value: c.value, label: c.name })) }] : []),
  ];
  const error = add.error ?? remove.error ?? prefer.error ?? watchers.error ?? contacts.error;
  return (
    <PanelSection title={td('watchers')} testId="ticket-watchers">
      {items.length === 0 && <Text size="sm" c="dimmed">{td('noWatchers')}</Text>}
      <Stack gap="sm">
        {items.map((w) => {
          const mine = w.userId === me.data?.userId;
          const editable = canUpdate || mine;
          return (
            <Stack key={w.userId} gap={4} data-testid="ticket-watcher">
              <Group gap="xs" justify="space-between" wrap="nowrap">
                <Text size="sm">
                  <bdi>{mine ? td('me') : w.name}</bdi>{' '}
                  <Badge size="xs" variant="light" color={w.kind === 'contact' ? 'teal' : 'gray'}>
                    {td(`watcherKinds.${w.kind}`)}
                  </Badge>
                </Text>
                {editable && <CloseButton size="sm" aria-label={td('removeWatcher', { name: w.name })} onClick={() => remove.mutate(w.userId)} />}
              </Group>
              <Group gap="md" role="group" aria-label={td('watcherPreferences', { name: w.name })}>
                {preferenceKeys.map((key) => (
                  <Switch
                    key={key}
                    size="xs"
                    label={td(`watcherEvents.${key}`)}
                    checked={shown(w, key)}
                    disabled={!editable || saving?.userId === w.userId}
                    onChange={(e) => toggle(w, key, e.currentTarget.checked)}
                  />
                ))}
              </Group>
            </Stack>
          );
        })}
      </Stack>
      {me.data && !watching.has(me.data.userId) && (
        <Group gap="xs">
          <Button size="xs" variant="light" loading={add.isPending && add.variables === me.data.userId} onClick={() => me.data && add.mutate(me.data.userId)}>
            {td('watch')}
          </Button>
        </Group>
      )}
      {canUpdate && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <NativeSelect label={td('addWatcher')} value={userId} onChange={(e) => setUserId(e.currentTarget.value)} data={options} style={{ flex: 1 }} />
          <Button variant="light" disabled={!userId} loading={add.isPending && add.variables === userId} onClick={() => add.mutate(userId, { onSuccess: () => setUserId('') })}>
            {td('add')}
          </Button>
        </Group>
      )}
      <FormAlert error={error ? translateDeskError(t, error) : null} />
    </PanelSection>
  );
}
