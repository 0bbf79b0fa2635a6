import { Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { maxMessageLength, ticketKeys, ticketsApi, translateTicketError, type PostMessageResult } from '../../api/tickets';
import { FormAlert } from '../FormAlert';
import { AttachmentPicker, useAttachmentUploads } from './AttachmentPicker';
import { LockIcon } from './Conversation';

export type ComposerMode = 'reply' | 'note';

/** What `extraActions` may do when given as a function (e.g. the desk's canned-reply picker). */
export interface ComposerHandle {
  mode: ComposerMode;
  /** Puts `text` into the message at the end (or replaces an empty one); `cannedReplyId` is sent with the post to count the use. */
  insert: (text: string, cannedReplyId?: string) => void;
}

/**
 * Writes one message on a ticket: body, attachments with upload progress, and, with
 * `allowInternal` (staff), a "Reply / Internal note" switch. Files are uploaded when the message is
 * sent, then posted with it. `extraActions` sits beside the send button.
 */
export function Composer({
  ticketId,
  allowInternal = false,
  extraActions,
  onSent,
  disabled = false,
}: {
  ticketId: string;
  allowInternal?: boolean;
  extraActions?: ReactNode | ((handle: ComposerHandle) => ReactNode);
  onSent?: (result: PostMessageResult) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const api = ticketsApi(useApi());
  const queryClient = useQueryClient();
  const uploads = useAttachmentUploads();
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [body, setBody] = useState('');
  const [cannedReplyId, setCannedReplyId] = useState<string | undefined>();
  const [bodyError, setBodyError] = useState<string | undefined>();
  const kind: ComposerMode = allowInternal ? mode : 'reply';

  const send = useMutation({
    mutationFn: async () => {
      const attachmentIds = await uploads.uploadAll(api, ticketId);
      return api.postMessage(ticketId, { kind, body, attachmentIds, ...(cannedReplyId ? { cannedReplyId } : {}) });
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ticketKeys.ticket(ticketId) }), queryClient.invalidateQueries({ queryKey: ticketKeys.lists })]),
    onSuccess: (result) => {
      setBody('');
      setCannedReplyId(undefined);
      uploads.reset();
      onSent?.(result);
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = body.trim();
    if (!trimmed) return setBodyError(t('validation.required'));
    if (trimmed.length > maxMessageLength) return setBodyError(t('validation.tooLong', { max: String(maxMessageLength) }));
    setBodyError(undefined);
    send.mutate();
  };

  const handle: ComposerHandle = {
    mode: kind,
    insert: (text, id) => {
      setBody((current) => (current.trim() ? `${current.replace(/\s+$/, '')}\n\n${text}` : text));
      setBodyError(undefined);
      if (id) setCannedReplyId(id);
    },
  };
  const busy = send.isPending;
  const note = kind === 'note';

  return (
    <form noValidate onSubmit={submit} data-testid="ticket-composer">
      <Stack
        gap="sm"
        p={note ? 'sm' : 0}
        style={note ? { backgroundColor: 'var(--mantine-color-yellow-light)', borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-yellow-6)' } : undefined}
      >
        {allowInternal && (
          <SegmentedControl
            aria-label={t('tickets.composer.mode')}
            value={mode}
            onChange={(v) => setMode(v as ComposerMode)}
            data={[
              { value: 'reply', label: t('tickets.composer.modes.reply') },
              { value: 'note', label: t('tickets.composer.modes.note') },
            ]}
            style={{ alignSelf: 'flex-start' }}
            disabled={busy || disabled}
          />
        )}
        {note && (
          <Group gap={6} c="yellow.9">
            <LockIcon />
            <Text size="sm" fw={500}>
              {t('tickets.composer.noteWarning')}
            </Text>
          </Group>
        )}
        <Textarea
          label={note ? t('tickets.composer.note') : t('tickets.composer.message')}
          required
          autosize
          minRows={4}
          maxRows={16}
          dir="auto"
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            if (!e.currentTarget.value.trim()) setCannedReplyId(undefined);
          }}
          error={bodyError}
          disabled={busy || disabled}
        />
        <AttachmentPicker uploads={uploads} disabled={busy || disabled} />
        <FormAlert error={translateTicketError(t, send.error)} />
        <Group justify="space-between" gap="sm">
          <Group gap="sm">{typeof extraActions === 'function' ? extraActions(handle) : extraActions}</Group>
          <Button type="submit" loading={busy} disabled={disabled} color={note ? 'yellow' : undefined} leftSection={note ? <LockIcon /> : undefined}>
            {note ? t('tickets.composer.sendNote') : t('tickets.composer.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
