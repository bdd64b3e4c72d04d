import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type FundMovement,
  SUPPORT_CASE_STATUSES,
  type SupportCase,
  type SupportCaseStatus,
  type SupportCaseType,
} from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, queryPage, stripKeys, type WriteItem } from '@congdoan/ddb';
import type { CaseStore } from '../app/ports.ts';
import { type PaidCase, paidCaseOf } from '../domain/care-report.ts';
import { maskedFor } from '../domain/case.ts';
import { caseChanged } from '../domain/errors.ts';
import { movementWriter } from './fund-store.ts';
import { caseKey, memberCasesIndex, movementKey, PAID_CASE_SK_PREFIX, paidCaseKey, unitCasesIndex } from './keys.ts';

/** The case's item: on its unit's index by status, and on its member's index by type and incident day. */
const caseItem = (c: SupportCase) => ({
  ...caseKey(c.id),
  kind: 'support-case',
  ...unitCasesIndex(c.unitId, c.status, c.createdAt, c.id),
  ...memberCasesIndex(c.memberId, c.type, c.incidentDate, c.id),
  ...c,
});

/** A paid case in its CĐCS's payments partition. */
const paidCaseItem = (p: PaidCase) => ({ ...paidCaseKey(p.unitId, p.date, p.caseId), kind: 'paid-case', ...p });

/** Replaces the case as it was read: a concurrent step makes it fail, and nothing is written. */
const replaceCase = (after: SupportCase, before: SupportCase): WriteItem => ({
  Put: {
    Item: caseItem(after),
    ConditionExpression: 'version = :version AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':version': before.version, ':status': before.status },
  },
});

/** The audit keeps what happened, never the health details or circumstances (personal data). */
const audited = (c: SupportCase | null) => (c ? maskedFor(c, false) : null);

export function createCaseStore(db: Db): CaseStore {
  const writeMovement = movementWriter(db);
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: caseKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<SupportCase>(Item) : undefined;
    },
    async create(c, ctx) {
      await commit(
        db,
        {
          items: [{ Put: { Item: caseItem(c), ConditionExpression: 'attribute_not_exists(pk)' } }],
          audit: [{ entityType: 'support-case', entityId: c.id, action: 'create', before: null, after: audited(c) }],
        },
        ctx,
      );
    },
    async update(before, after, ctx) {
      const step = after.history.at(-1)?.step ?? 'update';
      try {
        await commit(
          db,
          {
            items: [replaceCase(after, before)],
            audit: [
              {
                entityType: 'support-case',
                entityId: after.id,
                action: step,
                before: audited(before),
                after: audited(after),
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw caseChanged(after.id);
        throw error;
      }
    },
    disburse: (fund, movement, before, after, events, ctx, yearCap) =>
      writeMovement(
        fund.id,
        movement,
        events,
        ctx,
        // The payment in its CĐCS's partition: what the beneficiary list and the processing time read.
        [replaceCase(after, before), { Put: { Item: paidCaseItem(paidCaseOf(after)) } }],
        yearCap,
        (index) => (index === 0 ? caseChanged(after.id) : undefined),
      ),
    async ofMember(memberId, type, from, to) {
      const pk = memberCasesIndex(memberId, type, '', '').gsi2pk;
      const items = await queryAll(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        // The upper bound takes every case of the last day (`<day>#<id>`).
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': `${to}#\uffff` },
      });
      return items.map((i) => stripKeys<SupportCase>(i));
    },
    async ofUnit(unitId, status, page) {
      const pk = unitCasesIndex(unitId, '', '', '').gsi1pk;
      const prefix = status ? `${status}#` : '';
      const { items, nextCursor } = await queryPage(
        db,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(status ? { ':prefix': prefix } : {}) },
          ScanIndexForward: false,
        },
        page,
        // A cursor is the client's input: it must continue this unit's list (of this status).
        { gsi1pk: pk, gsi1sk: { prefix } },
      );
      return { items: items.map((i) => stripKeys<SupportCase>(i)), nextCursor };
    },
    async openedBetween(unitId, start, end) {
      const pk = unitCasesIndex(unitId, '', '', '').gsi1pk;
      const perStatus = await Promise.all(
        SUPPORT_CASE_STATUSES.map((status) =>
          queryAll(db, {
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
            // `<status>#<createdAt>#<id>`: the upper bound takes every case of the last instant.
            ExpressionAttributeValues: { ':pk': pk, ':from': `${status}#${start}`, ':to': `${status}#${end}#\uffff` },
            // Only what is counted: the case's personal data is never read for a report.
            ProjectionExpression: '#type, #status',
            ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
          }),
        ),
      );
      return perStatus.flat().map((i) => ({ type: i.type as SupportCaseType, status: i.status as SupportCaseStatus }));
    },
    async paidBetween(unitId, from, to) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': paidCaseKey(unitId, '', '').pk,
          ':from': `${PAID_CASE_SK_PREFIX}${from}`,
          ':to': `${PAID_CASE_SK_PREFIX}${to}#\uffff`,
        },
      });
      return items.map((i) => stripKeys<PaidCase>(i));
    },
    async postingOf(c) {
      if (!c.disbursement) return undefined;
      const { Item } = await db.client.send(
        new GetCommand({
          TableName: db.tableName,
          Key: movementKey(c.fundId, c.disbursement.at, c.disbursement.movementId),
          ConsistentRead: true,
        }),
      );
      return Item ? (Item.posting as FundMovement['posting']) : undefined;
    },
  };
}
