import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../PageHeader';
import { AutomationPanel } from './Automation';
import { CalendarsPanel } from './Calendars';
import { PoliciesPanel } from './Policies';

const tabs = ['calendars', 'policies', 'automation'] as const;
type Tab = (typeof tabs)[number];

/** Admin: SLA calendars, policies (in match order) and automation rules, one tab each (`?tab=`). */
export function SlaAdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? 'calendars';
  return (
    <>
      <PageHeader title={t('sla.title')} lead={t('sla.lead')} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'calendars' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`sla.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="calendars">
          <CalendarsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="policies">
          <PoliciesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="automation">
          <AutomationPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
