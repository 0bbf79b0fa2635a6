import { Button, Card, Checkbox, Group, SimpleGrid, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerTypes, kycDocTypes, updateKycRequirements, type CustomerType, type KycDocType, type KycRequirementsView } from '../../../../shared/kyc/schemas';
import { useApi } from '../../api/context';
import { kycApi, kycKeys, useKycRequirements } from '../../api/kyc';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { Loaded } from '../../components/Pending';
import { PageHeader } from '../PageHeader';

/** Admin: which KYC documents each customer type must have verified. */
export function KycRequirementsPage() {
  const { t } = useTranslation();
  const requirements = useKycRequirements();
  return (
    <>
      <PageHeader title={t('kyc.requirements.title')} lead={t('kyc.requirements.lead')} />
      <Loaded query={requirements}>{(data) => <RequirementsForm key={data.version} saved={data} />}</Loaded>
    </>
  );
}

function RequirementsForm({ saved }: { saved: KycRequirementsView }) {
  const { t } = useTranslation();
  const api = kycApi(useApi());
  const queryClient = useQueryClient();
  const [value, setValue] = useState<Record<CustomerType, KycDocType[]>>({ individual: saved.individual, corporate: saved.corporate });
  const save = useMutation({
    mutationFn: () => api.saveRequirements(updateKycRequirements.parse({ ...value, version: saved.version })),
    onSuccess: (next) => queryClient.setQueryData(kycKeys.requirements, next),
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        {save.isSuccess && <FormSuccess>{t('kyc.requirements.saved')}</FormSuccess>}
        <FormAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {customerTypes.map((type) => (
            <Card key={type} withBorder radius="md" padding="md">
              <Checkbox.Group
                label={t(`kyc.requirements.${type}`)}
                value={value[type]}
                onChange={(next) => setValue((v) => ({ ...v, [type]: kycDocTypes.filter((d) => next.includes(d)) }))}
              >
                <Stack gap="xs" mt="xs">
                  {kycDocTypes.map((d) => (
                    <Checkbox key={d} value={d} label={t(`kyc.docTypes.${d}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Card>
          ))}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('kyc.requirements.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
