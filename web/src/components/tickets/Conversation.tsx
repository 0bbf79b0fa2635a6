import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useMe } from '../../api/identity';
import { ticketsApi, translateTicketError, type MessageView } from '../../api/tickets';
import { DateTime } from '../DateTime';
import { useFileSize } from '../DocumentCells';
import { FormAlert } from '../FormAlert';
import { EmailMessage } from './EmailMessage';

interface FileRef {
  attachmentId: string;
  fileName: string;
  size: number;
}

/** A small padlock, for internal notes (decorative: the badge text says it). */
export function LockIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

/**
 * The message thread of a ticket, oldest first. Internal notes are shown only with `showInternal`
 * (desk), on a yellow background with a padlock "Internal note" badge; without it they are never
 * rendered, whatever the API sent.
 */
export function Conversation({ ticketId, messages, showInternal = false }: { ticketId: string; messages: readonly MessageView[]; showInternal?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const shown = messages.filter((m) => m.kind === 'reply' || (showInternal && m.kind === 'note'));
  if (shown.length === 0) return <Text c="dimmed" size="sm">{t('tickets.conversation.empty')}</Text>;
  return (
    <Stack gap="sm" component="ol" aria-label={t('tickets.conversation.label')} style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="ticket-conversation">
      {shown.map((m) => (
        <li key={m.messageId}>
          <MessageCard ticketId={ticketId} message={m} mine={m.authorId === me.data?.userId} desk={me.data?.isStaff ?? false} />
        </li>
      ))}
    </Stack>
  );
}

function MessageCard({ ticketId, message, mine, desk }: { ticketId: string; message: MessageView; mine: boolean; desk: boolean }) {
  const { t } = useTranslation();
  const internal = message.kind === 'note';
  const who = mine ? t('tickets.conversation.you') : message.authorName;
  const side = message.authorKind === 'staff' ? t('tickets.conversation.support') : t('tickets.conversation.customer');
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={internal ? 'ticket-note' : 'ticket-reply'}
      data-kind={message.kind}
      style={{
        backgroundColor: internal ? 'var(--mantine-color-yellow-light)' : message.authorKind === 'staff' ? 'var(--mantine-color-blue-light)' : undefined,
        borderColor: internal ? 'var(--mantine-color-yellow-6)' : undefined,
        borderInlineStartWidth: internal ? 4 : undefined,
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm">
              <bdi>{who}</bdi>
            </Text>
            <Text size="xs" c="dimmed">
              {side}
            </Text>
            {internal && (
              <Badge color="yellow" variant="filled" leftSection={<LockIcon size={12} />} title={t('tickets.conversation.internalHint')}>
                {t('tickets.conversation.internal')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            <DateTime iso={message.createdAt} />
          </Text>
        </Group>
        {message.channel === 'email' ? (
          <EmailMessage ticketId={ticketId} message={message} desk={desk} />
        ) : (
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.body}
          </Text>
        )}
        {message.attachments.length > 0 && <AttachmentList ticketId={ticketId} files={message.attachments} />}
      </Stack>
    </Paper>
  );
}

/** Files of a ticket or message, each with a download button (a short-lived link the API signs after its checks). */
export function AttachmentList({ ticketId, files }: { ticketId: string; files: readonly FileRef[] }) {
  const { t } = useTranslation();
  const api = ticketsApi(useApi());
  const fileSize = useFileSize();
  const [downloading, setDownloading] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const download = async (file: FileRef) => {
    setError(undefined);
    setDownloading(file.attachmentId);
    try {
      const link = await api.downloadLink(ticketId, file.attachmentId);
      // The link answers with Content-Disposition: attachment, so the browser saves the file.
      window.location.assign(link.url);
    } catch (e) {
      setError(e);
    } finally {
      setDownloading(undefined);
    }
  };
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600}>
        {t('tickets.conversation.attachments')}
      </Text>
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="ticket-attachments">
        {files.map((f) => (
          <Group key={f.attachmentId} component="li" gap="xs" wrap="nowrap">
            <Button
              size="compact-xs"
              variant="light"
              loading={downloading === f.attachmentId}
              aria-label={t('tickets.conversation.downloadFor', { name: f.fileName })}
              onClick={() => void download(f)}
            >
              {t('tickets.conversation.download')}
            </Button>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              <bdi>{f.fileName}</bdi>
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {fileSize(f.size)}
            </Text>
          </Group>
        ))}
      </Stack>
      <FormAlert error={translateTicketError(t, error)} />
    </Stack>
  );
}
