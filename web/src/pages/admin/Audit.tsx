import { Button, Card, Group, Loader, NativeSelect, SimpleGrid, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAudit, useLoginEvents, type AuditFilters, type LoginEventFilters } from '../../api/admin';
import { loginOutcomes, type LoginOutcome } from '../../api/schemas';
import { tOr } from '../../components/text';
import { fieldError, validationMessage } from '../../forms/resolver';
import { AuditTable } from '../../components/AuditTable';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { FormAlert } from '../../components/FormAlert';
import { LoginEventsTable } from '../security/LoginEventsTable';
import { PageHeader } from '../PageHeader';

interface FilterForm {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

const empty: FilterForm = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '' };

/** `datetime-local` (the reader's local time) to ISO-8601 UTC. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function Pending() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="xs" aria-hidden />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}

/** Admin audit viewer: filter by actor, target, action and time range; cursor pagination. Also failed sign-ins and lockouts. */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <Tabs defaultValue="records" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="records">{t('audit.tabRecords')}</Tabs.Tab>
          <Tabs.Tab value="logins">{t('audit.tabLogins')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="records">
          <AuditRecords />
        </Tabs.Panel>
        <Tabs.Panel value="logins">
          <LoginEvents />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function AuditRecords() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [filters, setFilters] = useState<Omit<AuditFilters, 'cursor'>>({});
  const form = useForm<FilterForm>({ defaultValues: empty });
  const audit = useAudit({ ...filters, ...(pages.cursor ? { cursor: pages.cursor } : {}) });

  const apply = (values: FilterForm) => {
    // The API filters on a target as a pair (type and id), and on an ordered time range.
    if (!values.targetType.trim() !== !values.targetId.trim()) {
      const missing = values.targetType.trim() ? 'targetId' : 'targetType';
      form.setError(missing, { message: validationMessage('targetPair') });
      return;
    }
    if (values.from && values.to && new Date(values.from) > new Date(values.to)) {
      form.setError('to', { message: validationMessage('dateOrder') });
      return;
    }
    const next: Omit<AuditFilters, 'cursor'> = {};
    for (const key of ['actor', 'action', 'targetType', 'targetId'] as const) {
      const value = values[key].trim();
      if (value) next[key] = value;
    }
    const from = toIso(values.from);
    const to = toIso(values.to);
    if (from) next.from = from;
    if (to) next.to = to;
    pages.reset();
    setFilters(next);
  };

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md" component="form" role="search" aria-label={t('audit.filters')} noValidate onSubmit={form.handleSubmit(apply)}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label={t('audit.actor')} description={t('audit.actorHint')} dir="ltr" {...form.register('actor')} />
          <TextInput label={t('audit.action')} description={t('audit.actionHint')} placeholder="auth.sign_in" dir="ltr" {...form.register('action')} />
          <TextInput
            label={t('audit.targetType')}
            description={t('audit.targetHint')}
            placeholder="user"
            dir="ltr"
            {...form.register('targetType')}
            error={fieldError(t, form.formState.errors.targetType)}
          />
          <TextInput label={t('audit.targetId')} dir="ltr" {...form.register('targetId')} error={fieldError(t, form.formState.errors.targetId)} />
          <TextInput label={t('audit.from')} type="datetime-local" {...form.register('from')} />
          <TextInput label={t('audit.to')} type="datetime-local" {...form.register('to')} error={fieldError(t, form.formState.errors.to)} />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={audit.isFetching && !audit.isPending}>
            {t('audit.apply')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              form.reset(empty);
              apply(empty);
            }}
          >
            {t('audit.clear')}
          </Button>
        </Group>
      </Card>
      <Card withBorder radius="md" padding="md">
        {audit.isPending ? (
          <Pending />
        ) : audit.isError ? (
          <FormAlert error={audit.error} />
        ) : (
          <>
            <AuditTable items={audit.data.items} caption={t('audit.caption')} />
            <CursorPager pages={pages} nextCursor={audit.data.cursor} loading={audit.isFetching} />
          </>
        )}
      </Card>
    </Stack>
  );
}

function LoginEvents() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [outcome, setOutcome] = useState<LoginOutcome | ''>('');
  const filters: LoginEventFilters = { ...(outcome ? { outcome } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) };
  const events = useLoginEvents(filters);
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md" role="search" aria-label={t('audit.loginsFilter')}>
        <NativeSelect
          label={t('security.history.outcome')}
          description={t('audit.loginsHint')}
          maw={320}
          value={outcome}
          onChange={(e) => {
            setOutcome(e.currentTarget.value as LoginOutcome | '');
            pages.reset();
          }}
          data={[
            { value: '', label: t('audit.anyFailure') },
            ...loginOutcomes.filter((o) => o !== 'success').map((o) => ({ value: o, label: tOr(t, `security.outcomes.${o}`, o) })),
          ]}
        />
      </Card>
      <Card withBorder radius="md" padding="md">
        {events.isPending ? (
          <Pending />
        ) : events.isError ? (
          <FormAlert error={events.error} />
        ) : (
          <>
            <LoginEventsTable items={events.data.items} caption={t('audit.loginsCaption')} showUser />
            <CursorPager pages={pages} nextCursor={events.data.nextCursor} loading={events.isFetching} />
          </>
        )}
      </Card>
    </Stack>
  );
}
