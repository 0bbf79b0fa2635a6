import { Badge, Button, Card, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { putMailTemplate, type MailTemplateView, type PutMailTemplate } from '../../../../../shared/notifications/schemas';
import { isApiError } from '../../../api/client';
import { useApi } from '../../../api/context';
import { mailApi, mailKeys, translateMailError, unknownTokens, useMailTemplates } from '../../../api/mail';
import { DataTable } from '../../../components/DataTable';
import { ConfirmDialog, DialogButtons } from '../../../components/Dialogs';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { MailFrame } from '../../../components/tickets/MailFrame';
import { fieldError, zodResolver } from '../../../forms/resolver';
import { PageHeader } from '../../PageHeader';

/** Admin → Mail → Email templates: every event × language, with an editor (variables, live preview, save, reset). */
export function MailTemplatesPage() {
  const { t } = useTranslation();
  const templates = useMailTemplates();
  const [editing, setEditing] = useState<MailTemplateView | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const done = (message: string) => {
    setEditing(undefined);
    setNotice(message);
  };
  return (
    <>
      <PageHeader title={t('mail.templates.title')} lead={t('mail.templates.lead')} />
      <Stack gap="md">
        {notice && <FormSuccess>{notice}</FormSuccess>}
        <Card withBorder radius="md" padding="md">
          <Loaded query={templates}>
            {(data) => (
              <DataTable
                testId="mail-templates-table"
                caption={t('mail.templates.caption')}
                columns={[t('mail.templates.event'), t('mail.templates.language'), t('mail.templates.subject'), t('mail.templates.state')]}
                items={data.items}
                row={(tpl) => {
                  const event = t(`mail.events.${tpl.event}`);
                  const language = t(`languages.${tpl.language}`);
                  return (
                    <Table.Tr key={`${tpl.event}.${tpl.language}`} data-testid="mail-template-row" data-event={tpl.event} data-language={tpl.language}>
                      <Table.Td>{event}</Table.Td>
                      <Table.Td>{language}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        <bdi dir={tpl.language === 'ar' ? 'rtl' : 'ltr'}>{tpl.subject}</bdi>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={tpl.overridden ? 'blue' : 'gray'}>
                          {tpl.overridden ? t('mail.templates.overridden') : t('mail.templates.standard')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setEditing(tpl)} aria-label={t('mail.templates.editFor', { event, language })}>
                          {t('mail.templates.edit')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                }}
              />
            )}
          </Loaded>
        </Card>
      </Stack>
      {editing && <TemplateEditor template={editing} onClose={() => setEditing(undefined)} onDone={done} />}
    </>
  );
}

function TemplateEditor({ template, onClose, onDone }: { template: MailTemplateView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const api = mailApi(useApi());
  const queryClient = useQueryClient();
  const [resetting, setResetting] = useState(false);
  const fields = useRef<{ subject: HTMLInputElement | null; body: HTMLTextAreaElement | null; last: 'subject' | 'body' }>({ subject: null, body: null, last: 'body' });
  const form = useForm<z.input<typeof putMailTemplate>, unknown, PutMailTemplate>({
    resolver: zodResolver(putMailTemplate),
    defaultValues: { subject: template.subject, body: template.body, version: template.version },
  });
  const changed = () => queryClient.invalidateQueries({ queryKey: mailKeys.templates });
  const save = useMutation({
    mutationFn: (v: PutMailTemplate) => api.saveTemplate(template.event, template.language, v),
    onSuccess: async () => {
      await changed();
      onDone(t('mail.templates.saved'));
    },
  });
  const reset = useMutation({
    mutationFn: () => api.resetTemplate(template.event, template.language),
    onSuccess: async () => {
      await changed();
      onDone(t('mail.templates.resetDone'));
    },
  });
  const subject = form.watch('subject') ?? '';
  const body = form.watch('body') ?? '';
  const [previewSubject] = useDebouncedValue(subject.trim(), 500);
  const [previewBody] = useDebouncedValue(body.trim(), 500);
  const previewInput = { subject: previewSubject, body: previewBody };
  const preview = useQuery({
    queryKey: [...mailKeys.template(template.event, template.language), 'preview', previewInput],
    queryFn: () => api.previewTemplate(template.event, template.language, previewInput),
    enabled: !!previewInput.subject && !!previewInput.body,
    retry: false,
    staleTime: Infinity,
  });
  // The API's refusal stays on the field only while the refused text is unchanged.
  const refusedByServer =
    isApiError(save.error) && save.error.code === 'unknown_template_variable' && save.variables?.subject === subject && save.variables?.body === body;
  const tokenError = (text: string, field: 'subject' | 'body') => {
    const unknown = unknownTokens(text, template.variables);
    if (unknown.length) return t('mail.templates.unknownVariable', { names: unknown.map((n) => `{{${n}}}`).join(', ') });
    if (refusedByServer && field === 'body' && unknownTokens(subject, template.variables).length === 0) return t('mail.templates.unknownVariableServer');
    return undefined;
  };
  const errors = form.formState.errors;
  const insert = (name: string) => {
    const which = fields.current.last;
    const el = fields.current[which];
    const value = which === 'subject' ? subject : body;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    form.setValue(which, `${value.slice(0, start)}${token}${value.slice(end)}`, { shouldDirty: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const { ref: subjectRef, ...subjectField } = form.register('subject');
  const { ref: bodyRef, ...bodyField } = form.register('body');
  const event = t(`mail.events.${template.event}`);
  const language = t(`languages.${template.language}`);
  const dir = template.language === 'ar' ? 'rtl' : 'ltr';
  return (
    <Modal opened onClose={onClose} title={t('mail.templates.editTitle', { event, language })} size="90rem" centered>
      <form noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="sm">
            {save.error && !(isApiError(save.error) && save.error.code === 'unknown_template_variable') ? <FormAlert error={translateMailError(t, save.error)} /> : null}
            <TextInput
              label={t('mail.templates.subject')}
              required
              dir={dir}
              {...subjectField}
              ref={(el) => {
                subjectRef(el);
                fields.current.subject = el;
              }}
              onFocus={() => (fields.current.last = 'subject')}
              error={fieldError(t, errors.subject) ?? tokenError(subject, 'subject')}
            />
            <Textarea
              label={t('mail.templates.body')}
              required
              dir={dir}
              autosize
              minRows={8}
              maxRows={20}
              {...bodyField}
              ref={(el) => {
                bodyRef(el);
                fields.current.body = el;
              }}
              onFocus={() => (fields.current.last = 'body')}
              error={fieldError(t, errors.body) ?? tokenError(body, 'body')}
            />
            <Stack gap={4} component="section" aria-label={t('mail.templates.variables')}>
              <Text size="sm" fw={500}>
                {t('mail.templates.variables')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('mail.templates.variablesHint')}
              </Text>
              <Group gap={6} data-testid="template-variables">
                {template.variables.map((v) => (
                  <UnstyledButton key={v} onMouseDown={(e) => e.preventDefault()} onClick={() => insert(v)} aria-label={t('mail.templates.insert', { name: v })}>
                    <Badge variant="outline" style={{ textTransform: 'none', cursor: 'pointer' }}>
                      <bdi dir="ltr">{`{{${v}}}`}</bdi>
                    </Badge>
                  </UnstyledButton>
                ))}
              </Group>
            </Stack>
          </Stack>
          <Stack gap="xs" component="section" aria-label={t('mail.templates.preview')} data-testid="template-preview">
            <Text size="sm" fw={500}>
              {t('mail.templates.preview')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('mail.templates.previewHint')}
            </Text>
            {preview.isError ? <FormAlert error={translateMailError(t, preview.error)} /> : null}
            {preview.data && (
              <>
                <Text size="sm" fw={600} dir={dir} data-testid="preview-subject">
                  {preview.data.subject}
                </Text>
                <MailFrame html={preview.data.html} title={t('mail.templates.previewFrame')} testId="preview-frame" height={360} />
                <Text size="xs" fw={500}>
                  {t('mail.templates.previewText')}
                </Text>
                <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
                  <Text size="sm" dir={dir} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
                    {preview.data.text}
                  </Text>
                </Paper>
              </>
            )}
          </Stack>
        </SimpleGrid>
        <Group justify="space-between" mt="lg">
          {template.overridden ? (
            <Button variant="subtle" color="red" onClick={() => setResetting(true)}>
              {t('mail.templates.reset')}
            </Button>
          ) : (
            <span />
          )}
          <DialogButtons onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('mail.templates.save')}
            </Button>
          </DialogButtons>
        </Group>
      </form>
      {resetting && (
        <ConfirmDialog
          title={t('mail.templates.resetTitle')}
          confirmLabel={t('mail.templates.reset')}
          color="red"
          loading={reset.isPending}
          error={reset.error ? translateMailError(t, reset.error) : null}
          onConfirm={() => reset.mutate()}
          onClose={() => setResetting(false)}
        >
          <Text size="sm">{t('mail.templates.resetBody')}</Text>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
