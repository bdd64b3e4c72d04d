import type { Award, Nomination } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { Subject } from './ports.ts';

/** The awards each member and unit holds, by year: the chains of consecutive titles read them. */
export interface AwardStore {
  /** Records the award; the same title for the same recipient and year a second time is `awardExists`. */
  record(award: Award, ctx: WriteContext): Promise<void>;
  /** Every award of a recipient, across the units they were in, oldest year first. */
  ofRecipient(recipient: Subject): Promise<Award[]>;
}

export interface NominationStore {
  get(id: string): Promise<Nomination | undefined>;
  create(nomination: Nomination, ctx: WriteContext): Promise<void>;
}

export interface NominationDeps {
  awards: AwardStore;
  nominations: NominationStore;
}
