/**
 * `npm run bench -- dues-standing`: members' dues standing (docs/finance-dues.md, "Dues
 * standing") for one CĐCS of 100 and then 1,000 members on DynamoDB Local. The data is
 * written straight into the stores' items (profile, roster entries, twelve months of
 * dues); the computation is the real use case over the real adapters
 * (`announceDuesStandings` on `financeDeps()`), on a fixed day (5/8/2025, July fallen
 * due), as the subscription runs it for one message. One member in ten paid nothing for
 * May to July and one in ten nothing for July: the first run announces those, the same
 * run again announces nothing. The figures: DynamoDB calls per run by operation, and time.
 *
 *   BENCH_STANDING_SIZES=100,1000    members of each CĐCS, one CĐCS per size
 */
import { addMonths, type Month } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { DUES_KIND, duesMonthKey } from '../services/finance/src/adapters/dues-keys.ts';
import { DEFAULT_POLICY_VERSIONS } from '../services/finance/src/domain/policy/defaults.ts';
import { createPolicy } from '../services/finance/src/domain/policy/policy.ts';
import { profileItem, rosterItem } from './finance-items.ts';
import { table } from './stats.ts';
import { batchWrite, byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const SIZES = (process.env.BENCH_STANDING_SIZES ?? '100,1000').split(',').map(Number);
const TABLE = 'bench-finance-standing';
const FUNDING = 'self-funded' as const;
/** July 2025 has fallen due on the 5th of August (02:00 in Vietnam). */
const NOW = new Date('2025-08-04T19:00:00.000Z');
const AS_OF = '2025-07' as Month;
const MONTHS = Array.from({ length: 12 }, (_, i) => addMonths(AS_OF, i - 11));

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);

/** What member `m` paid for `month`: one in ten nothing for May–July, one in ten nothing for July. */
function paidFor(m: number, month: Month, duesSalary: number): number {
  if (m % 10 === 0 && month >= '2025-05') return 0;
  if (m % 10 === 1 && month === AS_OF) return 0;
  return policy.dues({ month, fundingType: FUNDING, duesSalary }).amount;
}

function unitItems(unitId: string, members: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [profileItem(unitId, members, FUNDING, `S${members}`)];
  const paid = new Map<Month, Record<string, number>>(MONTHS.map((month) => [month, {}]));
  for (let m = 0; m < members; m++) {
    const memberId = `${unitId}-m${m}`;
    const duesSalary = 5_000_000 + (m % 7) * 750_000;
    items.push(rosterItem(unitId, m, duesSalary));
    for (const month of MONTHS) {
      const amount = paidFor(m, month, duesSalary);
      if (amount > 0) paid.get(month)![memberId] = amount;
    }
  }
  for (const [month, byMember] of paid) {
    const collected = Object.values(byMember).reduce((t, a) => t + a, 0);
    const split = policy.duesSplit(month, collected);
    items.push({
      ...duesMonthKey(unitId, month),
      kind: DUES_KIND.month,
      unitId,
      month,
      collected,
      grassrootsCollected: split.grassroots.amount,
      upperCollected: split.upper.amount,
      remitted: 0,
      paid: byMember,
      collections: 1,
      remittances: 0,
      version: 1,
    });
  }
  return items;
}

interface RunFigures {
  label: string;
  members: number;
  announced: number;
  seconds: number;
  calls: Map<string, number>;
}

export async function duesStandingBench(): Promise<void> {
  await onDynamoDbLocal('finance', TABLE, 'ap-southeast-1', async (db: Db) => {
    const { announceDuesStandings } = await import('../services/finance/src/app/dues/standing.ts');
    const { financeDeps } = await import('../services/finance/src/handlers/deps.ts');
    const deps = financeDeps();
    const ctx = { ...systemContext('bench-dues-standing'), now: () => NOW };
    const figures: RunFigures[] = [];
    for (const size of SIZES) {
      const unitId = `bench-standing-${size}`;
      await batchWrite(db, unitItems(unitId, size), 8);
      for (const label of ['first', 'again, unchanged']) {
        const before = snapshot();
        const started = performance.now();
        const result = await announceDuesStandings(deps, unitId, ctx);
        const seconds = (performance.now() - started) / 1000;
        if (result.outcome !== 'computed') throw new Error(`unit ${unitId}: ${result.outcome}`);
        figures.push({
          label: `${size.toLocaleString('en')} members (${label})`,
          members: result.members,
          announced: result.announced,
          seconds,
          calls: since(before),
        });
      }
    }
    console.log(
      `\nDues standing of one CĐCS as of ${AS_OF} (the use case on the finance adapters; DynamoDB Local, in memory)\n`,
    );
    console.log(
      table([
        ['run', 'members', 'announced', 's', 'calls', 'reads', 'calls by operation'],
        ...figures.map((f) => [
          f.label,
          String(f.members),
          String(f.announced),
          f.seconds.toFixed(2),
          String(total(f.calls)),
          String(total(f.calls) - (f.calls.get('TransactWriteItems') ?? 0)),
          byOperation(f.calls),
        ]),
      ]),
    );
  });
}
