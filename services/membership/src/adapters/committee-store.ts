import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CommitteeTerm,
  committeeTermSchema,
  type OfficerAppointment,
  officerAppointmentSchema,
  staleVersion,
} from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, TransactionConflictError, type WriteItem } from '@congdoan/ddb';
import type { CommitteeStore, Ledger, LedgerWrite } from '../app/committees/ports.ts';
import type { PageKey } from '../app/ports.ts';
import type { Holding } from '../domain/committee/holdings.ts';
import { positionRank } from '../domain/committee/positions.ts';
import {
  appointmentKey,
  memberGuardsIndex,
  officerGuardKey,
  seatsKey,
  termAppointmentsIndex,
  termKey,
  termLedgerKey,
  unitTermsIndex,
} from './committee-keys.ts';
import { memberKey } from './keys.ts';

const TERM_FIELDS = Object.keys(committeeTermSchema.shape) as (keyof CommitteeTerm)[];
const APPOINTMENT_FIELDS = Object.keys(officerAppointmentSchema.shape) as (keyof OfficerAppointment)[];

function pick<T>(item: Record<string, unknown>, fields: readonly (keyof T)[]): T {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field as string] = item[field as string] ?? null;
  return out as T;
}

const termItem = (t: CommitteeTerm) => ({
  ...termKey(t.id),
  kind: 'committee-term',
  ...t,
  ...unitTermsIndex(t.unitId, t.startDate, t.id),
});

const appointmentItem = (a: OfficerAppointment) => ({
  ...appointmentKey(a.id),
  kind: 'officer-appointment',
  ...a,
  ...termAppointmentsIndex(a.termId, positionRank(a.position), a.from, a.id),
});

/** A ledger rewritten whole, on the condition that nobody wrote it since it was read. */
function ledgerPut<E>(
  key: Record<string, string>,
  kind: string,
  write: LedgerWrite<E>,
  index: Record<string, string> = {},
): WriteItem {
  const Item = { ...key, ...index, kind, version: write.read + 1, entries: write.entries };
  return write.read === 0
    ? { Put: { Item, ConditionExpression: 'attribute_not_exists(pk)' } }
    : {
        Put: {
          Item,
          ConditionExpression: '#version = :read',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':read': write.read },
        },
      };
}

type Label = 'term' | 'appointment' | 'ledger' | 'member';

