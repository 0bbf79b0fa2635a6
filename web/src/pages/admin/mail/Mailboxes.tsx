import { Button, Card, Group, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import {
  autoMailsPerHourLimits,
  maxMessageBytesLimits,
  unknownSenderPolicies,
  updateMailSettings,
  type MailSettingsView,
  type UpdateMailSettings,
} from '../../../../../shared/mail/admin-schemas';
import { en } from '../../../i18n/locales/en';
import { useApi } from '../../../api/context';
import { detailPaths, mailApi, mailKeys, translateMailError, useMailSettings } from '../../../api/mail';
import { flattenCategories, useSupportGroups, useTicketCategories } from '../../../api/ticketDesk';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, validationMessage, zodResolver } from '../../../forms/resolver';
import { PageHeader } from '../../PageHeader';

type FormIn = z.input<typeof updateMailSettings>;
const MB = 1024 * 1024;

function toForm(s: MailSettingsView): FormIn {
  return {
    mailboxes: s.mailboxes.map((m) => ({ address: m.address, groupId: m.groupId, categoryId: m.categoryId, ...(m.name ? { name: m.name } : {}) })),
    unknownSender: s.unknownSender,
    autoMailsPerHour: s.autoMailsPerHour,
    maxMessageBytes: s.maxMessageBytes,
    version: s.version,
  };
}

