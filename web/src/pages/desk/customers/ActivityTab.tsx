import { Badge, Card, Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCustomerActivity } from '../../../api/customers';
import type { AuditEntry } from '../../../api/schemas';
import { CursorPager, useCursorPages } from '../../../components/CursorPager';
import { DateTime } from '../../../components/DateTime';
import { Loaded } from '../../../components/Pending';
import { tOr } from '../../../components/text';

type Ref = { type: string; id: string };

/** Request records name their object by route parameter (`note`, `document`, ...); change records by entity. */
function entityOf(object: Ref, route: unknown): string {
  if (object.type === 'document') return typeof route === 'string' && route.includes('/kyc/') ? 'kycDocument' : 'customerDocument';
  const byParam: Record<string, string> = { note: 'customerNote', user: 'customerContact', invitation: 'contactInvitation' };
  return byParam[object.type] ?? object.type;
}

/** What a record is about: the object kept in its details (contact, KYC document, ...), else its target. */
function aboutOf(entry: AuditEntry): Ref | undefined {
  const object = entry.details?.object as Ref | undefined;
  if (object && typeof object.type === 'string' && typeof object.id === 'string') return { type: entityOf(object, entry.details?.route), id: object.id };
  return entry.target;
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const shown = 3;

function ChangeList({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = entry.changes ?? [];
  if (changes.length === 0) return <Text size="xs" c="dimmed">{entry.kind === 'change' ? t('customers.activity.noChanges') : '—'}</Text>;
  const line = (c: (typeof changes)[number]) => (
    <Text key={c.field} size="xs" style={{ overflowWrap: 'anywhere' }}>
      <bdi dir="ltr">
        <b>{c.field}</b>: {c.redacted ? t('audit.redacted') : c.before === undefined ? show(c.after) : `${show(c.before)} → ${show(c.after)}`}
      </bdi>
    </Text>
  );
  return (
    <Stack gap={2}>
      {changes.slice(0, shown).map(line)}
      {changes.length > shown && (
        <details>
          <summary style={{ cursor: 'pointer' }}>
            <Text size="xs" span>
              {t('customers.activity.more', { count: changes.length - shown })}
            </Text>
          </summary>
          {changes.slice(shown).map(line)}
        </details>
      )}
    </Stack>
  );
}

function Row({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const about = aboutOf(entry);
  const verb = typeof entry.details?.change === 'string' ? entry.details.change : undefined;
  const { actor } = entry;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <DateTime iso={entry.at} />
      </Table.Td>
      <Table.Td>
        {actor.kind === 'user' ? <bdi>{actor.email ?? actor.userId ?? '—'}</bdi> : tOr(t, `audit.actorKinds.${actor.kind}`, actor.kind)}
        {actor.role && (
          <Badge size="xs" variant="light" ms={6} tt="none">
            {tOr(t, `roles.${actor.role}`, actor.role)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Code dir="ltr" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
            {entry.action}
          </Code>
          <Text size="xs" c={entry.outcome === 'failure' ? 'red' : 'dimmed'}>
            {tOr(t, `customers.activity.kinds.${entry.kind}`, entry.kind)}
            {entry.outcome === 'failure' ? ` · ${t('audit.failure')}` : verb ? ` · ${tOr(t, `customers.activity.verbs.${verb}`, verb)}` : ''}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        {about ? (
          <>
            <Text size="sm">{tOr(t, `customers.activity.objects.${about.type}`, about.type)}</Text>
            {about.type !== 'customer' && (
              <Text size="xs" c="dimmed">
                <bdi dir="ltr">{about.id}</bdi>
              </Text>
            )}
          </>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <ChangeList entry={entry} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Desk: everything that happened to the customer and its contacts, invitations, KYC documents, notes and documents, newest first. */
export function ActivityTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const activity = useCustomerActivity(customerId, pages.cursor);
  return (
    <Card withBorder radius="md" padding="md">
      <Loaded query={activity}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing="xs" data-testid="customer-activity">
                <Table.Caption>{t('customers.activity.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('audit.time')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.action')}</Table.Th>
                    <Table.Th>{t('customers.activity.about')}</Table.Th>
                    <Table.Th>{t('audit.changes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text size="sm" c="dimmed">
                          {t('audit.empty')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {data.items.map((entry) => (
                    <Row key={entry.id} entry={entry} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <CursorPager pages={pages} nextCursor={data.cursor} loading={activity.isFetching} />
          </>
        )}
      </Loaded>
    </Card>
  );
}
