import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from './FormAlert';

/** A dialog's button row: Cancel (or `cancelLabel`), then the given buttons. */
export function DialogButtons({ onCancel, cancelLabel, children }: { onCancel: () => void; cancelLabel?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      {children}
    </Group>
  );
}

type Action = {
  title: string;
  confirmLabel: string;
  color?: string;
  loading: boolean;
  onClose: () => void;
  opened?: boolean;
  size?: ModalProps['size'];
  children: ReactNode;
};

/** A confirmation: the given content, the action's error, Cancel and the action button. */
export function ConfirmDialog({
  opened = true,
  title,
  size,
  error,
  confirmLabel,
  color,
  loading,
  autoFocus = false,
  onConfirm,
  onClose,
  children,
}: Action & { error: unknown; autoFocus?: boolean; onConfirm: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered>
      <Stack gap="md">
        {children}
        <FormAlert error={error} />
        <DialogButtons onCancel={onClose}>
          <Button color={color} onClick={onConfirm} loading={loading} data-autofocus={autoFocus || undefined}>
            {confirmLabel}
          </Button>
        </DialogButtons>
      </Stack>
    </Modal>
  );
}

/** A dialog holding a form: the given fields (and its error), Cancel and the submit button. */
export function FormDialog({
  opened = true,
  title,
  size,
  confirmLabel,
  color,
  loading,
  onSubmit,
  onClose,
  children,
}: Action & { onSubmit: FormEventHandler<HTMLFormElement> }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          {children}
          <DialogButtons onCancel={onClose}>
            <Button type="submit" color={color} loading={loading}>
              {confirmLabel}
            </Button>
          </DialogButtons>
        </Stack>
      </form>
    </Modal>
  );
}
