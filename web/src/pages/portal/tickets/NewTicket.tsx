import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type * as z from 'zod';
import type { MyAccount } from '../../../../../shared/contacts/my-accounts';
import { createTicket, type CreateTicketInput } from '../../../../../shared/tickets/schemas';
import { paths, ticketPath } from '../../../app/nav';
import { useApi } from '../../../api/context';
import { customerPriorities, flattenCategories, ticketKeys, ticketsApi, translateTicketError, useTicketCategories } from '../../../api/tickets';
import { FormAlert } from '../../../components/FormAlert';
import { Loaded, Pending } from '../../../components/Pending';
import { AttachmentPicker, useAttachmentUploads } from '../../../components/tickets/AttachmentPicker';
import { fieldError, zodResolver } from '../../../forms/resolver';
import { useCurrentCustomer } from '../../../portal/CurrentCustomer';
import { PageHeader } from '../../PageHeader';

/** What the ticket page is told when the ticket was opened but a file could not be attached. */
export interface NewTicketState {
  attachmentsFailed?: boolean;
}

/** Portal: open a ticket on the current account (category, priority, subject, description, files). */
export function NewTicketPage() {
  const { t } = useTranslation();
  const { current, isLoading } = useCurrentCustomer();
  return (
    <>
      <PageHeader title={t('tickets.create.title')} lead={t('tickets.create.lead')} />
      <Stack gap="md">
        <Anchor component={Link} to={paths.portalTickets} size="sm">
          {t('tickets.create.back')}
        </Anchor>
        {isLoading ? <Pending /> : current ? <NewTicketForm key={current.customerId} account={current} /> : <Text>{t('tickets.my.noAccount')}</Text>}
      </Stack>
    </>
  );
}

function NewTicketForm({ account }: { account: MyAccount }) {
  const { t } = useTranslation();
  const api = ticketsApi(useApi());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const categories = useTicketCategories();
  const uploads = useAttachmentUploads();
  const form = useForm<z.input<typeof createTicket>, unknown, CreateTicketInput>({
    resolver: zodResolver(createTicket),
    defaultValues: { customerId: account.customerId, categoryId: '', priority: 'medium', subject: '', description: '' },
  });

  const create = useMutation({
    mutationFn: async (values: CreateTicketInput) => {
      const ticket = await api.create(values);
      let attachmentsFailed = false;
      try {
        await uploads.uploadAll(api, ticket.ticketId);
      } catch {
        attachmentsFailed = true;
      }
      return { ticket, attachmentsFailed };
    },
    onSuccess: async ({ ticket, attachmentsFailed }) => {
      await queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      const state: NewTicketState = { attachmentsFailed };
      void navigate(ticketPath(ticket.ticketId, 'portal'), { state });
    },
  });

  const errors = form.formState.errors;
  const busy = create.isPending;
  return (
    <Card withBorder radius="md" padding="lg" maw={760}>
      <Loaded query={categories}>
        {(tree) => {
          const options = flattenCategories(tree.items).filter((c) => c.active);
          if (options.length === 0) return <Text>{t('tickets.create.noCategories')}</Text>;
          return (
            <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))} data-testid="new-ticket-form">
              <Stack gap="md">
                <NativeSelect
                  label={t('tickets.create.category')}
                  required
                  data={[{ value: '', label: t('tickets.create.chooseCategory'), disabled: true }, ...options.map((c) => ({ value: c.categoryId, label: c.label }))]}
                  {...form.register('categoryId')}
                  error={fieldError(t, errors.categoryId)}
                  disabled={busy}
                />
                <NativeSelect
                  label={t('tickets.create.priority')}
                  data={customerPriorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))}
                  {...form.register('priority')}
                  error={fieldError(t, errors.priority)}
                  disabled={busy}
                />
                <TextInput label={t('tickets.create.subject')} required maxLength={200} dir="auto" {...form.register('subject')} error={fieldError(t, errors.subject)} disabled={busy} />
                <Textarea
                  label={t('tickets.create.description')}
                  description={t('tickets.create.descriptionHint')}
                  required
                  autosize
                  minRows={6}
                  maxRows={20}
                  dir="auto"
                  {...form.register('description')}
                  error={fieldError(t, errors.description)}
                  disabled={busy}
                />
                <AttachmentPicker uploads={uploads} disabled={busy} />
                <FormAlert error={translateTicketError(t, create.error)} />
                <Group>
                  <Button type="submit" loading={busy}>
                    {t('tickets.create.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          );
        }}
      </Loaded>
    </Card>
  );
}
