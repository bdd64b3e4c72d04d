import type { MemberStore } from '../member-ports.ts';
import type { UnitStore } from '../ports.ts';

export interface MemberDeps {
  members: MemberStore;
  units: UnitStore;
}
