import { randomUUID } from 'node:crypto';
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
