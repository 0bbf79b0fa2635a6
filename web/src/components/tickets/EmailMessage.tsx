import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { mailApi, translateMailError } from '../../api/mail';
import { ticketsApi, type MessageView } from '../../api/tickets';
import { FormAlert } from '../FormAlert';
import { MailFrame } from './MailFrame';

type Verdicts = NonNullable<MessageView['verdicts']>;
const verdictNames = ['spf', 'dkim', 'dmarc', 'spam', 'virus'] as const satisfies readonly (keyof Verdicts)[];

/** PASS / FAIL / anything else (GRAY, PROCESSING_FAILED, missing). */
function verdictState(value: string | undefined): 'pass' | 'fail' | 'gray' {
  const v = (value ?? '').toUpperCase();
  return v === 'PASS' ? 'pass' : v === 'FAIL' ? 'fail' : 'gray';
}

const noImages: Readonly<Record<string, string>> = {};
const colours = { pass: 'green', fail: 'red', gray: 'gray' } as const;

/** SPF, DKIM, DMARC, spam and virus results of the received mail (staff only: the API sends them only to staff). */
export function VerdictBadges({ verdicts }: { verdicts: Verdicts }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" data-testid="mail-verdicts">
      {verdictNames.map((name) => {
        const state = verdictState(verdicts[name]);
        return (
          <Badge key={name} size="sm" variant="light" color={colours[state]} data-verdict={name} data-state={state}>
            {t(`mail.verdicts.${name}`)}: {t(`mail.verdicts.states.${state}`)}
          </Badge>
        );
      })}
    </Group>
  );
}

/** Download links of the message's inline images, by lowercased Content-ID (only when the HTML refers to `cid:`). */
function useInlineImages(ticketId: string, message: MessageView, enabled: boolean) {
  const api = ticketsApi(useApi());
  const inline = message.attachments.filter((a) => a.contentId && a.contentType.startsWith('image/'));
  return useQuery({
    queryKey: ['tickets', 'one', ticketId, 'inline-images', message.messageId],
    enabled: enabled && inline.length > 0 && /\bcid:/i.test(message.html ?? ''),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const entries = await Promise.all(
        inline.map(async (a) => [a.contentId!.replace(/^<|>$/g, '').toLowerCase(), (await api.downloadLink(ticketId, a.attachmentId)).url] as const),
      );
      return Object.fromEntries(entries) as Record<string, string>;
    },
  });
}

/** Plain text, with the quoted history (from `quoteStart`) folded away until asked for. */
function PlainBody({ body, quoteStart }: { body: string; quoteStart: number | undefined }) {
  const { t } = useTranslation();
  const [showQuote, setShowQuote] = useState(false);
  const cut = quoteStart !== undefined && quoteStart > 0 && quoteStart < body.length ? quoteStart : undefined;
  const text = cut === undefined || showQuote ? body : body.slice(0, cut).trimEnd();
  return (
    <Stack gap={4}>
      <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="mail-text">
        {text}
      </Text>
      {cut !== undefined && (
        <Anchor component="button" type="button" size="xs" onClick={() => setShowQuote((v) => !v)} aria-expanded={showQuote} style={{ alignSelf: 'flex-start' }}>
          {showQuote ? t('mail.message.hideQuoted') : t('mail.message.showQuoted')}
        </Anchor>
      )}
    </Stack>
  );
}

/**
 * A message that arrived by email. Desk: sender, CC, verdicts, the sanitised HTML in a sandboxed
 * frame (remote images on request, inline images from the ticket's files), a plain-text view, and
 * the original .eml. Portal: the sender and the plain text.
 */
export function EmailMessage({ ticketId, message, desk }: { ticketId: string; message: MessageView; desk: boolean }) {
  const { t } = useTranslation();
  const api = mailApi(useApi());
  const hasHtml = desk && !!message.html;
  const [view, setView] = useState<'html' | 'text'>('html');
  const [showRemote, setShowRemote] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>();
  const showHtml = hasHtml && view === 'html';
  const images = useInlineImages(ticketId, message, showHtml);
  const downloadOriginal = async () => {
    setError(undefined);
    setDownloading(true);
    try {
      const link = await api.original(ticketId, message.messageId);
      window.location.assign(link.url);
    } catch (e) {
      setError(e);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Stack gap="xs" data-testid="email-message">
      <Stack gap={2}>
        <Group gap="xs" wrap="wrap">
          <Badge size="xs" variant="outline">
            {t('mail.message.email')}
          </Badge>
          <Text size="xs">
            {t('mail.message.from')}: {message.fromName && <bdi>{message.fromName} </bdi>}
            {message.fromEmail && <bdi dir="ltr">&lt;{message.fromEmail}&gt;</bdi>}
          </Text>
        </Group>
        {message.cc && message.cc.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('mail.message.cc')}: <bdi dir="ltr">{message.cc.join(', ')}</bdi>
          </Text>
        )}
        {desk && message.verdicts && <VerdictBadges verdicts={message.verdicts} />}
      </Stack>
      {(hasHtml || (desk && message.inboundId)) && (
        <Group gap="sm" wrap="wrap">
          {hasHtml && (
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as 'html' | 'text')}
              aria-label={t('mail.message.view')}
              data={[
                { value: 'html', label: t('mail.message.html') },
                { value: 'text', label: t('mail.message.text') },
              ]}
            />
          )}
          {showHtml && message.hasRemoteImages && (
            <Switch size="xs" label={t('mail.message.remoteImages')} checked={showRemote} onChange={(e) => setShowRemote(e.currentTarget.checked)} />
          )}
          {desk && message.inboundId && (
            <Button size="compact-xs" variant="light" loading={downloading} onClick={() => void downloadOriginal()}>
              {t('mail.message.original')}
            </Button>
          )}
        </Group>
      )}
      {showHtml ? (
        <MailFrame html={message.html!} title={t('mail.message.frameTitle', { from: message.fromEmail ?? '' })} showRemote={showRemote} inlineImages={images.data ?? noImages} />
      ) : (
        <PlainBody body={message.body} quoteStart={message.quoteStart} />
      )}
      <FormAlert error={translateMailError(t, error)} />
    </Stack>
  );
}
