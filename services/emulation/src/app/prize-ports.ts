import type { WriteContext } from '@congdoan/ddb';
import type { BaseSalaryVersion } from '../domain/prize.ts';

export type BaseSalaryOutcome = 'applied' | 'superseded' | 'duplicate';

/**
 * Lương cơ sở as finance announced it (`BaseSalaryVersionRecorded`): emulation's projection of
 * finance's policy, never a figure of its own.
 */
export interface BaseSalaries {
  /** Applies the event once (its inbox marker); a version keeps the highest `version` of its day. */
  apply(eventId: string, v: BaseSalaryVersion, ctx: WriteContext): Promise<BaseSalaryOutcome>;
  /** The version in force on `day` (the latest from that day or before); undefined before the first. */
  inForceOn(day: string): Promise<BaseSalaryVersion | undefined>;
}
