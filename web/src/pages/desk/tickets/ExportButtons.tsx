import { Alert, Button, Group } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/context';
import { startDownload, ticketDeskApi } from '../../../api/ticketDesk';
import type { TicketListFilter } from '../../../api/tickets';
import { FormAlert } from '../../../components/FormAlert';
import { isLanguage } from '../../../i18n';

/** "Export CSV" / "Export XLSX" of the queue as filtered: the API answers a short-lived link, the browser follows it. */
export function ExportButtons({ filter }: { filter: TicketListFilter }) {
  const { t: te } = useTranslation('translation', { keyPrefix: 'tickets.desk.export' });
  const api = ticketDeskApi(useApi());
  const run = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => api.exportTickets(format, filter),
    onSuccess: (link) => startDownload(link.url),
  });
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" loading={run.isPending && run.variables === 'csv'} onClick={() => run.mutate('csv')}>
        {te('csv')}
      </Button>
      <Button size="xs" variant="default" loading={run.isPending && run.variables === 'xlsx'} onClick={() => run.mutate('xlsx')}>
        {te('xlsx')}
      </Button>
      {run.data?.truncated && (
        <Alert color="orange" variant="light" py={4}>
          {te('truncated', { rows: String(run.data.rows) })}
        </Alert>
      )}
      <FormAlert error={run.error} />
    </Group>
  );
}

/** "Export PDF" of one ticket with its public conversation, in the reader's language. */
export function PdfButton({ ticketId }: { ticketId: string }) {
  const { t: te, i18n } = useTranslation('translation', { keyPrefix: 'tickets.desk.export' });
  const api = ticketDeskApi(useApi());
  const language = i18n.resolvedLanguage;
  const run = useMutation({ mutationFn: () => api.exportPdf(ticketId, isLanguage(language) ? language : 'en'), onSuccess: (link) => startDownload(link.url) });
  return (
    <>
      <Button size="xs" variant="default" loading={run.isPending} onClick={() => run.mutate()}>
        {te('pdf')}
      </Button>
      <FormAlert error={run.error} />
    </>
  );
}
