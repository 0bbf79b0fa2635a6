import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Definition {
  term: string;
  value: ReactNode;
  testId?: string;
}

/** A labelled list of values as a real <dl>, two columns on wide screens. */
export function DefinitionList({ items }: { items: Definition[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map(({ term, value, testId }) => (
        <div key={term}>
          <Text component="dt" size="sm" c="dimmed">
            {term}
          </Text>
          <Text component="dd" m={0} fw={500} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
