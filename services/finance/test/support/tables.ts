import { tableEnvVar } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { freshTable } from '../../../../test/support/tables.ts';

/** A fresh finance table, named in the environment so the handlers' composition roots use it. */
export async function financeTable(): Promise<Db> {
  const db = await freshTable('finance');
  process.env[tableEnvVar('finance')] = db.tableName;
  return db;
}
