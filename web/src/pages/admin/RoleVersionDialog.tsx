import { Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys, useRoleVersion } from '../../api/admin';
import { useApi } from '../../api/context';
import type { RolesView, RoleVersion } from '../../api/schemas';
import { DialogButtons } from '../../components/Dialogs';
import { FormAlert } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { DiffList } from './RoleDiffList';
import { diffMatrices } from './roleMatrix';

/** One past version against the current matrix: what restoring it would change, and the restore. */
export function VersionDialog({ version, current, canManage, onClose }: { version: RoleVersion; current: RolesView; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = adminApi(useApi());
  const queryClient = useQueryClient();
  const detail = useRoleVersion(version.version);
  const [note, setNote] = useState('');
  const restore = useMutation({
    mutationFn: () => api.restoreRoleVersion(version.version, { version: current.version, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: async (next) => {
      queryClient.setQueryData(adminKeys.roles, next);
      await queryClient.invalidateQueries({ queryKey: ['roles', 'versions'] });
      onClose();
    },
  });
  // What restoring would change: from the current matrix to that version's.
  const diff = detail.data ? diffMatrices(current.matrix, detail.data.matrix) : [];
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('rolesPage.compareTitle', { version: String(version.version), current: String(current.version) })}
      centered
    >
      <Stack gap="md">
        {detail.isPending ? (
          <Pending />
        ) : detail.isError ? (
          <FormAlert error={detail.error} />
        ) : diff.length === 0 ? (
          <Text size="sm">{t('rolesPage.same')}</Text>
        ) : (
          <>
            <Text size="sm">{t('rolesPage.restoreWould')}</Text>
            <DiffList diff={diff} doc={current} />
          </>
        )}
        <FormAlert error={restore.error} />
        {canManage && (
          <TextInput label={t('rolesPage.restoreNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
        )}
        <DialogButtons onCancel={onClose} cancelLabel={t('common.close')}>
          {canManage && (
            <Button color="orange" onClick={() => restore.mutate()} loading={restore.isPending} disabled={!detail.data}>
              {t('rolesPage.restore', { version: String(version.version) })}
            </Button>
          )}
        </DialogButtons>
      </Stack>
    </Modal>
  );
}
