import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry, AuditEntry } from '../api/schemas';
import { DateTime } from './DateTime';
import { tOr } from './text';

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Changed fields with before/after (admin view), or only their names (one's own activity). */
function Changes({ entry }: { entry: AuditEntry | ActivityEntry }) {
  const { t } = useTranslation();
  const changes = 'changes' in entry ? entry.changes : undefined;
  const names = 'changedFields' in entry ? entry.changedFields : undefined;
  const details = entry.details && Object.keys(entry.details).length > 0 ? entry.details : undefined;
  if (!changes?.length && !names?.length && !details) return <Text size="xs" c="dimmed">—</Text>;
  if (names?.length && !changes) {
    return (
      <Text size="xs">
        <bdi dir="ltr">{names.join(', ')}</bdi>
      </Text>
    );
  }
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>
        <Text size="xs" span>
          {changes?.length ? t('audit.changedFields', { count: changes.length }) : t('audit.details')}
        </Text>
      </summary>
      {changes && changes.length > 0 && (
        <Table withTableBorder withColumnBorders fz="xs" mt={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Td>
                  <bdi dir="ltr">{c.field}</bdi>
                </Table.Td>
                {c.redacted ? (
                  <Table.Td colSpan={2}>
                    <Text size="xs" c="dimmed" fs="italic">
                      {t('audit.redacted')}
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <bdi dir="ltr">{show(c.before)}</bdi>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <bdi dir="ltr">{show(c.after)}</bdi>
                    </Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {details && (
        <Code block dir="ltr" mt={4}>
          {JSON.stringify(details, null, 2)}
        </Code>
      )}
    </details>
  );
}

function Actor({ actor }: { actor: AuditEntry['actor'] }) {
  const { t } = useTranslation();
  if (actor.kind !== 'user') return <Text size="sm">{tOr(t, `audit.actorKinds.${actor.kind}`, actor.kind)}</Text>;
  return (
    <>
      <bdi>{actor.email ?? actor.userId ?? '—'}</bdi>
      {actor.role && (
        <Badge size="xs" variant="light" ms={6} tt="none">
          {tOr(t, `roles.${actor.role}`, actor.role)}
        </Badge>
      )}
    </>
  );
}

/** Audit records (admin audit viewer, with actor and values) and one's own activity (no actor, field names only). */
export function AuditTable({ items, caption }: { items: (AuditEntry | ActivityEntry)[]; caption: string }) {
  const { t } = useTranslation();
  const showActor = items.some((i) => 'actor' in i);
  const columns = showActor ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" data-testid="audit-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.time')}</Table.Th>
            {showActor && <Table.Th>{t('audit.actor')}</Table.Th>}
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
            <Table.Th>{t('audit.origin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text size="sm" c="dimmed">
                  {t('audit.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <DateTime iso={r.at} />
              </Table.Td>
              {showActor && <Table.Td>{'actor' in r ? <Actor actor={r.actor} /> : '—'}</Table.Td>}
              <Table.Td>
                <Code dir="ltr">{r.action}</Code>
                {r.outcome === 'failure' && (
                  <Badge size="xs" color="red" variant="light" ms={6}>
                    {t('audit.failure')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {r.target ? (
                  <bdi dir="ltr">
                    {r.target.type} · {r.target.id}
                  </bdi>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Changes entry={r} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  <bdi dir="ltr">{r.ip ?? '—'}</bdi>
                  {r.requestId && (
                    <>
                      <br />
                      <bdi dir="ltr" title={t('audit.requestId')}>
                        {r.requestId}
                      </bdi>
                    </>
                  )}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