/** Admin → Mail → Mailboxes: support addresses mapped to a group and category, the unknown-sender policy and the limits. */
export function MailboxesPage() {
  const { t } = useTranslation();
  const settings = useMailSettings();
  const groups = useSupportGroups();
  const categories = useTicketCategories(false);
  // Kept here: the form remounts with the saved version after each save.
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <>
      <PageHeader title={t('mail.mailboxes.title')} lead={t('mail.mailboxes.lead')} />
      {/* The selects need their options before the form sets its values. */}
      <Loaded query={groups}>
        {() => (
          <Loaded query={categories}>
            {() => <Loaded query={settings}>{(data) => <SettingsForm key={data.version} settings={data} notice={notice} setNotice={setNotice} />}</Loaded>}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

function SettingsForm({ settings, notice, setNotice }: { settings: MailSettingsView; notice: string | undefined; setNotice: (n: string | undefined) => void }) {
  const { t } = useTranslation();
  const api = mailApi(useApi());
  const queryClient = useQueryClient();
  const groups = useSupportGroups();
  const categories = useTicketCategories(false);
  const flat = flattenCategories(categories.data?.items ?? []);
  const form = useForm<FormIn, unknown, UpdateMailSettings>({ resolver: zodResolver(updateMailSettings), defaultValues: toForm(settings) });
  const rows = useFieldArray({ control: form.control, name: 'mailboxes' });
  const save = useMutation({
    mutationFn: (values: UpdateMailSettings) => api.saveSettings(values),
    onMutate: () => setNotice(undefined),
    onSuccess: async (saved) => {
      queryClient.setQueryData(mailKeys.settings, saved);
      await queryClient.invalidateQueries({ queryKey: mailKeys.settings });
      setNotice(t('mail.mailboxes.saved'));
    },
    onError: (error) => {
      // The API names the offending fields (unknown group, duplicate address ...): show them in place.
      for (const [path, code] of Object.entries(detailPaths(error))) {
        const message = Object.hasOwn(en.mail.errors, code) ? t(`mail.errors.${code as keyof typeof en.mail.errors}`) : validationMessage('invalid');
        form.setError(path as FieldPath<FormIn>, { type: 'server', message });
      }
    },
  });
  const errors = form.formState.errors;
  const groupOptions = [{ value: '', label: t('mail.mailboxes.chooseGroup') }, ...(groups.data?.items ?? []).map((g) => ({ value: g.groupId, label: g.name }))];
  const categoryOptions = [{ value: '', label: t('mail.mailboxes.chooseCategory') }, ...flat.map((c) => ({ value: c.node.categoryId, label: c.path }))];
  const known = new Map(settings.mailboxes.map((m) => [m.address, m]));
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
      <Stack gap="md">
        {notice && <FormSuccess>{notice}</FormSuccess>}
        {settings.version === 0 && (
          <Text size="sm" c="dimmed">
            {t('mail.mailboxes.defaults')}
          </Text>
        )}
        <FormAlert error={save.error ? translateMailError(t, save.error) : null} />
        <Card withBorder radius="md" padding="md" component="section" aria-labelledby="mailboxes-heading">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="mailboxes-heading">
              {t('mail.mailboxes.caption')}
            </Title>
            <Button variant="light" onClick={() => rows.append({ address: '', groupId: '', categoryId: '' })}>
              {t('mail.mailboxes.add')}
            </Button>
          </Group>
          {errors.mailboxes?.root?.message || errors.mailboxes?.message ? (
            <Text size="sm" c="red" role="alert">
              {fieldError(t, errors.mailboxes?.root ?? errors.mailboxes)}
            </Text>
          ) : null}
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="mailboxes-table" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.mailboxes.address')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.name')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.group')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.category')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.fields.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed">
                        {t('mail.mailboxes.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {rows.fields.map((row, index) => {
                  const rowErrors = errors.mailboxes?.[index];
                  const saved = known.get(row.address);
                  const address = form.watch(`mailboxes.${index}.address`) || String(index + 1);
                  return (
                    <Table.Tr key={row.id} data-testid="mailbox-row">
                      <Table.Td>
                        <TextInput
                          aria-label={`${t('mail.mailboxes.address')} ${index + 1}`}
                          dir="ltr"
                          type="email"
                          {...form.register(`mailboxes.${index}.address`)}
                          error={fieldError(t, rowErrors?.address)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={`${t('mail.mailboxes.name')} ${index + 1}`}
                          {...form.register(`mailboxes.${index}.name`, { setValueAs: (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined) })}
                          error={fieldError(t, rowErrors?.name)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={`${t('mail.mailboxes.group')} ${index + 1}`}
                          data={groupOptions}
                          {...form.register(`mailboxes.${index}.groupId`)}
                          error={fieldError(t, rowErrors?.groupId) ?? (saved && saved.groupName === null ? t('mail.mailboxes.missing') : undefined)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={`${t('mail.mailboxes.category')} ${index + 1}`}
                          data={categoryOptions}
                          {...form.register(`mailboxes.${index}.categoryId`)}
                          error={
                            fieldError(t, rowErrors?.categoryId) ??
                            (saved && saved.categoryName === null ? t('mail.mailboxes.missing') : saved && !saved.categoryActive ? t('mail.mailboxes.inactive') : undefined)
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" color="red" onClick={() => rows.remove(index)} aria-label={t('mail.mailboxes.removeFor', { address })}>
                          {t('mail.mailboxes.remove')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        <Card withBorder radius="md" padding="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Controller
              control={form.control}
              name="unknownSender"
              render={({ field }) => (
                <Radio.Group label={t('mail.mailboxes.policy')} value={field.value} onChange={(v) => field.onChange(v)} error={fieldError(t, errors.unknownSender)}>
                  <Stack gap="xs" mt="xs">
                    {unknownSenderPolicies.map((p) => (
                      <Radio key={p} value={p} label={t(`mail.mailboxes.policies.${p}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
            />
            <Stack gap="sm">
              <Text fw={500} size="sm">
                {t('mail.mailboxes.limits')}
              </Text>
              <Controller
                control={form.control}
                name="autoMailsPerHour"
                render={({ field }) => (
                  <NumberInput
                    label={t('mail.mailboxes.autoMails')}
                    description={t('mail.mailboxes.autoMailsHint', { min: String(autoMailsPerHourLimits.min), max: String(autoMailsPerHourLimits.max) })}
                    min={autoMailsPerHourLimits.min}
                    max={autoMailsPerHourLimits.max}
                    allowDecimal={false}
                    value={field.value}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v))}
                    error={fieldError(t, errors.autoMailsPerHour)}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="maxMessageBytes"
                render={({ field }) => (
                  <NumberInput
                    label={t('mail.mailboxes.maxSize')}
                    description={t('mail.mailboxes.maxSizeHint', { min: String(maxMessageBytesLimits.min / MB), max: String(maxMessageBytesLimits.max / MB) })}
                    min={maxMessageBytesLimits.min / MB}
                    max={maxMessageBytesLimits.max / MB}
                    decimalScale={1}
                    value={Math.round((field.value / MB) * 10) / 10}
                    onChange={(v) => field.onChange(Math.round((typeof v === 'number' ? v : Number(v)) * MB))}
                    error={fieldError(t, errors.maxMessageBytes)}
                  />
                )}
              />
            </Stack>
          </SimpleGrid>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('mail.mailboxes.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
