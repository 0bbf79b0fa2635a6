import { Badge, Select, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { createSlaCalendar, type CreateSlaCalendar } from '../../../../../shared/sla/schemas';
import { useApi } from '../../../api/context';
import { slaAdminApi, slaAdminKeys, translateSlaError, useSlaCalendars, type SlaCalendarView } from '../../../api/sla-admin';
import { AdminListBody, DeleteDialog, RowActions, useListDialogs } from '../../../components/AdminListPage';
import { DataTable } from '../../../components/DataTable';
import { FormDialog } from '../../../components/Dialogs';
import { FormAlert } from '../../../components/FormAlert';
import { Loaded } from '../../../components/Pending';
import { fieldError, zodResolver } from '../../../forms/resolver';
import { dayKeys, HolidaysEditor, WeekGrid } from './WeekGrid';

type Dialog = { kind: 'create' } | { kind: 'edit'; calendar: SlaCalendarView } | { kind: 'delete'; calendar: SlaCalendarView };

const officeHours = () => [0, 1, 2, 3, 4].map(() => [{ start: '09:00', end: '18:00' }]).concat([[], []]);

/** The calendars tab: list with hours per day, create, edit (week grid + holidays), delete. */
export function CalendarsPanel() {
  const { t } = useTranslation();
  const api = slaAdminApi(useApi());
  const calendars = useSlaCalendars();
  const { dialog, open, close, done, notice } = useListDialogs<Dialog>();
  return (
    <>
      <AdminListBody notice={notice} addLabel={t('sla.calendars.create')} onAdd={() => open({ kind: 'create' })}>
        <Loaded query={calendars}>
          {(data) => (
            <DataTable
              testId="sla-calendars-table"
              caption={t('sla.calendars.caption')}
              columns={[t('sla.calendars.name'), t('sla.calendars.timezone'), t('sla.calendars.hours'), t('sla.calendars.holidays'), t('sla.calendars.usedBy')]}
              items={data.items}
              empty={t('sla.calendars.empty')}
              row={(c) => (
                <Table.Tr key={c.calendarId}>
                  <Table.Td>
                    <bdi>{c.name}</bdi> {c.isDefault && <Badge size="sm" variant="light">{t('sla.calendars.isDefault')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{c.timezone}</bdi>
                  </Table.Td>
                  <Table.Td>
                    {c.mode === 'always' ? (
                      t('sla.calendars.modes.always')
                    ) : (
                      <Text size="sm">
                        {c.week.map((ranges, d) => (
                          <span key={d} style={{ display: 'block' }}>
                            {t(`sla.calendars.days.${dayKeys[d]!}`)}: <bdi dir="ltr">{ranges.length ? ranges.map((r) => `${r.start}–${r.end}`).join(', ') : t('sla.calendars.closed')}</bdi>
                          </span>
                        ))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.holidays.map((h) => (
                      <Text key={h.date + h.name} size="sm">
                        <bdi dir="ltr">{h.recurring ? h.date.slice(5) : h.date}</bdi> <bdi>{h.name}</bdi>
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{c.policyCount}</Table.Td>
                  <Table.Td>
                    <RowActions
                      name={c.name}
                      actions={[
                        { label: t('sla.edit'), onClick: () => open({ kind: 'edit', calendar: c }) },
                        { label: t('sla.delete'), danger: true, onClick: () => open({ kind: 'delete', calendar: c }) },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
      </AdminListBody>
      {dialog?.kind === 'create' && <CalendarDialog onClose={close} onDone={() => done(t('sla.saved'))} />}
      {dialog?.kind === 'edit' && <CalendarDialog calendar={dialog.calendar} onClose={close} onDone={() => done(t('sla.saved'))} />}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          title={t('sla.calendars.deleteTitle')}
          confirmLabel={t('sla.delete')}
          body={t('sla.calendars.deleteBody', { name: dialog.calendar.name })}
          remove={() => api.deleteCalendar(dialog.calendar.calendarId)}
          invalidates={slaAdminKeys.all}
          translateError={translateSlaError}
          onDone={() => done(t('sla.deleted'))}
          onClose={close}
        />
      )}
    </>
  );
}

function CalendarDialog({ calendar, onClose, onDone }: { calendar?: SlaCalendarView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = slaAdminApi(useApi());
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof createSlaCalendar>, unknown, CreateSlaCalendar>({
    resolver: zodResolver(createSlaCalendar),
    defaultValues: {
      name: calendar?.name ?? '',
      timezone: calendar?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      mode: calendar?.mode ?? 'business',
      week: calendar?.week ?? officeHours(),
      holidays: calendar?.holidays ?? [],
    },
  });
  const save = useMutation({
    mutationFn: (values: CreateSlaCalendar) => (calendar ? api.updateCalendar(calendar.calendarId, { ...values, version: calendar.version }) : api.createCalendar(values)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: slaAdminKeys.all });
      onDone();
    },
  });
  const errors = form.formState.errors;
  return (
    <FormDialog
      size="xl"
      title={calendar ? t('sla.calendars.editTitle') : t('sla.calendars.createTitle')}
      confirmLabel={t('sla.save')}
      loading={save.isPending}
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onClose={onClose}
    >
      <FormAlert error={save.error ? translateSlaError(t, save.error) : null} />
      <TextInput label={t('sla.calendars.name')} required data-autofocus {...form.register('name')} error={fieldError(t, errors.name)} />
      <TextInput label={t('sla.calendars.timezone')} description={t('sla.calendars.timezoneHint')} dir="ltr" required {...form.register('timezone')} error={fieldError(t, errors.timezone)} />
      <Controller
        control={form.control}
        name="mode"
        render={({ field }) => (
          <Select
            label={t('sla.calendars.mode')}
            data={(['business', 'always'] as const).map((m) => ({ value: m, label: t(`sla.calendars.modes.${m}`) }))}
            value={field.value ?? 'business'}
            onChange={(v) => field.onChange(v ?? 'business')}
            allowDeselect={false}
          />
        )}
      />
      <Controller control={form.control} name="week" render={({ field }) => <WeekGrid value={field.value} onChange={field.onChange} errors={errors.week} />} />
      <Controller control={form.control} name="holidays" render={({ field }) => <HolidaysEditor value={field.value ?? []} onChange={field.onChange} errors={errors.holidays} />} />
    </FormDialog>
  );
}
