import { randomUUID } from 'node:crypto';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FinanceUnitProfile, FundingType, Month, Unit, UnitLevel } from '@congdoan/contracts';
import { type Db, systemContext, type WriteContext } from '@congdoan/ddb';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import { unitProfileKey } from '../../src/adapters/keys.ts';
import { cdcsIndex } from '../../src/adapters/reconciliation-keys.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';

export const at = (iso: string): WriteContext => ({ ...systemContext('test'), now: () => new Date(iso) });

/** A unit in the directory (scope checks) and, for a CĐCS, its finance profile with the CĐCS index. */
export async function seedUnit(
  db: Db,
  o: {
    id?: string;
    level: UnitLevel;
    parentId: string | null;
    fundingType?: FundingType;
    status?: Unit['status'];
    updatedAt?: string;
  },
): Promise<string> {
  const id = o.id ?? randomUUID();
  const stamp = o.updatedAt ?? '2025-01-01T00:00:00.000Z';
  const unit: Unit = {
    id,
    code: `U-${id.slice(0, 8)}`,
    name: `Đơn vị ${id.slice(0, 4)}`,
    level: o.level,
    parentId: o.parentId,
    agency:
      o.level === 'grassroots'
        ? { name: `Cơ quan ${id.slice(0, 4)}`, taxId: '2400123456', fundingType: o.fundingType ?? 'self-funded' }
        : null,
    status: o.status ?? 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
  };
  await applyUnitSnapshot(db, unit, systemContext('test'));
  const profile: FinanceUnitProfile = {
    unitId: id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    parentId: unit.parentId,
    status: unit.status,
    taxId: unit.agency?.taxId ?? null,
    agencyName: unit.agency?.name ?? null,
    fundingType: unit.agency?.fundingType ?? null,
    sourceVersion: 1,
    updatedAt: stamp,
  };
  await createUnitProfileStore(db).upsertIfNewer(profile, systemContext('test'));
  // The CĐCS index on the profile (`cdcsIndex`), for as long as the profile store does not write it itself.
  const index = cdcsIndex(profile);
  if ('gsi2pk' in index) {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: unitProfileKey(id),
        UpdateExpression: 'SET gsi2pk = if_not_exists(gsi2pk, :pk), gsi2sk = if_not_exists(gsi2sk, :sk)',
        ExpressionAttributeValues: { ':pk': index.gsi2pk, ':sk': index.gsi2sk },
      }),
    );
  }
  return id;
}

export interface CapturedEvent {
  detailType: string;
  eventId: string;
  data: Record<string, unknown>;
}

/** The outbox of a test's own table (a Scan is fine on a table only this file uses). */
export async function outbox(db: Db): Promise<CapturedEvent[]> {
  const out: CapturedEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': 'outbox' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const detail = JSON.parse(String(item.detail));
      out.push({ detailType: String(item.detailType), eventId: detail.metadata.eventId, data: detail.data });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** Events of one run, by detail-type. */
export async function eventsOfRun(db: Db, runId: string, detailType: string): Promise<Record<string, unknown>[]> {
  return (await outbox(db)).filter((e) => e.detailType === detailType && e.data.runId === runId).map((e) => e.data);
}

export type { Month };
