import type { AddPolicyVersionInput } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { Policy, PolicyVersion } from '../../domain/policy/types.ts';

/** A version with where it comes from: shipped with the product, or added by an administrator. */
export type PolicyVersionRecord = PolicyVersion & {
  origin: 'default' | 'added';
  /** The administrator who added it (added versions only). */
  addedBy?: string;
  addedAt?: string;
};

export interface LoadOptions {
  /** Read the table even when this instance holds a policy loaded less than 30 s ago. */
  fresh?: boolean;
}

/** The policy: the defaults (DOMAIN.md) merged with the versions administrators added. */
export interface PolicyStore {
  /** The policy in force, cached per Lambda instance for at most 30 s. */
  load(options?: LoadOptions): Promise<Policy>;
  /** Every version, defaults first then added ones, each rule by effective day. Always read fresh. */
  list(): Promise<PolicyVersionRecord[]>;
  /**
   * Appends a version: it must be later than the latest version of the same rule for
   * every funding type it covers (409 otherwise), and its value valid (422). Audited.
   */
  addVersion(input: AddPolicyVersionInput, ctx: WriteContext): Promise<PolicyVersionRecord>;
  /**
   * Announces each shipped version of lương cơ sở not announced yet (`BaseSalaryVersionRecorded`,
   * a marker per version in the event's transaction); returns the ids announced by this call.
   */
  announceDefaults(ctx: WriteContext): Promise<string[]>;
}
