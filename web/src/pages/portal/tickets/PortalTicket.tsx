import { Alert, Anchor, Badge, Button, Card, Group, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { paths, ticketPath } from '../../../app/nav';
import {
  flattenCategories,
  translateTicketError,
  useTicket,
  useTicketCategories,
  useTicketMessages,
  useTicketMutation,
  type PostMessageResult,
  type TicketView,
} from '../../../api/tickets';
import { DateTime } from '../../../components/DateTime';
import { DefinitionList } from '../../../components/DefinitionList';
import { ConfirmDialog } from '../../../components/Dialogs';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { PriorityBadge, StatusBadge, TicketNumber } from '../../../components/tickets/Badges';
import { Composer } from '../../../components/tickets/Composer';
import { Conversation } from '../../../components/tickets/Conversation';
import { TicketFiles, useTicketFiles } from '../../../components/tickets/TicketFiles';
import { Timeline } from '../../../components/tickets/Timeline';
import { PageHeader } from '../../PageHeader';
import type { NewTicketState } from './NewTicket';

/** Statuses a customer may close a ticket from (the API's `customerClosable`, shared/tickets/service.ts). */
const closable: readonly TicketView['status'][] = ['open', 'answered', 'waiting_on_customer', 'resolved'];

/** Portal: one ticket — details, the public conversation, reply, close, and a rating once resolved. */
export function PortalTicketPage() {
  const { t } = useTranslation();
  const { ticketId = '' } = useParams();
  const ticket = useTicket(ticketId);
  return (
    <Loaded query={ticket}>
      {(data) => (
        <>
          <PageHeader title={t('tickets.view.heading', { number: data.number, subject: data.subject })} />
          <TicketBody ticket={data} />
        </>
      )}
    </Loaded>
  );
}

function TicketBody({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const location = useLocation();
  const attachmentsFailed = (location.state as NewTicketState | null)?.attachmentsFailed === true;
  const messages = useTicketMessages(ticket.ticketId);
  const categories = useTicketCategories();
  const category = flattenCategories(categories.data?.items ?? []).find((c) => c.categoryId === ticket.categoryId);
  const [followUp, setFollowUp] = useState<string | undefined>();
  const rateable = !!ticket.resolvedAt && (ticket.status === 'resolved' || ticket.status === 'closed');
  // An email ticket's first message is the mail itself: the description card then only shows the ticket's own files, if any.
  const mailFirst = ticket.channel === 'email' && messages.data?.[0]?.channel === 'email';
  const hasFiles = useTicketFiles(ticket.ticketId).length > 0;

  const sent = (result: PostMessageResult) => setFollowUp(result.followUpTicketId);

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Anchor component={Link} to={paths.portalTickets} size="sm">
          {t('tickets.view.back')}
        </Anchor>
        {closable.includes(ticket.status) && <CloseTicket ticket={ticket} />}
      </Group>
      {attachmentsFailed && (
        <Alert color="orange" variant="light" role="alert">
          {t('tickets.create.attachmentsFailed')}
        </Alert>
      )}
      {ticket.mergedInto && (
        <Alert color="gray" variant="light">
          {t('tickets.view.mergedInto')}{' '}
          <Anchor component={Link} to={ticketPath(ticket.mergedInto, 'portal')}>
            {t('tickets.my.open')}
          </Anchor>
        </Alert>
      )}
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Group gap="xs">
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            {ticket.followUpOf && (
              <Badge variant="default">
                <Anchor component={Link} to={ticketPath(ticket.followUpOf, 'portal')} size="xs">
                  {t('tickets.view.followUpOf')}
                </Anchor>
              </Badge>
            )}
          </Group>
          <DefinitionList
            items={[
              { term: t('tickets.fields.number'), value: <TicketNumber number={ticket.number} /> },
              { term: t('tickets.fields.category'), value: <bdi>{category?.label ?? '—'}</bdi> },
              { term: t('tickets.fields.requester'), value: <bdi>{ticket.requesterName ?? ticket.requesterEmail}</bdi> },
              { term: t('tickets.fields.created'), value: <DateTime iso={ticket.createdAt} /> },
              { term: t('tickets.fields.updated'), value: <DateTime iso={ticket.updatedAt} /> },
            ]}
          />
        </Stack>
      </Card>

      {(!mailFirst || hasFiles) && (
        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('tickets.view.description')}
            </Title>
            {!mailFirst && (
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="ticket-description">
                {ticket.description}
              </Text>
            )}
            <TicketFiles ticketId={ticket.ticketId} />
          </Stack>
        </Card>
      )}

      {rateable && <Satisfaction ticket={ticket} />}

      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('tickets.view.conversation')}
        </Title>
        <Loaded query={messages}>{(items) => <Conversation ticketId={ticket.ticketId} messages={items} />}</Loaded>
      </Stack>

      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('tickets.view.reply')}
          </Title>
          {followUp && (
            <FormSuccess>
              {t('tickets.view.followUp')}{' '}
              <Anchor component={Link} to={ticketPath(followUp, 'portal')}>
                {t('tickets.my.open')}
              </Anchor>
            </FormSuccess>
          )}
          {!ticket.mergedInto && <Composer ticketId={ticket.ticketId} onSent={sent} />}
        </Stack>
      </Card>

      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('tickets.view.timeline')}
          </Title>
          <Timeline ticketId={ticket.ticketId} />
        </Stack>
      </Card>
    </Stack>
  );
}

