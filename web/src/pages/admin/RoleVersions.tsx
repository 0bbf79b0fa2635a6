import { Badge, Button, Card, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoleVersions } from '../../api/admin';
import type { RolesView, RoleVersion } from '../../api/schemas';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { DateTime } from '../../components/DateTime';
import { DataTable } from '../../components/DataTable';
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
            <DataTable
              testId="role-versions"
              caption={t('rolesPage.historyCaption')}
              columns={[t('rolesPage.versionCol'), t('rolesPage.when'), t('rolesPage.by'), t('rolesPage.note'), t('rolesPage.versionChanges')]}
              items={data.items}
              empty={t('rolesPage.noVersions')}
              row={(v) => (
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
              )}
            />
            <CursorPager pages={pages} nextCursor={data.cursor} loading={versions.isFetching} />
          </>
        )}
      </Loaded>
      {selected && <VersionDialog version={selected} current={current} canManage={canManage} onClose={() => setSelected(undefined)} />}
    </Card>
  );
}
