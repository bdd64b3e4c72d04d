import type { BankStore } from '../../adapters/bank-store.ts';
import type { LevyDeps } from '../levy/ports.ts';

/** What the bank-statement use cases need: the levy's ports and the bank store. */
export interface BankDeps extends LevyDeps {
  bank: BankStore;
}
