import type { DirectoryMember } from '@congdoan/contracts';

/** The unit whose subtree a caller may act in; null is the whole tree. */
export interface CallerScope {
  unitId: string | null;
}

/** Who a member is, as welfare's member directory keeps them. */
export interface Members {
  /** The member; a not-found domain error when unknown or outside the caller's subtree. */
  get(caller: CallerScope, id: string): Promise<DirectoryMember>;
}

/** What welfare's use cases are given: ports only, never a concrete adapter. */
export interface WelfareDeps {
  members: Members;
}
