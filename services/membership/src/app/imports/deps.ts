import type { MemberDeps } from '../members/deps.ts';
import type { ImportStore } from './ports.ts';

export interface ImportDeps extends MemberDeps {
  imports: ImportStore;
}
