import { Button, CloseButton, FileButton, Group, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  attachmentExtensions,
  attachmentProblem,
  blockedExtensions,
  defaultAttachmentLimits,
  uploadTicketAttachment,
  type TicketsApi,
} from '../../api/tickets';
import { useFileSize } from '../DocumentCells';
import { UploadProgress } from '../UploadProgress';

export interface PickedFile {
  key: number;
  file: File;
  /** Upload progress 0–1 while it is being sent; undefined otherwise. */
  fraction?: number;
  /** Set once the API checked the stored file. */
  attachmentId?: string;
}

const accept = Object.keys(attachmentExtensions).map((e) => `.${e}`).join(',');
const megabytes = String(Math.round(defaultAttachmentLimits.maxBytes / 1024 / 1024));

/**
 * Files chosen for one message, checked here first (size, accepted extensions, no executable or
 * script extension anywhere in the name; the API checks again and inspects the stored bytes),
 * then uploaded one by one with progress. Files already uploaded are not sent again on a retry.
 */
export function useAttachmentUploads() {
  const { t } = useTranslation();
  const [items, setItems] = useState<PickedFile[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const nextKey = useRef(1);

  const add = useCallback(
    (files: File[]) => {
      const found: string[] = [];
      const accepted: PickedFile[] = [];
      for (const file of files) {
        const problem = attachmentProblem(file, defaultAttachmentLimits, attachmentExtensions, blockedExtensions);
        if (problem === 'tooLarge') found.push(t('tickets.composer.tooLarge', { name: file.name, size: megabytes }));
        else if (problem === 'badType') found.push(t('tickets.composer.badType', { name: file.name }));
        else accepted.push({ key: nextKey.current++, file });
      }
      const all = [...items, ...accepted];
      if (all.length > defaultAttachmentLimits.perMessage) found.push(t('tickets.composer.tooMany', { max: String(defaultAttachmentLimits.perMessage) }));
      setItems(all.slice(0, defaultAttachmentLimits.perMessage));
      setProblems(found);
    },
    [t, items],
  );

  const remove = useCallback((key: number) => setItems((current) => current.filter((i) => i.key !== key)), []);
  const reset = useCallback(() => {
    setItems([]);
    setProblems([]);
  }, []);

  /** Uploads every file not uploaded yet to `ticketId`; resolves with all their attachment ids. */
  const uploadAll = useCallback(
    async (api: TicketsApi, ticketId: string): Promise<string[]> => {
      const ids: string[] = [];
      for (const item of items) {
        if (item.attachmentId) {
          ids.push(item.attachmentId);
          continue;
        }
        const update = (patch: Partial<PickedFile>) => setItems((current) => current.map((i) => (i.key === item.key ? { ...i, ...patch } : i)));
        update({ fraction: 0 });
        try {
          const done = await uploadTicketAttachment(api, ticketId, item.file, (fraction) => update({ fraction }));
          update({ fraction: undefined, attachmentId: done.attachmentId });
          ids.push(done.attachmentId);
        } catch (error) {
          update({ fraction: undefined });
          throw error;
        }
      }
      return ids;
    },
    [items],
  );

  return { items, problems, add, remove, reset, uploadAll };
}

export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;

/** The "Attach files" button, the chosen files (removable until sent) and each upload's progress. */
export function AttachmentPicker({ uploads, disabled }: { uploads: AttachmentUploads; disabled?: boolean }) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  // Cleared after each choice, so the same file can be chosen again after removing it.
  const resetRef = useRef<() => void>(null);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <FileButton
          resetRef={resetRef}
          onChange={(files) => {
            uploads.add(files);
            resetRef.current?.();
          }}
          multiple
          accept={accept}
          disabled={disabled ?? false}
        >
          {(props) => (
            <Button {...props} variant="default" size="xs" disabled={disabled ?? false}>
              {t('tickets.composer.attach')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('tickets.composer.attachHint', { max: String(defaultAttachmentLimits.perMessage), size: megabytes })}
        </Text>
      </Group>
      {uploads.problems.length > 0 && (
        <Stack gap={2} role="alert">
          {uploads.problems.map((p) => (
            <Text key={p} size="sm" c="red">
              {p}
            </Text>
          ))}
        </Stack>
      )}
      {uploads.items.length > 0 && (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="picked-files">
          {uploads.items.map((item) => (
            <li key={item.key}>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <bdi>{item.file.name}</bdi>{' '}
                  <Text span size="xs" c="dimmed">
                    {fileSize(item.file.size)}
                  </Text>
                </Text>
                {!item.attachmentId && item.fraction === undefined && (
                  <CloseButton size="sm" disabled={disabled ?? false} aria-label={t('tickets.composer.remove', { name: item.file.name })} onClick={() => uploads.remove(item.key)} />
                )}
              </Group>
              <UploadProgress
                fraction={item.fraction}
                sending={(percent) => t('tickets.composer.sending', { name: item.file.name, percent })}
                checking={t('tickets.composer.checking', { name: item.file.name })}
              />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
