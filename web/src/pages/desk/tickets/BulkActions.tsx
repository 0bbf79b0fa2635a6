import { Alert, Button, Group, List, Modal, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxTagsPerTicket } from '../../../../../shared/tickets/organisation-schemas';
import { ticketStatusList } from '../../../../../shared/tickets/schemas';
import { useApi } from '../../../api/context';
import { useMe } from '../../../api/identity';
import { ticketDeskApi, translateDeskError, useStaffDirectory, useTicketTags } from '../../../api/ticketDesk';
import { ticketKeys, ticketsApi, type TicketView } from '../../../api/tickets';
import { DialogButtons } from '../../../components/Dialogs';
import { errorMessage } from '../../../components/errorMessage';

type Action = 'assign' | 'status' | 'tag';
interface Failure {
  ticket: TicketView;
  message: string;
}

/**
 * Bulk assign / status / tag on the selected tickets: applied one ticket at a time (each with the
 * version the list showed), then a summary naming every ticket that failed and why.
 */
export function BulkActions({ selected, onDone }: { selected: TicketView[]; onDone: (failed: TicketView[]) => void }) {
  const { t: tb } = useTranslation('translation', { keyPrefix: 'tickets.desk.bulk' });
  const [action, setAction] = useState<Action | undefined>();
  const [report, setReport] = useState<{ ok: number; failures: Failure[] } | undefined>();
  return (
    <Stack gap="xs" mb="sm">
      {selected.length > 0 && (
        <Group gap="xs" role="toolbar" aria-label={tb('label')} data-testid="bulk-actions">
          <Text size="sm" fw={500}>
            {tb('selected', { count: selected.length })}
          </Text>
          <Button size="xs" variant="light" onClick={() => setAction('assign')}>
            {tb('assign')}
          </Button>
          <Button size="xs" variant="light" onClick={() => setAction('status')}>
            {tb('status')}
          </Button>
          <Button size="xs" variant="light" onClick={() => setAction('tag')}>
            {tb('tag')}
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={() => onDone([])}>
            {tb('clear')}
          </Button>
        </Group>
      )}
      {report && (
        <Alert
          color={report.failures.length ? 'orange' : 'green'}
          variant="light"
          role={report.failures.length ? 'alert' : 'status'}
          withCloseButton
          onClose={() => setReport(undefined)}
          closeButtonLabel={tb('dismiss')}
          data-testid="bulk-report"
        >
          <Text size="sm">{tb('report', { ok: String(report.ok), failed: String(report.failures.length) })}</Text>
          {report.failures.length > 0 && (
            <List size="sm" mt={4}>
              {report.failures.map((f) => (
                <List.Item key={f.ticket.ticketId}>
                  <bdi dir="ltr">#{f.ticket.number}</bdi> — {f.message}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {action && (
        <BulkDialog
          action={action}
          tickets={selected}
          onClose={() => setAction(undefined)}
          onFinished={(ok, failures) => {
            setAction(undefined);
            setReport({ ok, failures });
            onDone(failures.map((f) => f.ticket));
          }}
        />
      )}
    </Stack>
  );
}

function BulkDialog({
  action,
  tickets,
  onClose,
  onFinished,
}: {
  action: Action;
  tickets: TicketView[];
  onClose: () => void;
  onFinished: (ok: number, failures: Failure[]) => void;
}) {
  const { t } = useTranslation();
  const { t: tb } = useTranslation('translation', { keyPrefix: 'tickets.desk.bulk' });
  const client = useApi();
  const queryClient = useQueryClient();
  const me = useMe();
  const staff = useStaffDirectory();
  const tags = useTicketTags();
  const [value, setValue] = useState('');
  const [done, setDone] = useState<number | undefined>();
  const [invalid, setInvalid] = useState<string | undefined>();

  const apply = async () => {
    const input = value.trim();
    if (!input) return setInvalid(t('validation.choose'));
    setInvalid(undefined);
    const desk = ticketDeskApi(client);
    const core = ticketsApi(client);
    const failures: Failure[] = [];
    let ok = 0;
    setDone(0);
    for (const ticket of tickets) {
      try {
        if (action === 'assign') await desk.assign(ticket.ticketId, { version: ticket.version, assigneeId: input });
        else if (action === 'status') await core.changeStatus(ticket.ticketId, { version: ticket.version, status: input as TicketView['status'] });
        else if (!(ticket.tags ?? []).includes(input)) {
          if ((ticket.tags ?? []).length >= maxTagsPerTicket) throw new Error(tb('tooManyTags', { max: String(maxTagsPerTicket) }));
          await desk.changeTags(ticket.ticketId, { version: ticket.version, add: [input] });
        }
        ok += 1;
      } catch (error) {
        failures.push({ ticket, message: error instanceof Error && !('code' in error) ? error.message : errorMessage(t, translateDeskError(t, error)) });
      }
      setDone((n) => (n ?? 0) + 1);
    }
    await queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    onFinished(ok, failures);
  };

  const assignees = [...staff.names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const running = done !== undefined;
  return (
    <Modal opened onClose={running ? () => undefined : onClose} title={tb(`${action}Title`, { count: tickets.length })} centered>
      <Stack gap="md">
        {action === 'assign' && (
          <NativeSelect
            label={tb('assignee')}
            description={tb('assigneeHint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={invalid}
            data={[
              { value: '', label: tb('choose') },
              ...(me.data ? [{ value: me.data.userId, label: tb('me') }] : []),
              ...assignees.filter(([userId]) => userId !== me.data?.userId).map(([userId, name]) => ({ value: userId, label: name })),
            ]}
            data-autofocus
          />
        )}
        {action === 'status' && (
          <NativeSelect
            label={t('tickets.fields.status')}
            description={tb('statusHint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={invalid}
            data={[{ value: '', label: tb('choose') }, ...ticketStatusList.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))]}
            data-autofocus
          />
        )}
        {action === 'tag' && (
          <NativeSelect
            label={tb('tagName')}
            description={tb('tagHint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={invalid}
            data={[{ value: '', label: tb('choose') }, ...(tags.data?.items ?? []).map((g) => ({ value: g.name, label: g.name }))]}
            data-autofocus
          />
        )}
        {running && (
          <Stack gap={4}>
            <Progress value={(done / tickets.length) * 100} aria-label={tb('progress', { done: String(done), total: String(tickets.length) })} />
            <Text size="xs" c="dimmed" aria-live="polite">
              {tb('progress', { done: String(done), total: String(tickets.length) })}
            </Text>
          </Stack>
        )}
        <DialogButtons onCancel={onClose}>
          <Button onClick={() => void apply()} loading={running}>
            {tb('apply', { count: tickets.length })}
          </Button>
        </DialogButtons>
      </Stack>
    </Modal>
  );
}
