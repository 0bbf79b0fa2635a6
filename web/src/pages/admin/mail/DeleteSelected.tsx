import { Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeleteReviewBatchResult } from '../../../../../shared/mail/admin-schemas';
import { useApi } from '../../../api/context';
import { mailApi, mailKeys, translateMailError } from '../../../api/mail';
import { ConfirmDialog } from '../../../components/Dialogs';

/** "Delete selected (n)" for held mail: one confirmation, one request for the whole selection (≤ 100). */
export function DeleteSelected({ messageIds, onDone }: { messageIds: readonly string[]; onDone: (result: DeleteReviewBatchResult) => void }) {
  const { t } = useTranslation();
  const api = mailApi(useApi());
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.discardMany([...messageIds]),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: mailKeys.review });
      setConfirming(false);
      onDone(result);
    },
  });
  return (
    <>
      <Button color="red" variant="light" size="xs" disabled={messageIds.length === 0} onClick={() => setConfirming(true)}>
        {t('mail.review.deleteSelected', { count: messageIds.length })}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={t('mail.review.deleteSelectedTitle', { count: messageIds.length })}
          confirmLabel={t('mail.review.delete')}
          color="red"
          loading={remove.isPending}
          error={remove.error ? translateMailError(t, remove.error) : null}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirming(false)}
        >
          <Text size="sm">{t('mail.review.deleteBody')}</Text>
        </ConfirmDialog>
      )}
    </>
  );
}
