import { Alert, Anchor, Grid, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCustomer } from '../../../api/customers';
import { useMe } from '../../../api/identity';
import { flattenCategories, useSupportGroups, useTicketCategories } from '../../../api/ticketDesk';
import { useTicket, useTicketMessages, type TicketView } from '../../../api/tickets';
import { customerPath, paths } from '../../../app/nav';
import { DateTime } from '../../../components/DateTime';
import { DefinitionList } from '../../../components/DefinitionList';
import { FormAlert } from '../../../components/FormAlert';
import { Loaded, Pending } from '../../../components/Pending';
import { PriorityBadge, StatusBadge } from '../../../components/tickets/Badges';
import { Composer } from '../../../components/tickets/Composer';
import { Conversation } from '../../../components/tickets/Conversation';
import { TicketFiles, useTicketFiles } from '../../../components/tickets/TicketFiles';
import { Timeline, type TimelineValueLabel } from '../../../components/tickets/Timeline';
import { PageHeader } from '../../PageHeader';
import { CannedReplyPicker } from './CannedReplyPicker';
import { PdfButton } from './ExportButtons';
import { AssignmentSection, PanelSection, PropertiesSection, StatusSection } from './TicketProperties';
import { LinksSection, TagsSection } from './TicketRelations';
import { WatchersSection } from './TicketWatchers';
import { SlaPanel } from '../sla/SlaPanel';

/** Desk: one ticket — conversation with internal notes, composer with canned replies, side panel of properties, timeline, PDF export. */
export function DeskTicketPage() {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('translation', { keyPrefix: 'tickets.desk.ticket' });
  const { ticketId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'timeline' ? 'timeline' : 'conversation';
  const ticket = useTicket(ticketId);
  const me = useMe();
  const canExport = me.data?.permissions.includes('tickets:export') ?? false;
  const valueLabel = useTimelineLabels();
  const data = ticket.data;
  return (
    <>
      <Anchor component={Link} to={paths.tickets} size="sm">
        {tt('back')}
      </Anchor>
      <PageHeader title={data ? t('tickets.view.heading', { number: data.number, subject: data.subject }) : t('tickets.title')} />
      {ticket.isPending ? (
        <Pending />
      ) : ticket.isError ? (
        <FormAlert error={ticket.error} />
      ) : (
        <Stack gap="md">
          <Group gap="xs" justify="space-between">
            <Group gap="xs">
              <StatusBadge status={ticket.data.status} />
              <PriorityBadge priority={ticket.data.priority} />
            </Group>
            {canExport && (
              <Group gap="xs">
                <PdfButton ticketId={ticketId} />
              </Group>
            )}
          </Group>
          {ticket.data.mergedInto && <Alert color="orange" variant="light">{t('tickets.view.mergedInto')}</Alert>}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Tabs value={tab} onChange={(v) => setParams(v === 'timeline' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
                <Tabs.List aria-label={tt('tabs')}>
                  <Tabs.Tab value="conversation">{t('tickets.view.conversation')}</Tabs.Tab>
                  <Tabs.Tab value="timeline">{t('tickets.view.timeline')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="conversation" pt="md">
                  <ConversationTab ticket={ticket.data} />
                </Tabs.Panel>
                <Tabs.Panel value="timeline" pt="md">
                  <Timeline ticketId={ticketId} valueLabel={valueLabel} />
                </Tabs.Panel>
              </Tabs>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="sm" component="aside" aria-label={tt('panel')}>
                <StatusSection ticket={ticket.data} />
                <SlaPanel ticket={ticket.data} />
                <AssignmentSection ticket={ticket.data} />
                <PropertiesSection ticket={ticket.data} />
                <DetailsSection ticket={ticket.data} />
                <TagsSection ticket={ticket.data} />
                <WatchersSection ticket={ticket.data} />
                <LinksSection ticket={ticket.data} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </>
  );
}

/** Group and category names for the timeline (user names come with the events). */
function useTimelineLabels(): TimelineValueLabel {
  const groups = useSupportGroups();
  const categories = useTicketCategories(true);
  const groupNames = new Map((groups.data?.items ?? []).map((g) => [g.groupId, g.name]));
  const categoryPaths = new Map(flattenCategories(categories.data?.items ?? []).map((c) => [c.node.categoryId, c.path]));
  return (kind, value) => (kind === 'group' ? groupNames.get(value) : kind === 'category' ? categoryPaths.get(value) : undefined);
}

/** The description, the messages (notes included, visibly distinct), the ticket's own files and the composer. */
function ConversationTab({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const messages = useTicketMessages(ticket.ticketId);
  const me = useMe();
  const canWrite = me.data?.permissions.includes('tickets:update') ?? false;
  // An email ticket's first message is the mail itself: its text is not shown a second time, and
  // the description box is left out unless the ticket has files of its own.
  const mailFirst = ticket.channel === 'email' && messages.data?.[0]?.channel === 'email';
  const hasFiles = useTicketFiles(ticket.ticketId).length > 0;
  return (
    <Stack gap="md">
      {(!mailFirst || hasFiles) && (
        <Paper withBorder radius="md" p="md" component="section" aria-label={t('tickets.view.description')}>
          <Text size="sm" c="dimmed" mb={4}>
            {t('tickets.view.description')} · <bdi>{ticket.requesterName ?? ticket.requesterEmail}</bdi> · <DateTime iso={ticket.createdAt} style="short" />
          </Text>
          {!mailFirst && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
              {ticket.description}
            </Text>
          )}
          <TicketFiles ticketId={ticket.ticketId} />
        </Paper>
      )}
      <Loaded query={messages}>{(items) => <Conversation ticketId={ticket.ticketId} messages={items} showInternal />}</Loaded>
      {canWrite && !ticket.mergedInto && (
        <Composer
          ticketId={ticket.ticketId}
          allowInternal
          extraActions={(handle) => <CannedReplyPicker ticketId={ticket.ticketId} categoryId={ticket.categoryId} composer={handle} />}
        />
      )}
    </Stack>
  );
}

/** Customer, requester, channel and the ticket's milestones. */
function DetailsSection({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { t: tt } = useTranslation('translation', { keyPrefix: 'tickets.desk.ticket' });
  const customer = useCustomer(ticket.customerId);
  return (
    <PanelSection title={tt('details')}>
      <DefinitionList
        items={[
          {
            term: tt('customer'),
            value: (
              <Anchor component={Link} to={customerPath(ticket.customerId)} size="sm">
                <bdi>{customer.data?.name ?? ticket.customerId}</bdi>
              </Anchor>
            ),
          },
          {
            term: t('tickets.fields.requester'),
            value: (
              <>
                <bdi>{ticket.requesterName ?? ''}</bdi> <bdi dir="ltr">{ticket.requesterEmail}</bdi>
              </>
            ),
          },
          { term: t('tickets.fields.channel'), value: t(`tickets.channels.${ticket.channel}`) },
          { term: t('tickets.fields.created'), value: <DateTime iso={ticket.createdAt} style="short" /> },
          { term: tt('firstResponse'), value: <DateTime iso={ticket.firstResponseAt} style="short" /> },
          { term: tt('resolved'), value: <DateTime iso={ticket.resolvedAt} style="short" /> },
          { term: tt('closed'), value: <DateTime iso={ticket.closedAt} style="short" /> },
          ...(ticket.satisfactionRating ? [{ term: tt('satisfaction'), value: tt('rating', { rating: String(ticket.satisfactionRating), comment: ticket.satisfactionComment ?? '' }) }] : []),
        ]}
      />
    </PanelSection>
  );
}
