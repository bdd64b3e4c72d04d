import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, type Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/adapters/ledger-store.ts';
import { importStatement } from '../../src/app/bank/import.ts';
import type { BankDeps } from '../../src/app/bank/ports.ts';
import { listBankLines } from '../../src/app/bank/review.ts';
import { bacGiangTree, callerIn, levyTable } from '../levy/support.ts';
import { domainError } from '../support/errors.ts';
import { registerUnits } from '../support/units.ts';

let db: Db;
let deps: BankDeps;
let tree: ReturnType<typeof bacGiangTree>;

beforeAll(async () => {
  ({ db, deps } = await levyTable());
  tree = bacGiangTree();
  await registerUnits(db, ...Object.values(tree));
});

describe('a statement for a unit whose books are closed', () => {
  it('is refused as a whole with 409 books-closed, and records no line', async () => {
    const caller = callerIn(tree.upper.id);
    const content = readFileSync(join(import.meta.dirname, 'fixtures', 'cdvc-bg-2025-07-a.csv'), 'utf8');
    await commit(
      db,
      { items: [createLedger(db).closeBooksItem(tree.upper.id, '2025-07-31T10:00:00.000Z')] },
      caller.write,
    );

    const refused = await domainError(
      importStatement(deps, caller, tree.upper.id, { fileName: 'a.csv', content, encoding: 'text' }),
    );
    expect(refused).toMatchObject({ code: 'books-closed', kind: 'conflict' });
    expect(refused.detail.en).toContain('since 2025-07-31');
    for (const status of ['matched', 'review', 'ignored'] as const) {
      const page = await listBankLines(deps, caller, tree.upper.id, { status, limit: 50 });
      expect(page.items, status).toEqual([]);
    }
  });
});
