import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import {
  addressKinds,
  createCustomer,
  customerLanguages,
  customerTypes,
  registrationNumberTypes,
  type CreateCustomer,
  type CustomerView,
} from '../../../../../shared/customers/schemas';
import { useCustomerGroups } from '../../../api/customers';
import { FormAlert } from '../../../components/FormAlert';
import { fieldError, zodResolver } from '../../../forms/resolver';

type Values = z.input<typeof createCustomer>;

/** The form's starting values: the customer's, or a blank individual. */
function initialValues(customer: CustomerView | undefined): Values {
  return {
    type: customer?.type ?? 'individual',
    name: customer?.name ?? '',
    companyName: customer?.companyName ?? '',
    legalForm: customer?.legalForm ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    preferredLanguage: (customer?.preferredLanguage as Values['preferredLanguage']) ?? 'en',
    currency: customer?.currency ?? 'DZD',
    groupId: customer?.groupId ?? 'none',
    registrationNumbers: (customer?.registrationNumbers ?? []) as Values['registrationNumbers'],
    addresses: (customer?.addresses ?? []).map((a) => ({ ...a, line2: a.line2 ?? '', region: a.region ?? '', postalCode: a.postalCode ?? '' })),
  };
}

/**
 * Create / edit form of a customer, validated by the API's own `createCustomer` schema. `showGroup`
 * only for staff; the caller decides what to send (`version` for an edit, no group for customers).
 */
export function CustomerForm({
  customer,
  showGroup,
  submitLabel,
  loading,
  error,
  onSubmit,
  onCancel,
}: {
  customer?: CustomerView;
  showGroup: boolean;
  submitLabel: string;
  loading: boolean;
  error: unknown;
  onSubmit: (values: CreateCustomer) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const groups = useCustomerGroups(showGroup);
  const form = useForm<Values, unknown, CreateCustomer>({ resolver: zodResolver(createCustomer), defaultValues: initialValues(customer) });
  const numbers = useFieldArray({ control: form.control, name: 'registrationNumbers' });
  const addresses = useFieldArray({ control: form.control, name: 'addresses' });
  const errors = form.formState.errors;
  const corporate = form.watch('type') === 'corporate';

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)}>
      <Stack gap="md">
        <FormAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label={t('customers.form.type')} data={customerTypes.map((v) => ({ value: v, label: t(`customers.types.${v}`) }))} {...form.register('type')} />
          <TextInput label={corporate ? t('customers.form.nameCorporate') : t('customers.form.name')} required {...form.register('name')} error={fieldError(t, errors.name)} />
          {corporate && (
            <>
              <TextInput label={t('customers.form.companyName')} {...form.register('companyName')} error={fieldError(t, errors.companyName)} />
              <TextInput label={t('customers.form.legalForm')} {...form.register('legalForm')} error={fieldError(t, errors.legalForm)} />
            </>
          )}
          <TextInput label={t('customers.form.email')} type="email" dir="ltr" {...form.register('email')} error={fieldError(t, errors.email)} />
          <TextInput label={t('customers.form.phone')} type="tel" dir="ltr" description={t('customers.form.phoneHint')} {...form.register('phone')} error={fieldError(t, errors.phone)} />
          <NativeSelect
            label={t('customers.form.preferredLanguage')}
            data={customerLanguages.map((v) => ({ value: v, label: t(`customers.languages.${v}`) }))}
            {...form.register('preferredLanguage')}
          />
          <TextInput label={t('customers.form.currency')} required dir="ltr" maxLength={3} description={t('customers.form.currencyHint')} {...form.register('currency', { setValueAs: (v: string) => v.toUpperCase() })} error={fieldError(t, errors.currency)} />
          {showGroup && (
            <NativeSelect
              label={t('customers.form.group')}
              data={[{ value: 'none', label: t('customers.noGroup') }, ...(groups.data?.items ?? []).map((g) => ({ value: g.groupId, label: g.name }))]}
              {...form.register('groupId')}
            />
          )}
        </SimpleGrid>

        <Fieldset legend={t('customers.form.registrationNumbers')}>
          <Stack gap="xs">
            {numbers.fields.map((field, index) => (
              <Group key={field.id} align="flex-end" wrap="nowrap">
                <NativeSelect
                  label={t('customers.form.numberType')}
                  data={registrationNumberTypes.map((v) => ({ value: v, label: t(`customers.regTypes.${v}`) }))}
                  {...form.register(`registrationNumbers.${index}.type`)}
                />
                <TextInput
                  style={{ flex: 1 }}
                  label={t('customers.form.numberValue')}
                  dir="ltr"
                  {...form.register(`registrationNumbers.${index}.value`)}
                  error={fieldError(t, errors.registrationNumbers?.[index]?.value ?? errors.registrationNumbers?.root ?? (errors.registrationNumbers as { message?: string } | undefined))}
                />
                <Button variant="subtle" color="red" onClick={() => numbers.remove(index)}>
                  {t('customers.form.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="light" size="xs" onClick={() => numbers.append({ type: 'NIF', value: '' })} disabled={numbers.fields.length >= 10}>
                {t('customers.form.addNumber')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('customers.form.addresses')}>
          <Stack gap="md">
            {addresses.fields.map((field, index) => {
              const e = errors.addresses?.[index];
              return (
                <SimpleGrid key={field.id} cols={{ base: 1, sm: 2 }} spacing="sm">
                  <NativeSelect
                    label={t('customers.form.addressKind')}
                    data={addressKinds.map((v) => ({ value: v, label: t(`customers.addressKinds.${v}`) }))}
                    {...form.register(`addresses.${index}.kind`)}
                  />
                  <TextInput label={t('customers.form.line1')} required {...form.register(`addresses.${index}.line1`)} error={fieldError(t, e?.line1)} />
                  <TextInput label={t('customers.form.line2')} {...form.register(`addresses.${index}.line2`)} error={fieldError(t, e?.line2)} />
                  <TextInput label={t('customers.form.city')} required {...form.register(`addresses.${index}.city`)} error={fieldError(t, e?.city)} />
                  <TextInput label={t('customers.form.region')} {...form.register(`addresses.${index}.region`)} error={fieldError(t, e?.region)} />
                  <TextInput label={t('customers.form.postalCode')} dir="ltr" {...form.register(`addresses.${index}.postalCode`)} error={fieldError(t, e?.postalCode)} />
                  <TextInput
                    label={t('customers.form.country')}
                    required
                    dir="ltr"
                    maxLength={2}
                    description={t('customers.form.countryHint')}
                    {...form.register(`addresses.${index}.country`, { setValueAs: (v: string) => v.toUpperCase() })}
                    error={fieldError(t, e?.country)}
                  />
                  <Group align="flex-end">
                    <Button variant="subtle" color="red" onClick={() => addresses.remove(index)}>
                      {t('customers.form.remove')}
                    </Button>
                  </Group>
                </SimpleGrid>
              );
            })}
            <Group>
              <Button variant="light" size="xs" onClick={() => addresses.append({ kind: 'registered', line1: '', line2: '', city: '', region: '', postalCode: '', country: '' })} disabled={addresses.fields.length >= 10}>
                {t('customers.form.addAddress')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={loading}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
