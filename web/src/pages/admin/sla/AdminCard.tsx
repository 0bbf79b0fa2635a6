import { Button, Card, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormSuccess } from '../../../components/FormAlert';

/** One tab's list: the last action's notice, then a card with the add button above the list. */
export function AdminCard({ notice, addLabel, onAdd, children }: { notice: string | undefined; addLabel: string; onAdd: () => void; children: ReactNode }) {
  return (
    <Stack gap="md">
      {notice && <FormSuccess>{notice}</FormSuccess>}
      <Card withBorder radius="md" padding="md">
        <Group justify="flex-end" mb="sm">
          <Button onClick={onAdd}>{addLabel}</Button>
        </Group>
        {children}
      </Card>
    </Stack>
  );
}
