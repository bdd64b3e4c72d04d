import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DirectoryMember,
  type DirectoryStatus,
  directoryMemberSchema,
  type MemberStatus,
} from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  queryPage,
  stripKeys,
  TransactionConflictError,
  type WriteContext,
} from '@congdoan/ddb';
import { z } from 'zod';

import { LIFECYCLE_KINDS, type LifecycleChange, spanOn } from './history.ts';
import { type DirectoryEntry, type MemberFacts, mergeFacts } from './record.ts';

/**
 * Keys of the member directory in the mounting service's table:
 *
 * | pk                        | sk       | gsi1pk                       | gsi1sk                 |
 * | ------------------------- | -------- | ---------------------------- | ---------------------- |
 * | `MEMBERDIR#<member>`      | `MEMBER` | `MEMBERDIR_UNIT#<unit>`      | `<status>#<member>`    |
 *
 * One item per member: the record of the highest version seen, the lifecycle changes and
 * the history derived from them, and a `revision` that guards each rewrite.
 */
const PK_PREFIX = 'MEMBERDIR#';
const memberKey = (id: string) => ({ pk: `${PK_PREFIX}${id}`, sk: 'MEMBER' });
const unitPk = (unitId: string) => `MEMBERDIR_UNIT#${unitId}`;
export const DIRECTORY_MEMBER_KIND = 'directory-member';

const changeSchema = z.object({
  version: z.number().int().positive(),
  kind: z.enum(LIFECYCLE_KINDS),
  date: z.iso.date(),
  unitId: z.string(),
});

const storedSchema = z.object({ changes: z.array(changeSchema), revision: z.number().int().positive() });

function toItem(entry: DirectoryEntry, revision: number): Record<string, unknown> {
  // Parsing keeps exactly the directory's fields, whatever the entry was built from.
  const member = directoryMemberSchema.parse(entry.member);
  const changes: LifecycleChange[] = entry.changes.map((c) => changeSchema.parse(c));
  return {
    ...memberKey(member.id),
    kind: DIRECTORY_MEMBER_KIND,
    ...member,
    changes,
    revision,
    gsi1pk: unitPk(member.unitId),
    gsi1sk: `${member.status}#${member.id}`,
  };
}

function fromItem(item: Record<string, unknown>): { entry: DirectoryEntry; revision: number } {
  const { changes, revision } = storedSchema.parse(item);
  return { entry: { member: directoryMemberSchema.parse(stripKeys(item)), changes }, revision };
}

export type ApplyOutcome = 'applied' | 'duplicate';

/** Enough for every concurrent delivery of one member's events to land. */
const APPLY_ATTEMPTS = 30;

/**
 * Records one member event: reads the member's entry, merges the event's facts and writes
 * it back on condition that nobody rewrote it in between (else reads again). A duplicate or
 * a record change older than the kept one writes nothing.
 */
export async function applyMemberFacts(db: Db, facts: MemberFacts, ctx: WriteContext): Promise<ApplyOutcome> {
  const key = memberKey(facts.profile.id);
  for (let attempt = 1; ; attempt++) {
    const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
    const stored = Item ? fromItem(Item) : undefined;
    const next = mergeFacts(stored?.entry, facts);
    if (!next) return 'duplicate';
    try {
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: toItem(next, (stored?.revision ?? 0) + 1),
                ConditionExpression: stored ? 'revision = :revision' : 'attribute_not_exists(pk)',
                ...(stored ? { ExpressionAttributeValues: { ':revision': stored.revision } } : {}),
              },
            },
          ],
        },
        ctx,
      );
      return 'applied';
    } catch (error) {
      const raced = error instanceof ConditionFailedError || error instanceof TransactionConflictError;
      if (!raced || attempt >= APPLY_ATTEMPTS) throw error;
      const ceiling = Math.min(200, 5 * 2 ** Math.min(attempt, 6));
      await new Promise((r) => setTimeout(r, ceiling / 2 + Math.random() * (ceiling / 2)));
    }
  }
}

export interface MemberPage {
  items: DirectoryMember[];
  nextCursor: string | null;
}

export interface UnitMembersQuery {
  /** Only members whose latest status is this one. */
  status?: MemberStatus;
  /** Page size, 1 to 200; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** The member directory's reads, unscoped: for a consumer's own work, or under `scopedMembers`. */
export interface MemberReads {
  getMember(id: string): Promise<DirectoryMember | undefined>;
  /** The members whose latest unit is `unitId`, by status, then member id. */
  membersOfUnit(unitId: string, query?: UnitMembersQuery): Promise<MemberPage>;
  /** The member's standing on `day` (`YYYY-MM-DD`); undefined before their first admission or when unknown. */
  statusOn(id: string, day: string): Promise<DirectoryStatus | undefined>;
  /** The member's unit on `day`; undefined before their first admission or when unknown. */
  unitOn(id: string, day: string): Promise<string | undefined>;
}

export function memberReads(db: Db): MemberReads {
  const getMember = async (id: string) => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: memberKey(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item).entry.member : undefined;
  };
  const memberSpanOn = async (id: string, day: string) => {
    const member = await getMember(id);
    return member && spanOn(member.history, day);
  };
  return {
    getMember,
    async membersOfUnit(unitId, query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
      const prefix = query.status ? `${query.status}#` : '';
      const { items, nextCursor } = await queryPage(
        db,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': unitPk(unitId), ...(prefix ? { ':prefix': prefix } : {}) },
        },
        { limit, cursor: query.cursor },
        // A cursor is the client's input: it must point into this unit's list and status.
        { sk: 'MEMBER', gsi1pk: unitPk(unitId), gsi1sk: { prefix } },
      );
      return { items: items.map((item) => fromItem(item).entry.member), nextCursor };
    },
    statusOn: async (id, day) => (await memberSpanOn(id, day))?.status,
    unitOn: async (id, day) => (await memberSpanOn(id, day))?.unitId,
  };
}
