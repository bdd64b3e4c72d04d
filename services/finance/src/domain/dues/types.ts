import type { Month } from '@congdoan/contracts';
import type { Explained } from '../policy/types.ts';

/**
 * The dues vocabulary. A unit's dues for a month live in one summary
 * (`DuesMonthState`) that every collection and remittance of that month
 * rewrites under its version, so concurrent ones serialise and none is lost.
 */

export const PAYMENT_METHODS = ['cash', 'bank'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface CollectionLine {
  memberId: string;
  amount: number;
}

/** What the CĐCS and the upper level get of a collection (see `collectionSplit`). */
export interface CollectionSplit {
  grassroots: number;
  upper: number;
  formula: string;
}

/** One collection: a receipt voucher for one member or a whole batch, its lines inside. */
export interface DuesCollection {
  id: string;
  unitId: string;
  month: Month;
  date: string;
  method: PaymentMethod;
  note: string | null;
  batch: boolean;
  allowAdvance: boolean;
  lines: CollectionLine[];
  amount: number;
  split: CollectionSplit;
  postingId: string;
  voucherNumber: string | null;
  createdAt: string;
  createdBy: string;
}

/** The CĐCS hands the upper level its share of a month's dues: a payment at the CĐCS, a receipt above. */
export interface DuesRemittance {
  id: string;
  unitId: string;
  upperUnitId: string;
  month: Month;
  amount: number;
  date: string;
  method: PaymentMethod;
  note: string | null;
  postingIds: { unit: string; upper: string };
  voucherNumbers: { payment: string | null; receipt: string | null };
  createdAt: string;
  createdBy: string;
}

/** A unit's dues for one month: what was collected (per member and split) and remitted. */
export interface DuesMonthState {
  unitId: string;
  month: Month;
  collected: number;
  grassrootsCollected: number;
  upperCollected: number;
  remitted: number;
  /** Collected per member id. */
  paid: Record<string, number>;
  collections: number;
  remittances: number;
  /** 0 before the first collection (nothing stored). */
  version: number;
}

export const emptyMonthState = (unitId: string, month: Month): DuesMonthState => ({
  unitId,
  month,
  collected: 0,
  grassrootsCollected: 0,
  upperCollected: 0,
  remitted: 0,
  paid: {},
  collections: 0,
  remittances: 0,
  version: 0,
});

/** One member who owes the month, with the amount and how it was computed. */
export interface OwingMember {
  memberId: string;
  fullName: string;
  duesSalary: number;
  basis: 'first-day' | 'admission';
  expected: Explained;
}
