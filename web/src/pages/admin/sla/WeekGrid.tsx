import { ActionIcon, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldError } from 'react-hook-form';
import { fieldError } from '../../../forms/resolver';

type Range = { start: string; end: string };
type Holiday = { date: string; name: string; recurring?: boolean | undefined };
type Errors = Record<number, Record<number, { start?: FieldError; end?: FieldError } | undefined> | undefined> | undefined;

export const dayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Opening hours, Monday first: each day's ranges (HH:MM, end exclusive, 24:00 allowed). */
export function WeekGrid({ value, onChange, errors }: { value: Range[][]; onChange: (week: Range[][]) => void; errors: unknown }) {
  const { t } = useTranslation();
  const dayErrors = errors as Errors;
  const setDay = (d: number, ranges: Range[]) => onChange(value.map((r, i) => (i === d ? ranges : r)));
  return (
    <Stack gap={4} role="group" aria-label={t('sla.calendars.hours')} data-testid="week-grid">
      <Text fw={500} size="sm">
        {t('sla.calendars.hours')}
      </Text>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {dayKeys.map((key, d) => {
            const day = t(`sla.calendars.days.${key}`);
            const ranges = value[d] ?? [];
            return (
              <Table.Tr key={key}>
                <Table.Th scope="row" w={110}>
                  {day}
                </Table.Th>
                <Table.Td>
                  <Stack gap={4}>
                    {ranges.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t('sla.calendars.closed')}
                      </Text>
                    )}
                    {ranges.map((range, i) => (
                      <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                        <TextInput
                          dir="ltr"
                          w={90}
                          placeholder="09:00"
                          aria-label={`${day} ${t('sla.calendars.from')} ${i + 1}`}
                          value={range.start}
                          onChange={(e) => setDay(d, ranges.map((r, j) => (j === i ? { ...r, start: e.currentTarget.value } : r)))}
                          error={fieldError(t, dayErrors?.[d]?.[i]?.start)}
                        />
                        <Text size="sm" pt={6}>
                          –
                        </Text>
                        <TextInput
                          dir="ltr"
                          w={90}
                          placeholder="18:00"
                          aria-label={`${day} ${t('sla.calendars.to')} ${i + 1}`}
                          value={range.end}
                          onChange={(e) => setDay(d, ranges.map((r, j) => (j === i ? { ...r, end: e.currentTarget.value } : r)))}
                          error={fieldError(t, dayErrors?.[d]?.[i]?.end)}
                        />
                        <ActionIcon variant="subtle" color="red" mt={4} aria-label={`${t('sla.calendars.removeRange')}: ${day} ${i + 1}`} onClick={() => setDay(d, ranges.filter((_, j) => j !== i))}>
                          ×
                        </ActionIcon>
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td w={1}>
                  <Button size="compact-xs" variant="subtle" aria-label={`${t('sla.calendars.addRange')}: ${day}`} onClick={() => setDay(d, [...ranges, { start: '', end: '' }])}>
                    {t('sla.calendars.addRange')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Holidays: a date, a name, and whether it comes back every year. */
export function HolidaysEditor({ value, onChange, errors }: { value: Holiday[]; onChange: (holidays: Holiday[]) => void; errors: unknown }) {
  const { t } = useTranslation();
  const rowErrors = errors as Record<number, { date?: FieldError; name?: FieldError } | undefined> | undefined;
  const set = (i: number, change: Partial<Holiday>) => onChange(value.map((h, j) => (j === i ? { ...h, ...change } : h)));
  return (
    <Stack gap={4} role="group" aria-label={t('sla.calendars.holidays')} data-testid="holidays">
      <Text fw={500} size="sm">
        {t('sla.calendars.holidays')}
      </Text>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('sla.calendars.noHolidays')}
        </Text>
      )}
      {value.map((h, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput type="date" dir="ltr" aria-label={`${t('sla.calendars.holidayDate')} ${i + 1}`} value={h.date} onChange={(e) => set(i, { date: e.currentTarget.value })} error={fieldError(t, rowErrors?.[i]?.date)} />
          <TextInput flex={1} aria-label={`${t('sla.calendars.holidayName')} ${i + 1}`} placeholder={t('sla.calendars.holidayName')} value={h.name} onChange={(e) => set(i, { name: e.currentTarget.value })} error={fieldError(t, rowErrors?.[i]?.name)} />
          <Checkbox mt={8} label={t('sla.calendars.recurring')} checked={!!h.recurring} onChange={(e) => set(i, { recurring: e.currentTarget.checked })} />
          <ActionIcon variant="subtle" color="red" mt={4} aria-label={`${t('sla.calendars.removeHoliday')} ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-sm" variant="light" onClick={() => onChange([...value, { date: '', name: '', recurring: false }])}>
          {t('sla.calendars.addHoliday')}
        </Button>
      </Group>
    </Stack>
  );
}
