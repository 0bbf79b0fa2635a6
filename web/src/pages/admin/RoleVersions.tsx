import { Badge, Button, Card, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoleVersions } from '../../api/admin';
import type { RolesView, RoleVersion } from '../../api/schemas';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DateTime } from '../../components/DateTime';
import { EmptyRow } from '../../components/EmptyRow';
import { Loaded } from '../../components/Pending';
import { DiffList } from './RoleDiffList';
import { VersionDialog } from './RoleVersionDialog';

/** The matrix's versions, newest first, each with its diff; compare one with the current and restore it. */
export function VersionHistory({ current, canManage }: { current: RolesView; canManage: boolean }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const versions = useRoleVersions(pages.cursor);
  const [selected, setSelected] = useState<RoleVersion | undefined>();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title" mb="sm">
        {t('rolesPage.history')}
      </Title>
      <Loaded query={versions}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={720}>
              <Table striped data-testid="role-versions">
                <Table.Caption>{t('rolesPage.historyCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rolesPage.versionCol')}</Table.Th>
                    <Table.Th>{t('rolesPage.when')}</Table.Th>
                    <Table.Th>{t('rolesPage.by')}</Table.Th>
                    <Table.Th>{t('rolesPage.note')}</Table.Th>
                    <Table.Th>{t('rolesPage.versionChanges')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.length === 0 && <EmptyRow colSpan={6}>{t('rolesPage.noVersions')}</EmptyRow>}
                  {data.items.map((v) => (
                    <Table.Tr key={v.version}>
                      <Table.Td>
                        {v.version}
                        {v.version === current.version && (
                          <Badge size="xs" variant="light" ms={6}>
                            {t('rolesPage.current')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <DateTime iso={v.changedAt} />
                      </Table.Td>
                      <Table.Td>
                        <bdi>{v.changedBy.username}</bdi>
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        <bdi>{v.note || '—'}</bdi>
                        {v.restoredFrom && (
                          <Text size="xs" c="dimmed">
                            {t('rolesPage.restoredFrom', { version: String(v.restoredFrom) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <DiffList diff={v.diff.map((d) => ({ role: d.roleId, added: d.added, removed: d.removed }))} doc={current} compact />
                      </Table.Td>
                      <Table.Td>
                        {v.version !== current.version && (
                          <Button size="xs" variant="subtle" onClick={() => setSelected(v)}>
                            {t('rolesPage.compare')}
                            <VisuallyHidden> {t('rolesPage.version', { version: String(v.version) })}</VisuallyHidden>
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <CursorPager pages={pages} nextCursor={data.cursor} loading={versions.isFetching} />
          </>
        )}
      </Loaded>
      {selected && <VersionDialog version={selected} current={current} canManage={canManage} onClose={() => setSelected(undefined)} />}
    </Card>
  );
}
