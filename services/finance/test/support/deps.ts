import type { Db } from '@congdoan/ddb';
import type { DuesDeps } from '../../src/app/dues/ports.ts';
import { buildFinanceDeps } from '../../src/handlers/deps.ts';

/** The dues area's ports over a test's table, with the test's policy. */
export function duesDepsOn(db: Db, loadPolicy: DuesDeps['loadPolicy']): DuesDeps {
  return buildFinanceDeps(db, { loadPolicy });
}
