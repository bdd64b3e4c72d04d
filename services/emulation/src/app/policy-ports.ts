import type { AddEmulationPolicyVersionInput, EmulationPolicyParameter, RatingCriteriaSet } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { EmulationPolicy } from '../domain/policy/policy.ts';
import type { Certainty } from '../domain/policy/versioned.ts';

/** A version of a policy parameter, with where it comes from. */
export interface PolicyVersionRecord {
  id: string;
  parameter: EmulationPolicyParameter;
  effectiveFrom: string;
  /** Its value, in the shape `POST …/policy/versions` takes for the parameter. */
  value: Record<string, unknown>;
  source: string;
  certainty: Certainty;
  note: string | null;
  origin: 'default' | 'added';
  addedBy: string | null;
  addedAt: string | null;
}

/**
 * Emulation's policy: the product's defaults followed by the versions administrators added. The
 * one port every computation reads the catalogue and its settings through.
 */
export interface PolicyVersions {
  /** The policy in force, cached per instance for at most 30 s (`fresh` reads the table). */
  load(options?: { fresh?: boolean }): Promise<EmulationPolicy>;
  /** Every version, defaults then added, read fresh. */
  list(): Promise<PolicyVersionRecord[]>;
  /**
   * Appends a version, effective after the parameter's latest (`policyVersionNotAfterLatest`
   * otherwise, also for the loser of two racing adds); audited.
   */
  add(input: AddEmulationPolicyVersionInput, ctx: WriteContext): Promise<PolicyVersionRecord>;
}

/** The criteria sets upper levels publish for a year's CĐCS ratings. */
export interface RatingCriteriaStore {
  get(unitId: string, year: number): Promise<RatingCriteriaSet | undefined>;
  /** Writes the set once per unit and year (`ratingCriteriaExists` the second time). */
  publish(set: RatingCriteriaSet, ctx: WriteContext): Promise<void>;
}

export interface PolicyDeps {
  policy: PolicyVersions;
  ratingCriteria: RatingCriteriaStore;
}
