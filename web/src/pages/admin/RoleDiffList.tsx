import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RolesView } from '../../api/schemas';
import { tOr } from '../../components/text';
import type { RoleDiff } from './roleMatrix';

/** A role's name in the current language (custom roles: their own name). */
export function roleLabel(t: ReturnType<typeof useTranslation>['t'], doc: RolesView, roleId: string) {
  return tOr(t, `roles.${roleId}`, doc.roles.find((r) => r.roleId === roleId)?.name ?? roleId);
}

export function DiffList({ diff, doc, compact = false }: { diff: RoleDiff[]; doc: RolesView; compact?: boolean }) {
  const { t } = useTranslation();
  if (diff.length === 0) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <List size={compact ? 'xs' : 'sm'} spacing={4} data-testid={compact ? undefined : 'matrix-diff'}>
      {diff.map((d) => (
        <List.Item key={d.role}>
          <Text span fw={600} size="sm">
            {roleLabel(t, doc, d.role)}
          </Text>
          {d.added.length > 0 && (
            <Text span size="sm" c="teal.8">
              {' '}
              {t('rolesPage.added')}: <bdi dir="ltr">{d.added.join(', ')}</bdi>
            </Text>
          )}
          {d.removed.length > 0 && (
            <Text span size="sm" c="red.8">
              {' '}
              {t('rolesPage.removed')}: <bdi dir="ltr">{d.removed.join(', ')}</bdi>
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
