import type { WriteContext } from '@congdoan/ddb';
import type { UnitStore } from '../ports.ts';

export interface UnitDeps {
  units: UnitStore;
}

/** Who is acting, as the use cases need it: the subtree they may act in, and the write context. */
export interface Caller {
  /** null: the whole tree. */
  unitId: string | null;
  write: WriteContext;
}
