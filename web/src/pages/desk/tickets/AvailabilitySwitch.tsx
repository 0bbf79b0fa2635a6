import { Group, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/context';
import { deskKeys, ticketDeskApi, useMySupportGroups } from '../../../api/ticketDesk';
import { FormAlert } from '../../../components/FormAlert';

/** "Available for new tickets": whether auto-assignment may pick me, with my current load. */
export function AvailabilitySwitch() {
  const { t: tq } = useTranslation('translation', { keyPrefix: 'tickets.desk.queues' });
  const api = ticketDeskApi(useApi());
  const queryClient = useQueryClient();
  const mine = useMySupportGroups();
  const save = useMutation({
    mutationFn: (available: boolean) => api.setAvailability({ available }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.myGroups }),
  });
  const state = mine.data?.state;
  if (!state || !mine.data?.groups.length) return null;
  return (
    <Group gap="sm">
      <Switch
        label={tq('available')}
        checked={save.isPending ? save.variables : state.available}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed">
        {tq('myLoad', { load: String(state.load), count: state.openTickets })}
      </Text>
      <FormAlert error={save.error} />
    </Group>
  );
}
