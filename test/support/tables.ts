import { randomUUID } from 'node:crypto';
import { serviceTable, type TableDefinition } from '@congdoan/contracts';
import { createClients, type Db, ensureTable } from '@congdoan/ddb';

/** A fresh table on the run's DynamoDB Local, named uniquely so test files never share data. */
export async function freshTable(service: string, def: TableDefinition = serviceTable(service)): Promise<Db> {
  const clients = createClients();
  const tableName = `t-${randomUUID().slice(0, 8)}-${service}`;
  await ensureTable(clients.raw, def, tableName);
  return { ...clients, tableName };
}
