import { Alert, Card, Group, SegmentedControl, SimpleGrid, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { histogramBuckets, maxMetricsDays, slaMetricsQuery, type SlaMetrics } from '../../../../../shared/sla/metrics-schemas';
import { slaErrorMessage, useSlaMetrics } from '../../../api/sla';
import { flattenCategories, useStaffDirectory, useSupportGroups, useTicketCategories } from '../../../api/ticketDesk';
import { DataTable } from '../../../components/DataTable';
import { Pending } from '../../../components/Pending';
import { PageHeader } from '../../PageHeader';
import { formatMinutes } from './duration';

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Desk: SLA reports over UTC days (≤ 92): KPI cards, attainment trend, breaches by group, first-response distribution, breakdowns. */
export function SlaDashboardPage() {
  const { t } = useTranslation();
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  const [from, setFrom] = useState(isoDay(today - 29 * dayMs));
  const [to, setTo] = useState(isoDay(today));
  const [groupBy, setGroupBy] = useState<'day' | 'week'>('day');
  const parsed = slaMetricsQuery.safeParse({ from, to, groupBy });
  const metrics = useSlaMetrics(parsed.success ? parsed.data : { from, to, groupBy }, parsed.success);

  return (
    <>
      <PageHeader title={t('slaDesk.dashboard.title')} lead={t('slaDesk.dashboard.lead')} />
      <Card withBorder radius="md" padding="md" mb="md" role="search" aria-label={t('slaDesk.dashboard.filters')}>
        <Group align="end" wrap="wrap">
          <TextInput type="date" label={t('slaDesk.dashboard.from')} value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('slaDesk.dashboard.to')} value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
          <div>
            <Text size="sm" fw={500} mb={4} id="sla-group-by">
              {t('slaDesk.dashboard.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="sla-group-by"
              value={groupBy}
              onChange={(v) => setGroupBy(v as 'day' | 'week')}
              data={[{ value: 'day', label: t('slaDesk.dashboard.byDay') }, { value: 'week', label: t('slaDesk.dashboard.byWeek') }]}
            />
          </div>
        </Group>
        {!parsed.success && (
          <Alert color="red" variant="light" mt="sm" role="alert">
            {t('slaDesk.errors.validation_failed', { max: maxMetricsDays })}
          </Alert>
        )}
      </Card>
      {metrics.isPending && parsed.success ? (
        <Pending />
      ) : metrics.error ? (
        <Alert color="red" variant="light" role="alert" data-testid="form-error">
          {slaErrorMessage(t, metrics.error)}
        </Alert>
      ) : metrics.data ? (
        <MetricsView m={metrics.data} />
      ) : null}
    </>
  );
}

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        <bdi>{value}</bdi>
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function ChartCard({ title, children, testId }: { title: string; children: React.ReactElement; testId: string }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {/* Charts read left to right whatever the page direction. */}
      <div dir="ltr" style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

function MetricsView({ m }: { m: SlaMetrics }) {
  const { t } = useTranslation();
  const groups = useSupportGroups();
  const staff = useStaffDirectory();
  const categories = useTicketCategories(true);
  const groupName = new Map((groups.data?.items ?? []).map((g) => [g.groupId, g.name]));
  const categoryName = new Map(flattenCategories(categories.data?.items ?? []).map((c) => [c.node.categoryId, c.path]));
  const none = t('slaDesk.kpis.none');
  const minutes = (v: number | null) => (v === null ? none : formatMinutes(t, v));
  const label = (kind: keyof SlaMetrics['breachesBy'], key: string): string => {
    const unknown = t('slaDesk.breakdown.unknown', { id: key });
    if (kind === 'agent') return key === 'unassigned' ? t('slaDesk.breakdown.unassigned') : (staff.names.get(key) ?? unknown);
    if (kind === 'group') return groupName.get(key) ?? unknown;
    if (kind === 'category') return categoryName.get(key) ?? unknown;
    if (kind === 'priority') return t(`tickets.priorities.${key}`, { defaultValue: key });
    return t(`slaDesk.targets.${key}`, { defaultValue: key });
  };
  const trend = m.periods.map((p) => ({ period: p.period, attainment: p.attainmentPercent }));
  const byGroup = m.breachesBy.group.map((g) => ({ name: label('group', g.key), count: g.count }));
  const histogram = histogramBuckets.map((b) => ({ name: t(`slaDesk.buckets.${b}`), count: m.totals.histogram[b] }));
  const [breakdown, setBreakdown] = useState<keyof SlaMetrics['breachesBy']>('agent');

  return (
    <>
      {m.truncated && (
        <Alert color="orange" variant="light" mb="md">
          {t('slaDesk.dashboard.truncated')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 6 }} spacing="md" mb="md" aria-label={t('slaDesk.kpis.label')}>
        <Kpi testId="kpi-frt-median" label={t('slaDesk.kpis.frtMedian')} value={minutes(m.kpis.firstResponseMedianMinutes)} hint={t('slaDesk.kpis.estimate')} />
        <Kpi testId="kpi-frt-avg" label={t('slaDesk.kpis.frtAvg')} value={minutes(m.kpis.firstResponseAvgMinutes)} />
        <Kpi testId="kpi-res-business" label={t('slaDesk.kpis.resBusiness')} value={minutes(m.kpis.resolutionAvgBusinessMinutes)} />
        <Kpi testId="kpi-res-calendar" label={t('slaDesk.kpis.resCalendar')} value={minutes(m.kpis.resolutionAvgCalendarMinutes)} />
        <Kpi testId="kpi-attainment" label={t('slaDesk.kpis.attainment')} value={m.kpis.attainmentPercent === null ? none : `${m.kpis.attainmentPercent} %`} />
        <Kpi testId="kpi-breaches" label={t('slaDesk.kpis.breaches')} value={String(m.totals.breaches)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md" mb="md">
        <ChartCard title={t('slaDesk.charts.attainment')} testId="chart-attainment">
          <LineChart data={trend} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" tick={{ fontSize: 11 }} />
            <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
            <Tooltip />
            <Line type="monotone" dataKey="attainment" name={t('slaDesk.charts.attainmentSeries')} stroke="var(--mantine-color-blue-6)" connectNulls dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ChartCard>
        <ChartCard title={t('slaDesk.charts.breachesByGroup')} testId="chart-breaches-group">
          <BarChart data={byGroup} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar dataKey="count" name={t('slaDesk.charts.breachesSeries')} fill="var(--mantine-color-red-6)" isAnimationActive={false} />
          </BarChart>
        </ChartCard>
        <ChartCard title={t('slaDesk.charts.histogram')} testId="chart-histogram">
          <BarChart data={histogram} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar dataKey="count" name={t('slaDesk.charts.histogramSeries')} fill="var(--mantine-color-teal-6)" isAnimationActive={false} />
          </BarChart>
        </ChartCard>
      </SimpleGrid>
      <Card withBorder radius="md" padding="md" component="section" aria-label={t('slaDesk.breakdown.title')}>
        <Tabs value={breakdown} onChange={(v) => setBreakdown((v ?? 'agent') as keyof SlaMetrics['breachesBy'])}>
          <Tabs.List aria-label={t('slaDesk.breakdown.title')}>
            {(['agent', 'group', 'priority', 'category', 'target'] as const).map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t(`slaDesk.breakdown.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <DataTable
          testId="sla-breakdown"
          minWidth={360}
          caption={`${t('slaDesk.breakdown.title')} ${t(`slaDesk.breakdown.${breakdown}`)}`}
          columns={[t('slaDesk.breakdown.key'), t('slaDesk.breakdown.count')]}
          items={m.breachesBy[breakdown]}
          empty={t('slaDesk.breakdown.empty')}
          row={(r) => (
            <Table.Tr key={r.key}>
              <Table.Td>
                <bdi>{label(breakdown, r.key)}</bdi>
              </Table.Td>
              <Table.Td>{r.count}</Table.Td>
              <Table.Td />
            </Table.Tr>
          )}
        />
      </Card>
    </>
  );
}
