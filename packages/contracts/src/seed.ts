import type { ServiceName } from './events/envelope.ts';

/**
 * A service's demo data for the local platform: `services/<service>/demo/seed.ts` exports
 * `seed`, and `npm start` finds it there (nothing lists it). Seeds go through the HTTP API
 * with an admin token, as a person would, so they never reach into a table.
 */
export interface DemoSeed {
  /**
   * Services whose seeds must finish first, e.g. membership's, which makes the organisation.
   * Seeds that do not wait on each other run at the same time.
   */
  after?: readonly ServiceName[];
  /**
   * Whether this service's demo data is already there (one cheap read). When a seed says
   * so, none runs: the demo was made on an earlier start. A seed that cannot tell omits it.
   */
  present?(context: DemoSeedContext): Promise<boolean>;
  /**
   * Makes the demo data; safe to run again after an interrupted start (look up before
   * creating, send Idempotency-Keys). Returns ids later seeds may use, by name (`{}` for none).
   */
  run(context: DemoSeedContext): Promise<Readonly<Record<string, string>>>;
}

export interface DemoSeedContext {
  /** The gateway, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** An admin token for the whole tree. */
  token: string;
  /** Resolves once every event written so far has been delivered and handled. */
  drain(): Promise<void>;
  log(line: string): void;
  /** What earlier seeds returned, e.g. membership's units by code (`CDCS-LHHKHKT-BG` → its id). */
  ids: Readonly<Record<string, string>>;
}

/** Types a service's seed. */
export const defineSeed = (seed: DemoSeed): DemoSeed => seed;
