/**
 * What the BOLA matrix (test/e2e/bola.fresh.e2e.test.ts) asks of each service: a fixture
 * module at `services/<service>/test/bola.fixture.ts` exporting `bola`. The matrix
 * finds it by that convention, so a new service is covered as soon as it has routes,
 * and fails loudly until it has a fixture that exercises every one of them.
 */
import type { Role } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import type { client } from './platform.ts';

export type Api = ReturnType<typeof client>;

/** The demo organisation the matrix runs on (`npm start`'s seed). */
export interface BolaWorld {
  platform: Platform;
  /** An administrator of the whole tree. */
  admin: Api;
  /** A token of `roles` scoped to `unitId`'s subtree. */
  tokenFor(roles: Role[], unitId: string): Promise<string>;
  /** The CĐCS whose resources the attacker asks for (seed 001's, with members and a finance history). */
  victim: { unitId: string; upperId: string };
  /** The CĐCS of the attacker: a sibling of the victim under the same upper level. */
  attacker: { unitId: string };
}

/**
 * Path parameters by kind: the parameter's name, or for `{id}` the collection
 * before it (`/units/{id}` → `units`, `/imports/{id}/chunks/{index}` → `imports`
 * and `index`).
 */
export type Ids = Record<string, string>;

export interface BolaFixture {
  /**
   * A real id per kind of the service's path parameters, of resources in the
   * victim's subtree (outside the attacker's), found or made through the API.
   */
  ids(world: BolaWorld): Promise<Ids>;
  /**
   * Ids for one route where its resources live in another unit than the kind's
   * default, by operationId (finance's bank statements belong to the upper level).
   */
  routeIds?: (ids: Ids) => Record<string, Ids>;
  /**
   * Path parameters that name no resource (a month, a year, a chunk's index): sent
   * with the same value in both calls.
   */
  fixed?: Ids;
  /** A body that passes the route's schema, by operationId, for each route with a path parameter that takes one. */
  bodies?: Record<string, (ids: Ids, world: BolaWorld) => unknown>;
  /** Query parameters, by operationId, for routes whose query has required parameters. */
  queries?: Record<string, (ids: Ids) => Record<string, string>>;
}
