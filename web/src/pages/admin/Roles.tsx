import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/admin';
import { useMe } from '../../api/identity';
import { Loaded } from '../../components/Pending';
import { PageHeader } from '../PageHeader';
import { MatrixEditor } from './MatrixEditor';
import { VersionHistory } from './RoleVersions';

/** Roles × permissions editor grouped by resource, saved with a note as a new version; history with diff and restore. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const me = useMe();
  const canManage = me.data?.permissions.includes('roles:manage') ?? false;
  return (
    <>
      <PageHeader title={t('rolesPage.title')} lead={t('rolesPage.lead')} />
      <Loaded query={roles}>
        {(doc) => (
          <Stack gap="lg">
            <MatrixEditor doc={doc} canManage={canManage} />
            <VersionHistory current={doc} canManage={canManage} />
          </Stack>
        )}
      </Loaded>
    </>
  );
}