function CloseTicket({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useTicketMutation(ticket.ticketId, (api, version: number) => api.close(ticket.ticketId, { version }));
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('tickets.view.close')}
      </Button>
      <ConfirmDialog
        opened={open}
        title={t('tickets.view.closeTitle')}
        confirmLabel={t('tickets.view.close')}
        loading={close.isPending}
        error={translateTicketError(t, close.error)}
        onConfirm={() => close.mutate(ticket.version, { onSuccess: () => setOpen(false) })}
        onClose={() => {
          setOpen(false);
          close.reset();
        }}
      >
        <Text size="sm">{t('tickets.view.closeBody')}</Text>
      </ConfirmDialog>
    </>
  );
}

/** A 1–5 rating with an optional comment; may be revised. */
function Satisfaction({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(ticket.satisfactionRating ?? 0);
  const [comment, setComment] = useState(ticket.satisfactionComment ?? '');
  const [missing, setMissing] = useState(false);
  const rate = useTicketMutation(ticket.ticketId, (api, body: { rating: number; comment: string }) =>
    api.rate(ticket.ticketId, { version: ticket.version, rating: body.rating, ...(body.comment.trim() ? { comment: body.comment.trim() } : {}) }),
  );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (rating < 1) return setMissing(true);
    setMissing(false);
    rate.mutate({ rating, comment });
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="ticket-satisfaction">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('tickets.view.satisfaction.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {ticket.satisfactionRating ? t('tickets.view.satisfaction.yours', { rating: String(ticket.satisfactionRating) }) : t('tickets.view.satisfaction.lead')}
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="ticket-rating-label">
              {t('tickets.view.satisfaction.rating')}
            </Text>
            <Rating
              value={rating}
              onChange={setRating}
              size="lg"
              aria-labelledby="ticket-rating-label"
              getSymbolLabel={(n) => t('tickets.view.satisfaction.stars', { n: String(n) })}
            />
            {missing && (
              <Text size="sm" c="red" role="alert">
                {t('tickets.view.satisfaction.required')}
              </Text>
            )}
          </Stack>
          <Textarea label={t('tickets.view.satisfaction.comment')} autosize minRows={2} maxLength={2000} dir="auto" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <FormAlert error={translateTicketError(t, rate.error)} />
          {rate.isSuccess && <FormSuccess>{t('tickets.view.satisfaction.thanks')}</FormSuccess>}
          <Group>
            <Button type="submit" loading={rate.isPending}>
              {t('tickets.view.satisfaction.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
