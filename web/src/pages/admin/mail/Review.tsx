import { Anchor, Button, Card, Checkbox, Drawer, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reviewKinds, type DeleteReviewBatchResult, type ReleaseResult, type ReviewItem } from '../../../../../shared/mail/admin-schemas';
import { ticketPath } from '../../../app/nav';
import { useApi } from '../../../api/context';
import { mailApi, mailKeys, translateMailError, useReviewItem, useReviewPage } from '../../../api/mail';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DataTable } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { DefinitionList } from '../../../components/DefinitionList';
import { ConfirmDialog } from '../../../components/Dialogs';
import { useFileSize } from '../../../components/DocumentCells';
import { FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { VerdictBadges } from '../../../components/tickets/EmailMessage';
import { PageHeader } from '../../PageHeader';
import { DeleteSelected } from './DeleteSelected';

type Kind = ReviewItem['kind'];
type Outcome = { kind: 'released'; result: ReleaseResult; retry: boolean } | { kind: 'deleted' } | { kind: 'deletedMany'; result: DeleteReviewBatchResult };

/** Admin → Mail → Held mail: spam, quarantine and failed mail by kind, a drawer with its checks and raw download, release (or process again) or delete. */
export function MailReviewPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('spam');
  const [selected, setSelected] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  return (
    <>
      <PageHeader title={t('mail.review.title')} lead={t('mail.review.lead')} />
      <Stack gap="md">
        {outcome?.kind === 'deleted' && <FormSuccess>{t('mail.review.deleted')}</FormSuccess>}
        {outcome?.kind === 'deletedMany' && (
          <FormSuccess>
            {t('mail.review.deletedMany', { count: outcome.result.deleted.length })}
            {outcome.result.skipped.length > 0 && ` ${t('mail.review.skipped', { count: outcome.result.skipped.length })}`}
          </FormSuccess>
        )}
        {outcome?.kind === 'released' && (
          <FormSuccess>
            <Group gap="sm">
              <Text size="sm">{t(outcome.retry ? 'mail.review.retried' : 'mail.review.released', { outcome: outcome.result.outcome })}</Text>
              {outcome.result.ticketId && (
                <Anchor component={Link} to={ticketPath(outcome.result.ticketId)} size="sm" data-testid="released-ticket">
                  {t('mail.review.openTicket')}
                </Anchor>
              )}
            </Group>
          </FormSuccess>
        )}
        <Card withBorder radius="md" padding="md">
          <Tabs value={kind} onChange={(v) => v && setKind(v as Kind)} keepMounted={false}>
            <Tabs.List mb="md">
              {reviewKinds.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`mail.review.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {reviewKinds.map((k) => (
              <Tabs.Panel key={k} value={k}>
                <HeldList kind={k} onOpen={setSelected} onDeleted={(result) => setOutcome({ kind: 'deletedMany', result })} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Card>
      </Stack>
      {selected && (
        <HeldDrawer
          messageId={selected}
          onClose={() => setSelected(undefined)}
          onDone={(o) => {
            setSelected(undefined);
            setOutcome(o);
          }}
        />
      )}
    </>
  );
}

function HeldList({ kind, onOpen, onDeleted }: { kind: Kind; onOpen: (messageId: string) => void; onDeleted: (result: DeleteReviewBatchResult) => void }) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  const pages = useCursorPages();
  const list = useReviewPage(kind, pages.cursor);
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Loaded query={list}>
      {(data) => {
        // Only what this page shows can be selected (a deleted or paged-away message drops out).
        const onPage = data.items.map((m) => m.messageId);
        const selection = chosen.filter((id) => onPage.includes(id));
        const toggle = (id: string, on: boolean) => setChosen(on ? [...selection, id] : selection.filter((c) => c !== id));
        return (
          <>
            <Group gap="md" mb="sm">
              <Checkbox
                label={t('mail.review.selectPage')}
                checked={onPage.length > 0 && selection.length === onPage.length}
                indeterminate={selection.length > 0 && selection.length < onPage.length}
                disabled={onPage.length === 0}
                onChange={(e) => setChosen(e.currentTarget.checked ? onPage : [])}
              />
              <DeleteSelected
                messageIds={selection}
                onDone={(result) => {
                  setChosen([]);
                  onDeleted(result);
                }}
              />
            </Group>
            <DataTable
              testId={`review-${kind}-table`}
              caption={t('mail.review.caption')}
              columns={[t('mail.review.select'), t('mail.review.from'), t('mail.review.subject'), t('mail.review.received'), t('mail.review.size'), t('mail.review.reason')]}
              items={data.items}
              empty={t('mail.review.empty')}
              row={(m) => (
                <Table.Tr key={m.messageId}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('mail.review.selectOne', { from: m.from ?? t('mail.review.unknownSender') })}
                      checked={selection.includes(m.messageId)}
                      onChange={(e) => toggle(m.messageId, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{m.from ?? t('mail.review.unknownSender')}</bdi>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <bdi>{m.subject || t('mail.review.noSubject')}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <DateTime iso={m.receivedAt} style="short" />
                  </Table.Td>
                  <Table.Td>{fileSize(m.size)}</Table.Td>
                  <Table.Td>{m.reason ?? '—'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => onOpen(m.messageId)} aria-label={t('mail.review.detailsFor', { from: m.from ?? t('mail.review.unknownSender') })}>
                      {t('mail.review.details')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            />
            <CursorPager pages={pages} nextCursor={data.cursor} loading={list.isFetching} />
          </>
        );
      }}
    </Loaded>
  );
}

function HeldDrawer({ messageId, onClose, onDone }: { messageId: string; onClose: () => void; onDone: (o: Outcome) => void }) {
  const { t } = useTranslation();
  const api = mailApi(useApi());
  const queryClient = useQueryClient();
  const fileSize = useFileSize();
  const item = useReviewItem(messageId);
  const [confirm, setConfirm] = useState<'release' | 'delete' | undefined>();
  // Failed mail is not held by a check: "release" is a retry there.
  const retry = item.data?.kind === 'failed';
  const refresh = () => queryClient.invalidateQueries({ queryKey: mailKeys.review });
  const release = useMutation({
    mutationFn: () => api.release(messageId),
    onSuccess: async (result) => {
      await refresh();
      onDone({ kind: 'released', result, retry: item.data?.kind === 'failed' });
    },
  });
  const discard = useMutation({
    mutationFn: () => api.discard(messageId),
    onSuccess: async () => {
      await refresh();
      onDone({ kind: 'deleted' });
    },
  });
  return (
    <Drawer opened onClose={onClose} title={t('mail.review.drawerTitle')} position="right" size="lg">
      <Loaded query={item}>
        {(m) => (
          <Stack gap="md" data-testid="review-detail">
            <DefinitionList
              items={[
                { term: t('mail.review.from'), value: <bdi dir="ltr">{m.from ?? t('mail.review.unknownSender')}</bdi> },
                { term: t('mail.review.to'), value: <bdi dir="ltr">{m.to.join(', ') || '—'}</bdi> },
                { term: t('mail.review.subject'), value: <bdi>{m.subject || t('mail.review.noSubject')}</bdi> },
                { term: t('mail.review.received'), value: <DateTime iso={m.receivedAt} /> },
                { term: t('mail.review.size'), value: fileSize(m.size) },
                { term: t('mail.review.reason'), value: m.reason ?? '—' },
              ]}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('mail.review.verdicts')}
              </Text>
              <VerdictBadges verdicts={m.verdicts} />
            </Stack>
            <Group gap="sm">
              <Button variant="default" onClick={() => window.location.assign(m.download.url)}>
                {t('mail.review.download')}
              </Button>
              <Button onClick={() => setConfirm('release')}>{t(m.kind === 'failed' ? 'mail.review.retry' : 'mail.review.release')}</Button>
              <Button color="red" variant="light" onClick={() => setConfirm('delete')}>
                {t('mail.review.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Loaded>
      {confirm === 'release' && (
        <ConfirmDialog
          title={t(retry ? 'mail.review.retryTitle' : 'mail.review.releaseTitle')}
          confirmLabel={t(retry ? 'mail.review.retry' : 'mail.review.release')}
          loading={release.isPending}
          error={release.error ? translateMailError(t, release.error) : null}
          onConfirm={() => release.mutate()}
          onClose={() => setConfirm(undefined)}
        >
          <Text size="sm">{t(retry ? 'mail.review.retryBody' : 'mail.review.releaseBody')}</Text>
        </ConfirmDialog>
      )}
      {confirm === 'delete' && (
        <ConfirmDialog
          title={t('mail.review.deleteTitle')}
          confirmLabel={t('mail.review.delete')}
          color="red"
          loading={discard.isPending}
          error={discard.error ? translateMailError(t, discard.error) : null}
          onConfirm={() => discard.mutate()}
          onClose={() => setConfirm(undefined)}
        >
          <Text size="sm">{t('mail.review.deleteBody')}</Text>
        </ConfirmDialog>
      )}
    </Drawer>
  );
}
