import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '@congdoan/contracts';

export interface TableOptions {
  /** Whether the table has its stream (default true: the outbox is published from it). */
  stream?: boolean;
}

/** The CreateTable input for a definition; the local platform and tests use it, CDK mirrors it. */
export function toCreateTableInput(
  def: TableDefinition,
  tableName: string,
  options: TableOptions = {},
): CreateTableCommandInput {
  const attributes = new Set([def.partitionKey, def.sortKey]);
  for (const index of def.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: def.partitionKey, KeyType: 'HASH' },
      { AttributeName: def.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: def.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    ...(options.stream === false ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }),
  };
}

/** Creates the table if it does not exist yet (idempotent: a restart keeps the data). */
export async function ensureTable(
  client: DynamoDBClient,
  def: TableDefinition,
  tableName: string,
  options: TableOptions = {},
): Promise<void> {
  try {
    await client.send(new CreateTableCommand(toCreateTableInput(def, tableName, options)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // Already enabled on a table kept from an earlier run.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
  }
}
