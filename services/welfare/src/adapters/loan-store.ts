import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Loan } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, stripKeys, type WriteItem } from '@congdoan/ddb';
import type { LoanStore } from '../app/ports.ts';
import { loanAlreadyOpen, loanBusy } from '../domain/errors.ts';
import { movementWriter } from './fund-store.ts';
import { fundLoansIndex, LOANS_DUE_PK, loanDueIndex, loanKey, openLoanKey } from './keys.ts';

/** The loan's item: on the fund's loans index, and on the due index while its next instalment is unflagged. */
function loanItem(loan: Loan) {
  const due = loan.nextDue && loan.nextDue.number > loan.flaggedThrough ? loanDueIndex(loan.nextDue.due, loan.id) : {};
  return {
    ...loanKey(loan.id),
    kind: 'savings-loan',
    ...fundLoansIndex(loan.fundId, loan.status, loan.createdAt, loan.id),
    ...due,
    ...loan,
  };
}

/** Replaces the loan as it was read (`version`): a concurrent change makes it fail, and nothing is written. */
const replaceLoan = (after: Loan, version: number): WriteItem => ({
  Put: {
    Item: loanItem(after),
    ConditionExpression: 'version = :version',
    ExpressionAttributeValues: { ':version': version },
  },
});

export function createLoanStore(db: Db): LoanStore {
  const writeMovement = movementWriter(db);
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: loanKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<Loan>(Item) : undefined;
    },
    lend: (fund, movement, loan, events, ctx) =>
      writeMovement(
        fund.id,
        movement,
        events,
        ctx,
        [
          { Put: { Item: loanItem(loan), ConditionExpression: 'attribute_not_exists(pk)' } },
          // One open loan per member of the fund: this item exists while it is open.
          {
            Put: {
              Item: { ...openLoanKey(fund.id, loan.memberId), kind: 'open-loan', loanId: loan.id },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
        null,
        (index, item) => (index === 1 && item ? loanAlreadyOpen() : undefined),
      ),
    repay: (fund, movement, before, after, events, ctx) =>
      writeMovement(
        fund.id,
        movement,
        events,
        ctx,
        [
          replaceLoan(after, before.version),
          ...(after.status === 'closed' ? [{ Delete: { Key: openLoanKey(fund.id, after.memberId) } }] : []),
        ],
        null,
        (index) => (index === 0 ? loanBusy(before.id) : undefined),
      ),
    async openOfFund(fundId) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :open)',
        ExpressionAttributeValues: { ':pk': fundLoansIndex(fundId, '', '', '').gsi1pk, ':open': 'open#' },
      });
      return items.map((i) => stripKeys<Loan>(i));
    },
    async unflaggedDueBefore(day) {
      const items = await queryAll(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :day',
        ExpressionAttributeValues: { ':pk': LOANS_DUE_PK, ':day': day },
      });
      return items.map((i) => stripKeys<Loan>(i));
    },
    async flag(before, after, events, ctx) {
      try {
        await commit(
          db,
          {
            items: [replaceLoan(after, before.version)],
            events,
            audit: [{ entityType: 'savings-loan', entityId: after.id, action: 'overdue', before, after }],
          },
          ctx,
        );
        return true;
      } catch (error) {
        // Another run flagged it, or a repayment changed it: either way this run leaves it.
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
  };
}
