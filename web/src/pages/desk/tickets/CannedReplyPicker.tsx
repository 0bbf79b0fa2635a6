import { Button, Checkbox, Group, Modal, Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReplyView } from '../../../../../shared/tickets/conversation-schemas';
import { useApi } from '../../../api/context';
import { ticketDeskApi, translateDeskError, useCannedReplies } from '../../../api/ticketDesk';
import type { ComposerHandle } from '../../../components/tickets/Composer';
import { DialogButtons } from '../../../components/Dialogs';
import { FormAlert } from '../../../components/FormAlert';
import { Pending } from '../../../components/Pending';

/**
 * "Canned reply…": pick one (search by title, this ticket's category first), see it rendered for
 * this ticket by the API, then insert it into the composer (its id goes with the post to count the use).
 */
export function CannedReplyPicker({ ticketId, categoryId, composer }: { ticketId: string; categoryId: string; composer: ComposerHandle }) {
  const { t: tp } = useTranslation('translation', { keyPrefix: 'tickets.desk.canned' });
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {tp('open')}
      </Button>
      {open && (
        <PickerDialog
          ticketId={ticketId}
          categoryId={categoryId}
          onClose={() => setOpen(false)}
          onInsert={(text, id) => {
            composer.insert(text, id);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function PickerDialog({ ticketId, categoryId, onClose, onInsert }: { ticketId: string; categoryId: string; onClose: () => void; onInsert: (text: string, id: string) => void }) {
  const { t } = useTranslation();
  const { t: tp } = useTranslation('translation', { keyPrefix: 'tickets.desk.canned' });
  const api = ticketDeskApi(useApi());
  const [search, setSearch] = useState('');
  const [sameCategory, setSameCategory] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const replies = useCannedReplies({ ...(debounced ? { q: debounced } : {}), ...(sameCategory ? { categoryId } : {}) });
  const [chosen, setChosen] = useState<CannedReplyView | undefined>();
  const preview = useMutation({ mutationFn: (reply: CannedReplyView) => api.previewCannedReply(reply.cannedReplyId, ticketId) });
  const choose = (reply: CannedReplyView) => {
    setChosen(reply);
    preview.mutate(reply);
  };
  return (
    <Modal opened onClose={onClose} title={tp('title')} size="lg" centered>
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <TextInput label={tp('search')} placeholder={tp('searchHint')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-autofocus style={{ flex: 1 }} />
          <Checkbox label={tp('sameCategory')} checked={sameCategory} onChange={(e) => setSameCategory(e.currentTarget.checked)} mb={8} />
        </Group>
        {replies.isPending ? (
          <Pending />
        ) : replies.isError ? (
          <FormAlert error={replies.error} />
        ) : replies.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {tp('empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={220}>
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={tp('list')}>
              {replies.data.items.map((r) => (
                <li key={r.cannedReplyId}>
                  <UnstyledButton
                    onClick={() => choose(r)}
                    aria-pressed={chosen?.cannedReplyId === r.cannedReplyId}
                    p={6}
                    w="100%"
                    style={{
                      borderRadius: 'var(--mantine-radius-sm)',
                      background: chosen?.cannedReplyId === r.cannedReplyId ? 'var(--mantine-color-blue-light)' : undefined,
                    }}
                  >
                    <Text size="sm" fw={500}>
                      <bdi>{r.title}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      <bdi>{r.body}</bdi>
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        {chosen && (
          <Stack gap={4} component="section" aria-label={tp('preview')}>
            <Text size="sm" fw={500}>
              {tp('previewOf', { title: chosen.title })}
            </Text>
            {preview.isPending ? (
              <Pending />
            ) : preview.isError ? (
              <FormAlert error={translateDeskError(t, preview.error)} />
            ) : (
              preview.data && (
                <Paper withBorder p="sm" data-testid="canned-reply-preview">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                    {preview.data.text}
                  </Text>
                </Paper>
              )
            )}
          </Stack>
        )}
        <DialogButtons onCancel={onClose}>
          <Button disabled={!chosen || !preview.data} onClick={() => chosen && preview.data && onInsert(preview.data.text, chosen.cannedReplyId)}>
            {tp('insert')}
          </Button>
        </DialogButtons>
      </Stack>
    </Modal>
  );
}
