import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll } from '@congdoan/ddb';
import type { FinanceFacts } from '../app/ports.ts';
import type { Discrepancy, MonthSummary } from '../domain/finance-picture.ts';
import { discrepancyKey, reconciliationKey } from './keys.ts';

/**
 * Finance's reconciliation facts of each unit, as finance announced them: one item per
 * month (the latest report's summary) and one per discrepancy, under the unit, so a
 * period's picture is one Query.
 */
export function createFinanceStore(db: Db): FinanceFacts {
  return {
    async read(unitId, fromMonth, toMonth) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': reconciliationKey(unitId, '').pk },
      });
      const months: MonthSummary[] = [];
      const discrepancies: Discrepancy[] = [];
      for (const i of items) {
        const month = String(i.month);
        if (month < fromMonth || month > toMonth) continue;
        if (i.kind === 'finance-month') {
          months.push({
            month,
            reportVersion: Number(i.reportVersion),
            discrepancies: Number(i.discrepancies),
            totals: i.totals as MonthSummary['totals'],
          });
        } else if (i.kind === 'finance-discrepancy') {
          discrepancies.push({
            month,
            kind: String(i.discrepancyKind),
            subject: String(i.subject),
            expected: Number(i.expected),
            actual: Number(i.actual),
            difference: Number(i.difference),
          });
        }
      }
      return { months, discrepancies };
    },
    async recordSummary(unitId, summary) {
      try {
        await db.client.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...reconciliationKey(unitId, summary.month), kind: 'finance-month', unitId, ...summary },
            ConditionExpression: 'attribute_not_exists(pk) OR reportVersion < :v',
            ExpressionAttributeValues: { ':v': summary.reportVersion },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async recordDiscrepancy(unitId, fingerprint, d) {
      const { kind, ...rest } = d;
      await db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...discrepancyKey(unitId, d.month, fingerprint),
            kind: 'finance-discrepancy',
            unitId,
            discrepancyKind: kind,
            ...rest,
          },
        }),
      );
    },
  };
}
