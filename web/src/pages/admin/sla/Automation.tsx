import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { updateSlaSettings, type UpdateSlaSettings } from '../../../../../shared/sla/schemas';
import { useApi } from '../../../api/context';
import { slaAdminApi, slaAdminKeys, translateSlaError, useSlaCalendars, useSlaSettings, type SlaSettingsView } from '../../../api/sla-admin';
import { FormAlert, FormSuccess } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';

/** The automation tab: the default calendar and the auto-close / waiting-reminder rules. */
export function AutomationPanel() {
  const settings = useSlaSettings();
  return <Loaded query={settings}>{(data) => <SettingsForm key={data.version} settings={data} />}</Loaded>;
}

type Form = z.input<typeof updateSlaSettings>;

function SettingsForm({ settings }: { settings: SlaSettingsView }) {
  const { t } = useTranslation();
  const api = slaAdminApi(useApi());
  const queryClient = useQueryClient();
  const calendars = useSlaCalendars().data?.items ?? [];
  const [saved, setSaved] = useState(false);
  const { updatedAt: _, ...values } = settings;
  const form = useForm<Form, unknown, UpdateSlaSettings>({ resolver: zodResolver(updateSlaSettings), defaultValues: values });
  const save = useMutation({
    mutationFn: (body: UpdateSlaSettings) => api.updateSettings(body),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: slaAdminKeys.all });
    },
  });
  const errors = form.formState.errors;
  const days = (name: FieldPath<Form>, label: string, error: { message?: string } | undefined) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <NumberInput label={label} min={1} max={365} allowDecimal={false} value={(field.value as number | undefined) ?? ''} onChange={(v) => field.onChange(v === '' ? undefined : Number(v))} error={fieldError(t, error)} />
      )}
    />
  );
  return (
    <Card withBorder radius="md" padding="md">
      <form noValidate onSubmit={form.handleSubmit((body) => save.mutate(body))}>
        <Stack gap="md" maw={640}>
          {saved && !save.isPending && !save.error && <FormSuccess>{t('sla.saved')}</FormSuccess>}
          <FormAlert error={save.error ? translateSlaError(t, save.error) : null} />
          <Controller
            control={form.control}
            name="defaultCalendarId"
            render={({ field }) => (
              <Select
                label={t('sla.automation.defaultCalendar')}
                description={t('sla.automation.defaultCalendarHint')}
                data={calendars.map((c) => ({ value: c.calendarId, label: c.name }))}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v || null)}
                placeholder={t('sla.automation.none')}
                clearable
              />
            )}
          />
          <Checkbox label={t('sla.automation.autoClose')} {...form.register('autoClose.enabled')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {days('autoClose.afterDays', t('sla.automation.autoCloseAfter'), errors.autoClose?.afterDays)}
            {days('autoClose.reopenDays', t('sla.automation.reopenDays'), errors.autoClose?.reopenDays)}
          </SimpleGrid>
          <Checkbox label={t('sla.automation.waitingReminder')} {...form.register('waitingReminder.enabled')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {days('waitingReminder.afterDays', t('sla.automation.remindAfter'), errors.waitingReminder?.afterDays)}
            {days('waitingReminder.resolveAfterDays', t('sla.automation.resolveAfter'), errors.waitingReminder?.resolveAfterDays)}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('sla.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
