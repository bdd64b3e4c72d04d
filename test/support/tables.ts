import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { serviceTable, type TableDefinition } from '@congdoan/contracts';
import { createClients, type Db, ensureTable } from '@congdoan/ddb';

/**
 * A fresh table on the run's DynamoDB Local, named uniquely so test files never share data.
 *
 * Without its stream unless `stream: true`: only the platform's pollers read streams, and
 * DynamoDB Local reads a table's stream description on every write, slower and slower as
 * stream records pile up over the run (docs/testing.md).
 */
export async function freshTable(
  service: string,
  def: TableDefinition = serviceTable(service),
  options: { stream?: boolean } = {},
): Promise<Db> {
  const clients = createClients();
  const tableName = `t-${randomUUID().slice(0, 8)}-${service}`;
  await ensureTable(clients.raw, def, tableName, { stream: options.stream === true });
  return { ...clients, tableName };
}

/** Every item of a test's own small fresh table (a test may Scan it; product code never does). */
export async function everyItem(db: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
