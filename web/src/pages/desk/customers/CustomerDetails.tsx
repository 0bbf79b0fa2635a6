import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../../../shared/customers/schemas';
import { useCustomerGroups } from '../../../api/customers';
import { DateTime } from '../../../components/DateTime';
import { DefinitionList, type Definition } from '../../../components/DefinitionList';
import { CustomerStatusBadge } from './StatusBadge';

/** A customer's profile as a definition list (desk and portal); staff also see group and status history. */
export function CustomerDetails({ customer: c, showStaffFields = false }: { customer: CustomerView; showStaffFields?: boolean }) {
  const { t } = useTranslation();
  const groups = useCustomerGroups(showStaffFields);
  const none = t('customers.profile.none');
  const group = c.groupId === 'none' ? t('customers.noGroup') : (groups.data?.items.find((g) => g.groupId === c.groupId)?.name ?? c.groupId);
  const items: Definition[] = [
    { term: t('customers.columns.status'), value: <CustomerStatusBadge status={c.status} /> },
    { term: t('customers.columns.type'), value: t(`customers.types.${c.type}`) },
    { term: c.type === 'corporate' ? t('customers.form.nameCorporate') : t('customers.form.name'), value: <bdi>{c.name}</bdi> },
    ...(c.type === 'corporate'
      ? [
          { term: t('customers.form.companyName'), value: <bdi>{c.companyName ?? none}</bdi> },
          { term: t('customers.form.legalForm'), value: <bdi>{c.legalForm ?? none}</bdi> },
        ]
      : []),
    { term: t('customers.form.email'), value: <bdi dir="ltr">{c.email ?? none}</bdi> },
    { term: t('customers.form.phone'), value: <bdi dir="ltr">{c.phone ?? none}</bdi> },
    { term: t('customers.form.preferredLanguage'), value: t(`customers.languages.${c.preferredLanguage}` as 'customers.languages.en', { defaultValue: c.preferredLanguage }) },
    { term: t('customers.form.currency'), value: <bdi dir="ltr">{c.currency}</bdi> },
    {
      term: t('customers.form.registrationNumbers'),
      value: c.registrationNumbers.length ? (
        <Stack gap={2}>
          {c.registrationNumbers.map((n) => (
            <span key={`${n.type}-${n.value}`}>
              {t(`customers.regTypes.${n.type}` as 'customers.regTypes.NIF', { defaultValue: n.type })}: <bdi dir="ltr">{n.value}</bdi>
            </span>
          ))}
        </Stack>
      ) : (
        none
      ),
    },
    {
      term: t('customers.form.addresses'),
      value: c.addresses.length ? (
        <Stack gap={4}>
          {c.addresses.map((a, i) => (
            <Text key={i} size="sm">
              <Text span c="dimmed" size="sm">
                {t(`customers.addressKinds.${a.kind}`)}:{' '}
              </Text>
              <bdi>{[a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ')}</bdi>
            </Text>
          ))}
        </Stack>
      ) : (
        none
      ),
    },
    ...(showStaffFields
      ? [
          { term: t('customers.group'), value: <bdi>{group}</bdi> },
          { term: t('customers.profile.statusReason'), value: <bdi>{c.statusReason ?? none}</bdi> },
          { term: t('customers.profile.statusChangedAt'), value: c.statusChangedAt ? <DateTime iso={c.statusChangedAt} /> : none },
        ]
      : []),
    { term: t('customers.profile.createdAt'), value: <DateTime iso={c.createdAt} /> },
  ];
  return <DefinitionList items={items} />;
}
