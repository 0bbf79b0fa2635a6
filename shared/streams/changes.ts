import type { AttributeValue as StreamAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** One table change as the domain sees it: which ElectroDB entity, and its images. */
export interface Change {
  eventId: string;
  sequence: string;
  kind: 'insert' | 'modify' | 'remove';
  entity: string | undefined;
  oldImage: Record<string, unknown> | undefined;
  newImage: Record<string, unknown> | undefined;
  /** True for deletions done by DynamoDB's TTL process. */
  expired: boolean;
}

function image(raw: Record<string, StreamAttributeValue> | undefined) {
  return raw ? unmarshall(raw as Record<string, AttributeValue>) : undefined;
}

export function toChange(record: DynamoDBRecord): Change {
  const oldImage = image(record.dynamodb?.OldImage);
  const newImage = image(record.dynamodb?.NewImage);
  const entity = (newImage ?? oldImage)?.__edb_e__;
  return {
    eventId: record.eventID ?? '',
    sequence: record.dynamodb?.SequenceNumber ?? '',
    kind: record.eventName === 'INSERT' ? 'insert' : record.eventName === 'MODIFY' ? 'modify' : 'remove',
    entity: typeof entity === 'string' ? entity : undefined,
    oldImage,
    newImage,
    expired: record.userIdentity?.type === 'Service' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
  };
}