export function createCommitteeStore(db: Db): CommitteeStore {
  const { client, tableName } = db;

  const getItem = async (key: Record<string, string>) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  async function readLedger<E>(key: Record<string, string>): Promise<Ledger<E>> {
    const item = await getItem(key);
    return item ? { version: Number(item.version), entries: (item.entries as E[]) ?? [] } : { version: 0, entries: [] };
  }

  /** Commits the items; a failed condition becomes a 412 (If-Match) or a conflict to re-read and retry. */
  async function write(
    labelled: [Label, WriteItem][],
    change: Parameters<typeof commit>[1],
    ctx: Parameters<typeof commit>[2],
    ifMatch?: number,
  ) {
    try {
      await commit(db, { ...change, items: labelled.map(([, item]) => item) }, ctx);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      const label = labelled[error.index]?.[0];
      if ((label === 'appointment' || label === 'term') && ifMatch !== undefined) {
        throw staleVersion(ifMatch, Number(error.item?.version ?? Number.NaN));
      }
      // A ledger, the member or the record itself moved since it was read: read again, and the rules decide.
      throw new TransactionConflictError(error);
    }
  }

  return {
    async getTerm(id) {
      const item = await getItem(termKey(id));
      return item ? pick<CommitteeTerm>(item, TERM_FIELDS) : undefined;
    },

    async listTerms(unitId, page) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': unitTermsIndex(unitId, '', '').gsi1pk },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: page.startKey,
        }),
      );
      const items = out.Items ?? [];
      return {
        items: items.map((i) => pick<CommitteeTerm>(i, TERM_FIELDS)),
        keys: items.map((i) => ({ pk: i.pk, sk: i.sk, gsi1pk: i.gsi1pk, gsi1sk: i.gsi1sk })),
        lastKey: out.LastEvaluatedKey as PageKey | undefined,
      };
    },

    readTermLedger: (unitId) => readLedger(termLedgerKey(unitId)),

    async openTerm(term, ledger, ctx, events) {
      await write(
        [
          ['term', { Put: { Item: termItem(term), ConditionExpression: 'attribute_not_exists(pk)' } }],
          ['ledger', ledgerPut(termLedgerKey(term.unitId), 'committee-term-ledger', ledger)],
        ],
        {
          items: [],
          events,
          audit: [{ entityType: 'committee-term', entityId: term.id, action: 'open', before: null, after: term }],
        },
        ctx,
      );
    },

    async closeTerm(before, after, ledger, ctx, events, ifMatch) {
      await write(
        [
          [
            'term',
            {
              Put: {
                Item: termItem(after),
                ConditionExpression: '#version = :readVersion',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':readVersion': before.version },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
          ['ledger', ledgerPut(termLedgerKey(after.unitId), 'committee-term-ledger', ledger)],
        ],
        {
          items: [],
          events,
          audit: [{ entityType: 'committee-term', entityId: after.id, action: 'close', before, after }],
        },
        ctx,
        ifMatch,
      );
    },

    async getAppointment(id) {
      const item = await getItem(appointmentKey(id));
      return item ? pick<OfficerAppointment>(item, APPOINTMENT_FIELDS) : undefined;
    },

    /** Through gsi1, so eventually consistent: in AWS a just-made appointment may take a moment to show. */
    async listTermAppointments(termId) {
      const all: OfficerAppointment[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': termAppointmentsIndex(termId, 0, '', '').gsi1pk },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of out.Items ?? []) all.push(pick<OfficerAppointment>(item, APPOINTMENT_FIELDS));
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return all;
    },

    readOfficerGuard: (unitId, memberId) => readLedger(officerGuardKey(unitId, memberId)),

    /** Through gsi2, so eventually consistent; each guard names the member's holdings in one unit. */
    async memberHoldings(memberId) {
      const all: Holding[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': memberGuardsIndex(memberId, '').gsi2pk },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of out.Items ?? []) all.push(...((item.entries as Holding[]) ?? []));
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return all;
    },
    readSeats: (termId, position) => readLedger(seatsKey(termId, position)),

    async saveAppointment(change, ctx, events) {
      const { before, after } = change;
      const items: [Label, WriteItem][] = [
        [
          'appointment',
          {
            Put: {
              Item: appointmentItem(after),
              ...(before
                ? {
                    ConditionExpression: '#version = :readVersion',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':readVersion': before.version },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
        [
          'ledger',
          ledgerPut(
            officerGuardKey(after.unitId, after.memberId),
            'officer-guard',
            change.guard,
            memberGuardsIndex(after.memberId, after.unitId),
          ),
        ],
      ];
      if (change.seats) {
        items.push(['ledger', ledgerPut(seatsKey(after.termId, after.position), 'officer-seats', change.seats)]);
      }
      if (change.activeMember) {
        // The member may have exited or moved since the eligibility check read them.
        items.push([
          'member',
          {
            ConditionCheck: {
              Key: memberKey(change.activeMember.id),
              ConditionExpression: '#status = :active AND #unitId = :unitId',
              ExpressionAttributeNames: { '#status': 'status', '#unitId': 'unitId' },
              ExpressionAttributeValues: { ':active': 'active', ':unitId': change.activeMember.unitId },
            },
          },
        ]);
      }
      await write(
        items,
        {
          items: [],
          events,
          audit: [{ entityType: 'officer-appointment', entityId: after.id, action: change.action, before, after }],
        },
        ctx,
        change.ifMatch,
      );
    },
  };
}
