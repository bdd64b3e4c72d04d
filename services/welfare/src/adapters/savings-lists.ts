import type { Loan } from '@congdoan/contracts';
import { type Db, queryAll, stripKeys } from '@congdoan/ddb';
import type { SavingsLists } from '../app/ports.ts';
import { DEPOSIT_SK_PREFIX, fundKey, fundLoansIndex } from './keys.ts';

/** The women's savings fund's lists, each one Query. */
export function createSavingsLists(db: Db): SavingsLists {
  return {
    async loansOfFund(fundId, status) {
      // The index's sort key is `<status>#<createdAt>#<id>`: all of a fund's loans, or one status's.
      const pk = fundLoansIndex(fundId, '', '', '').gsi1pk;
      const items = await queryAll(
        db,
        status === 'all'
          ? { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pk } }
          : {
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
              ExpressionAttributeValues: { ':pk': pk, ':prefix': `${status}#` },
            },
      );
      const loans = items.map((i) => stripKeys<Loan>(i));
      return status === 'all' ? loans.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : loans;
    },
    async deposits(fundId, memberId) {
      const items = await queryAll(db, {
        KeyConditionExpression: memberId ? 'pk = :pk AND sk = :sk' : 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: {
          ':pk': fundKey(fundId).pk,
          ':sk': memberId ? `${DEPOSIT_SK_PREFIX}${memberId}` : DEPOSIT_SK_PREFIX,
        },
        ConsistentRead: true,
      });
      return items.map((i) => ({ memberId: String(i.memberId), deposited: Number(i.total) }));
    },
  };
}
