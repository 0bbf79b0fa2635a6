/**
 * The one table's physical shape, shared by CDK (infra/stacks) and the local twin (infra/local),
 * so both create exactly the same keys and indexes. ElectroDB access patterns map onto these.
 */
export const tableShape = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Generic GSIs; ElectroDB entities name their access patterns and map them onto these. */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** Sparse "due" index: only items with a due time carry these attributes. */
    { name: 'due', partitionKey: 'duepk', sortKey: 'duesk' },
  ],
  /** Epoch seconds; DynamoDB TTL deletes the item some time after it passes. */
  ttlAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof tableShape.indexes)[number]['name'];
