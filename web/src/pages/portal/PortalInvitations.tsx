import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InvitationView } from '../../../../shared/contacts/schemas';
import { contactKeys, contactsApi, useMyInvitations } from '../../api/contacts';
import { useApi } from '../../api/context';
import { paths } from '../../app/nav';
import { DateTime } from '../../components/DateTime';
import { FormSuccess } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { myAccountsKey, useCurrentCustomer } from '../../portal/CurrentCustomer';
import { PageHeader } from '../PageHeader';
import { ContactError } from './ContactsPanel';

const rights = ['canSeeTickets', 'canSeeInvoices', 'canManageContacts'] as const;

/** Invitations addressed to me: accept (then the portal shows that account) or decline. */
export function PortalInvitationsPage() {
  const { t } = useTranslation();
  const invitations = useMyInvitations();
  const [notice, setNotice] = useState<{ text: string; contacts: boolean } | undefined>();
  return (
    <>
      <PageHeader title={t('contacts.mine.title')} lead={t('contacts.mine.lead')} />
      <Stack gap="md">
        {notice && (
          <FormSuccess>
            {notice.text}{' '}
            {notice.contacts && (
              <Anchor component={Link} to={paths.portalContacts}>
                {t('contacts.mine.openContacts')}
              </Anchor>
            )}
          </FormSuccess>
        )}
        {invitations.isPending ? (
          <Pending />
        ) : invitations.isError ? (
          <ContactError error={invitations.error} />
        ) : invitations.data.items.length === 0 ? (
          <Text c="dimmed">{t('contacts.mine.empty')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="my-invitations">
            {invitations.data.items.map((i) => (
              <InvitationCard key={i.invitationId} invitation={i} onDone={setNotice} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}

function InvitationCard({ invitation, onDone }: { invitation: InvitationView; onDone: (n: { text: string; contacts: boolean }) => void }) {
  const { t } = useTranslation();
  const api = contactsApi(useApi());
  const queryClient = useQueryClient();
  const { setCurrent } = useCurrentCustomer();
  const accept = useMutation({
    mutationFn: () => api.accept(invitation.invitationId),
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: myAccountsKey });
      setCurrent(account.customerId);
      await queryClient.invalidateQueries({ queryKey: contactKeys.mine });
      onDone({ text: t('contacts.mine.accepted', { name: account.name }), contacts: true });
    },
  });
  const decline = useMutation({
    mutationFn: () => api.decline(invitation.invitationId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: contactKeys.mine });
      onDone({ text: t('contacts.mine.declined', { name: invitation.customerName }), contacts: false });
    },
  });
  const busy = accept.isPending || decline.isPending;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`inv-${invitation.invitationId}`}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`inv-${invitation.invitationId}`}>
          <bdi>{invitation.customerName}</bdi>
        </Title>
        <Text size="sm">{t('contacts.mine.from', { inviter: invitation.invitedByName, customer: invitation.customerName })}</Text>
        <Group gap={4}>
          <Badge variant="light">{t(`contacts.roles.${invitation.role}`)}</Badge>
          {rights.filter((r) => invitation[r]).map((r) => (
            <Badge key={r} color="gray" variant="outline" size="sm">
              {t(`contacts.right.${r}`)}
            </Badge>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          {t('contacts.invitations.expires')}: <DateTime iso={invitation.expiresAt} />
        </Text>
        <ContactError error={accept.error ?? decline.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => decline.mutate()} loading={decline.isPending} disabled={busy}>
            {t('contacts.mine.decline')}
          </Button>
          <Button onClick={() => accept.mutate()} loading={accept.isPending} disabled={busy}>
            {t('contacts.mine.accept')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
