import { randomUUID } from 'node:crypto';
import type { FundingType, Unit, UnitLevel } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import { unitState } from '../../../../test/support/states.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';
import { profileFromUnit } from '../../src/domain/unit-profile.ts';

const ctx = systemContext('test');

/** A unit as membership's events carry it: an active CĐCS of no agency unless `overrides` say otherwise. */
export const unit = unitState;

/** Puts units in finance's organisation directory (scope checks), as membership's unit events would. */
export async function putInDirectory(db: Db, ...units: Unit[]): Promise<void> {
  for (const u of units) await applyUnitSnapshot(db, u, ctx);
}

/** Puts units in the organisation directory and in finance's unit profiles, as membership's unit events would. */
export async function registerUnits(db: Db, ...units: Unit[]): Promise<void> {
  const profiles = createUnitProfileStore(db);
  for (const u of units) {
    await applyUnitSnapshot(db, u, ctx);
    await profiles.upsertIfNewer(profileFromUnit(u), ctx);
  }
}

export interface SeedOptions {
  id?: string;
  /** Default: the upper level without, a CĐCS with a parent. */
  level?: UnitLevel;
  parentId?: string | null;
  name?: string;
  /** `dissolved` comes with a dissolution decision. */
  status?: Unit['status'];
  /** A CĐCS's agency's; default self-funded. */
  fundingType?: FundingType;
  /** When membership last changed the unit; default 1 January 2025. */
  updatedAt?: string;
}

let seeded = 0;

/** A unit known to finance (directory and profile), as membership's events make it; a CĐCS with its agency. */
export async function seedUnit(db: Db, o: SeedOptions = {}): Promise<Unit> {
  const id = o.id ?? randomUUID();
  const level = o.level ?? (o.parentId ? 'grassroots' : 'upper');
  const u = unit({
    id,
    name: o.name ?? `Công đoàn ${id.slice(0, 6)}`,
    level,
    parentId: o.parentId ?? null,
    agency:
      level === 'grassroots'
        ? {
            name: `Cơ quan ${id.slice(0, 6)}`,
            taxId: `0${String(Date.now()).slice(-9)}`,
            fundingType: o.fundingType ?? 'self-funded',
          }
        : null,
    status: o.status ?? 'active',
    dissolution:
      o.status === 'dissolved'
        ? { reason: 'Kết luận 157-KL/TW', decisionNumber: '12/QĐ-CĐ', effectiveDate: '2025-06-30' }
        : null,
    version: ++seeded,
    ...(o.updatedAt ? { createdAt: o.updatedAt, updatedAt: o.updatedAt } : {}),
  });
  await registerUnits(db, u);
  return u;
}

/** The unit again, as a later event would carry it (e.g. dissolved). */
export async function updateUnit(db: Db, u: Unit, change: Partial<Unit>): Promise<Unit> {
  const next: Unit = { ...u, ...change, version: u.version + 1000 };
  await registerUnits(db, next);
  return next;
}
