import { Alert, Badge, Button, Card, Checkbox, type CheckboxProps, Group, Menu, NativeSelect, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { contactRoles, inviteContact, type ContactRole, type ContactView, type InvitationView } from '../../../../shared/contacts/schemas';
import { isApiError } from '../../api/client';
import { contactKeys, contactsApi, useContacts, useInvitations } from '../../api/contacts';
import { useApi } from '../../api/context';
import { DataTable } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { ConfirmDialog, FormDialog } from '../../components/Dialogs';
import { errorMessage } from '../../components/errorMessage';
import { FormSuccess } from '../../components/FormAlert';
import { Loaded } from '../../components/Pending';
import { fieldError, zodResolver } from '../../forms/resolver';
import { en } from '../../i18n/locales/en';
import { myAccountsKey } from '../../portal/CurrentCustomer';

const rights = ['canSeeTickets', 'canSeeInvoices', 'canManageContacts'] as const;
type Right = (typeof rights)[number];
type Rights = Record<Right, boolean>;
const roleColor: Record<ContactRole, string> = { owner: 'grape', billing: 'teal', technical: 'blue' };

/** Who looks at the panel: staff (rights from their permissions), or a contact of the account. */
export type Viewer = { staff: true; canManage: boolean } | { staff: false; userId: string; role: ContactRole; canManageContacts: boolean };

/** An API error as a sentence: the contacts codes (last_owner, ...) first, then the app's common ones. */
export function ContactError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isApiError(error) ? error.code : '';
  const message = Object.hasOwn(en.contacts.errors, code) ? t(`contacts.errors.${code as keyof typeof en.contacts.errors}`) : errorMessage(t, error);
  return (
    <Alert color="red" variant="light" role="alert" data-testid="form-error">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

function RoleBadge({ role }: { role: ContactRole }) {
  const { t } = useTranslation();
  return (
    <Badge color={roleColor[role]} variant="light">
      {t(`contacts.roles.${role}`)}
    </Badge>
  );
}

function RightBadges({ grant }: { grant: Rights }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {rights.filter((r) => grant[r]).map((r) => (
        <Badge key={r} color="gray" variant="outline" size="sm">
          {t(`contacts.right.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}

type Dialog = { kind: 'invite' } | { kind: 'edit'; contact: ContactView } | { kind: 'remove'; contact: ContactView } | { kind: 'revoke'; invitation: InvitationView };

/**
 * The contacts of one account with their role and rights; for those who manage contacts: invite,
 * change role and rights, remove, and the pending invitations with revoke. A contact may leave.
 */
export function ContactsPanel({ customerId, accountName = '', viewer }: { customerId: string; accountName?: string; viewer: Viewer }) {
  const { t } = useTranslation();
  const contacts = useContacts(customerId);
  const canManage = viewer.staff ? viewer.canManage : viewer.role === 'owner' || viewer.canManageContacts;
  const isOwner = viewer.staff || viewer.role === 'owner';
  const invitations = useInvitations(customerId, canManage);
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const close = () => setDialog(undefined);
  const done = (message: string) => {
    setNotice(message);
    close();
  };
  const self = viewer.staff ? undefined : viewer.userId;
  const mayTouch = (c: ContactView) => canManage && (isOwner || c.role !== 'owner');

  return (
    <Stack gap="md">
      {notice && <FormSuccess>{notice}</FormSuccess>}
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('contacts.title')}
          </Title>
          {canManage && <Button onClick={() => setDialog({ kind: 'invite' })}>{t('contacts.invite')}</Button>}
        </Group>
        <Loaded query={contacts}>
          {(data) => (
            <DataTable
              testId="contacts-table"
              caption={t('contacts.caption')}
              columns={[t('contacts.name'), t('contacts.email'), t('contacts.role'), t('contacts.rights')]}
              items={data.items}
              empty={t('contacts.empty')}
              row={(c) => (
                <Table.Tr key={c.userId}>
                  <Table.Td>
                    <bdi>{c.name}</bdi>
                    {c.userId === self && (
                      <Text span c="dimmed" size="sm">
                        {' '}({t('contacts.you')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{c.email}</bdi>
                    {c.emailBouncedAt && <BouncedBadge at={c.emailBouncedAt} detail={c.emailBounceDetail} />}
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={c.role} />
                  </Table.Td>
                  <Table.Td>
                    <RightBadges grant={c} />
                  </Table.Td>
                  <Table.Td>
                    {(mayTouch(c) || c.userId === self) && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="xs" variant="subtle" aria-label={t('contacts.actionsFor', { name: c.name })}>
                            {t('common.actions')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {mayTouch(c) && <Menu.Item onClick={() => setDialog({ kind: 'edit', contact: c })}>{t('contacts.edit')}</Menu.Item>}
                          <Menu.Item color="red" onClick={() => setDialog({ kind: 'remove', contact: c })}>
                            {c.userId === self ? t('contacts.leave') : t('contacts.remove')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              )}
            />
          )}
        </Loaded>
      </Card>
      {canManage && (
        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('contacts.invitations.title')}
          </Title>
          <Loaded query={invitations}>
            {(data) => (
              <DataTable
                testId="invitations-table"
                caption={t('contacts.invitations.caption')}
                columns={[t('contacts.email'), t('contacts.role'), t('contacts.invitations.invitedBy'), t('contacts.invitations.expires')]}
                items={data.items}
                empty={t('contacts.invitations.empty')}
                row={(i) => (
                  <Table.Tr key={i.invitationId}>
                    <Table.Td>
                      <bdi dir="ltr">{i.email}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={i.role} />
                    </Table.Td>
                    <Table.Td>
                      <bdi>{i.invitedByName}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <DateTime iso={i.expiresAt} />
                    </Table.Td>
                    <Table.Td>
                      {(isOwner || i.role !== 'owner') && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'revoke', invitation: i })}>
                          {t('contacts.invitations.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )}
              />
            )}
          </Loaded>
        </Card>
      )}
      {dialog?.kind === 'invite' && <InviteDialog customerId={customerId} isOwner={isOwner} onClose={close} onDone={done} />}
      {dialog?.kind === 'edit' && <EditDialog contact={dialog.contact} isOwner={isOwner} onClose={close} onDone={done} />}
      {dialog?.kind === 'remove' && (
        <RemoveDialog contact={dialog.contact} leaving={dialog.contact.userId === self} accountName={accountName} onClose={close} onDone={done} />
      )}
      {dialog?.kind === 'revoke' && <RevokeDialog invitation={dialog.invitation} onClose={close} onDone={done} />}
    </Stack>
  );
}

function useContactMutation<V>(customerId: string, fn: (v: V) => Promise<unknown>, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: contactKeys.account(customerId) });
      onDone();
    },
  });
}

function roleOptions(t: (k: `contacts.roles.${ContactRole}`) => string, isOwner: boolean) {
  return contactRoles.filter((r) => isOwner || r !== 'owner').map((r) => ({ value: r, label: t(`contacts.roles.${r}`) }));
}

/** The rights as checkboxes; an owner holds them all, so they are locked, with a hint. */
function RightsGroup({ owner, checkbox }: { owner: boolean; checkbox: (right: Right) => Omit<CheckboxProps, 'label' | 'disabled'> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} role="group" aria-label={t('contacts.rights')}>
      {rights.map((r) => (
        <Checkbox key={r} label={t(`contacts.right.${r}`)} disabled={owner} {...checkbox(r)} />
      ))}
      {owner && (
        <Text size="xs" c="dimmed">
          {t('contacts.ownerHint')}
        </Text>
      )}
    </Stack>
  );
}

function InviteDialog({ customerId, isOwner, onClose, onDone }: { customerId: string; isOwner: boolean; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = contactsApi(useApi());
  const form = useForm({
    resolver: zodResolver(inviteContact),
    defaultValues: { email: '', role: 'technical' as ContactRole, canSeeTickets: true, canSeeInvoices: false, canManageContacts: false },
  });
  const invite = useContactMutation(
    customerId,
    (values: z.output<typeof inviteContact>) => api.invite(customerId, values),
    () => onDone(t('contacts.invited', { email: form.getValues('email') })),
  );
  const { errors } = form.formState;
  const owner = form.watch('role') === 'owner';
  return (
    <FormDialog
      title={t('contacts.invite')}
      confirmLabel={t('contacts.inviteSubmit')}
      loading={invite.isPending}
      onSubmit={form.handleSubmit((values) => invite.mutate(values))}
      onClose={onClose}
    >
      <Text size="sm">{t('contacts.inviteHint')}</Text>
      <ContactError error={invite.error} />
      <TextInput label={t('contacts.email')} type="email" dir="ltr" required data-autofocus {...form.register('email')} error={fieldError(t, errors.email)} />
      <TextInput
        label={t('contacts.nameOptional')}
        {...form.register('name', { setValueAs: (v: string) => (v.trim() === '' ? undefined : v) })}
        error={fieldError(t, errors.name)}
      />
      <NativeSelect label={t('contacts.role')} required data={roleOptions(t, isOwner)} {...form.register('role')} error={fieldError(t, errors.role)} />
      <RightsGroup owner={owner} checkbox={(r) => form.register(r)} />
    </FormDialog>
  );
}

function EditDialog({ contact, isOwner, onClose, onDone }: { contact: ContactView; isOwner: boolean; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = contactsApi(useApi());
  const [role, setRole] = useState<ContactRole>(contact.role);
  const [grant, setGrant] = useState<Rights>({ canSeeTickets: contact.canSeeTickets, canSeeInvoices: contact.canSeeInvoices, canManageContacts: contact.canManageContacts });
  const queryClient = useQueryClient();
  const save = useContactMutation(
    contact.customerId,
    () => api.updateContact(contact.customerId, contact.userId, { role, ...grant, version: contact.version }),
    () => {
      // The viewer's own role or rights may have changed: the account switcher shows them.
      void queryClient.invalidateQueries({ queryKey: myAccountsKey });
      onDone(t('contacts.saved', { name: contact.name }));
    },
  );
  const owner = role === 'owner';
  return (
    <FormDialog
      title={t('contacts.editTitle', { name: contact.name })}
      confirmLabel={t('common.save')}
      loading={save.isPending}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
      onClose={onClose}
    >
      <ContactError error={save.error} />
      <NativeSelect label={t('contacts.role')} value={role} onChange={(e) => setRole(e.currentTarget.value as ContactRole)} data={roleOptions(t, isOwner)} data-autofocus />
      <RightsGroup
        owner={owner}
        checkbox={(r) => ({
          checked: owner || grant[r],
          onChange: (e) => {
            const checked = e.currentTarget.checked;
            setGrant((g) => ({ ...g, [r]: checked }));
          },
        })}
      />
    </FormDialog>
  );
}

function RemoveDialog({ contact, leaving, accountName, onClose, onDone }: { contact: ContactView; leaving: boolean; accountName: string; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = contactsApi(useApi());
  const queryClient = useQueryClient();
  const remove = useContactMutation(
    contact.customerId,
    () => api.removeContact(contact.customerId, contact.userId),
    () => {
      if (leaving) void queryClient.invalidateQueries({ queryKey: myAccountsKey });
      onDone(leaving ? t('contacts.left', { name: accountName }) : t('contacts.removed', { name: contact.name }));
    },
  );
  return (
    <ConfirmDialog
      title={leaving ? t('contacts.leaveTitle', { name: accountName }) : t('contacts.removeTitle', { name: contact.name })}
      error={undefined}
      confirmLabel={leaving ? t('contacts.leave') : t('contacts.remove')}
      color="red"
      loading={remove.isPending}
      autoFocus
      onConfirm={() => remove.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">{leaving ? t('contacts.leaveBody') : t('contacts.removeBody')}</Text>
      <ContactError error={remove.error} />
    </ConfirmDialog>
  );
}

function RevokeDialog({ invitation, onClose, onDone }: { invitation: InvitationView; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const api = contactsApi(useApi());
  const revoke = useContactMutation(
    invitation.customerId,
    () => api.revoke(invitation.customerId, invitation.invitationId),
    () => onDone(t('contacts.invitations.revoked', { email: invitation.email })),
  );
  return (
    <ConfirmDialog
      title={t('contacts.invitations.revokeTitle', { email: invitation.email })}
      error={undefined}
      confirmLabel={t('contacts.invitations.revoke')}
      color="red"
      loading={revoke.isPending}
      autoFocus
      onConfirm={() => revoke.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">{t('contacts.invitations.revokeBody')}</Text>
      <ContactError error={revoke.error} />
    </ConfirmDialog>
  );
}

/** Mail to the contact bounced: when, the receiving server's answer, and that nothing is sent until the block is lifted. */
function BouncedBadge({ at, detail }: { at: string; detail: string | undefined }) {
  const { t } = useTranslation();
  const label = (
    <Stack gap={2} maw={360}>
      <DateTime iso={at} />
      {detail && <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{detail}</Text>}
      <Text size="xs">{t('contacts.bouncedHint')}</Text>
    </Stack>
  );
  return (
    <Tooltip label={label} multiline withArrow>
      <Badge color="red" variant="light" ml="xs" tabIndex={0} data-testid="contact-bounced">
        {t('contacts.bounced')}
      </Badge>
    </Tooltip>
  );
}
