/**
 * Enrichment step of every service's outbox pipe (table stream → bus).
 *
 * The outbox item stores `detail` as a JSON string (packages/ddb/src/outbox.ts).
 * A pipe's input template can only place that string: DynamoDB attributes are not
 * among the fields Pipes parses implicitly (SQS `body`, Kinesis `data`, MQ/Kafka
 * payloads), so `<$.dynamodb.NewImage.detail.S>` would reach the bus as a string,
 * or as broken JSON. This function parses it, so rules can match on `detail.*`
 * and consumers receive the envelope as an object.
 *
 * Pipes calls it synchronously with the whole batch and sends each returned
 * element to the bus. It keeps the record's paths the target reads
 * (`$.dynamodb.NewImage.source.S`, `$.dynamodb.NewImage.detailType.S`) and adds
 * the parsed `detail`, leaving out the raw string so an event is not carried twice.
 */
import type { DynamoDBRecord } from 'aws-lambda';

export interface EnrichedOutboxRecord {
  eventID: string | undefined;
  dynamodb: { NewImage: { source: { S: string }; detailType: { S: string } } };
  detail: unknown;
}

export function enrichOutboxRecord(record: DynamoDBRecord): EnrichedOutboxRecord {
  const image = record.dynamodb?.NewImage;
  const source = image?.source?.S;
  const detailType = image?.detailType?.S;
  const detail = image?.detail?.S;
  if (!source || !detailType || detail === undefined) {
    throw new Error(
      `Outbox record ${record.eventID ?? '?'} lacks source, detailType or detail (a string): it was not written by @congdoan/ddb's outboxItem.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch (cause) {
    throw new Error(`Outbox record ${record.eventID ?? '?'} (${detailType}) has a detail that is not JSON.`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Outbox record ${record.eventID ?? '?'} (${detailType}) has a detail that is not a JSON object.`);
  }
  return {
    eventID: record.eventID,
    dynamodb: { NewImage: { source: { S: source }, detailType: { S: detailType } } },
    detail: parsed,
  };
}

/**
 * Throwing fails the batch: the pipe retries it, then sends it to the pipe's DLQ.
 * A malformed outbox item is a producer bug and must not reach the bus.
 */
export const handler = async (records: DynamoDBRecord[]): Promise<EnrichedOutboxRecord[]> =>
  records.map(enrichOutboxRecord);
