import type { LocalizedText, Movement, Registration, RegistrationTotals, UnitLevel } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { TotalsDelta } from '../domain/movement.ts';
import type { UnitOperation } from '../domain/rating.ts';
import type { CallerScope } from './ports.ts';

/** The organisation tree as emulation's org directory keeps it. */
export interface Units {
  /** A unit the caller named: outside their subtree it is the 404 of a missing unit. */
  assertInScope(caller: CallerScope, unitId: string): Promise<void>;
  /** Whether `unitId` is `ancestorId` or lies below it. */
  isWithin(ancestorId: string, unitId: string): Promise<boolean>;
  /** The unit's name as the directory knows it; undefined when unknown. */
  nameOf(unitId: string): Promise<string | undefined>;
  /** The unit, then every unit above it to the root; empty when unknown. */
  chain(unitId: string): Promise<string[]>;
  /** Its founding and last merger days (membership's `foundedOn`, `UnitMerged`); undefined when unknown. */
  operationOf(unitId: string): Promise<UnitOperation | undefined>;
  /** The active units directly below, by code. */
  childrenOf(unitId: string): Promise<{ id: string; name: string }[]>;
  /** The unit's level in the tree (province, upper, grassroots…); undefined when unknown. */
  levelOf(unitId: string): Promise<UnitLevel | undefined>;
  /** The unit and every active unit below it, parents before children (one Query per unit). */
  subtree(unitId: string): Promise<string[]>;
  /** A resource found by its own id, as the caller may see it: missing or outside, one and the same 404. */
  visible<T>(
    caller: CallerScope,
    found: T | undefined,
    unitOf: (t: T) => string,
    what: LocalizedText,
    id: string,
  ): Promise<T>;
}

/** The totals a change adds to: per year for all movements, and per movement. */
export interface TotalsPlan {
  year: number;
  movementId: string;
  delta: TotalsDelta;
  /** Units whose all-movements totals change: the registrant's unit and every unit above it. */
  allUnits: readonly string[];
  /** Units whose totals of this movement change: from the registrant's unit up to the launching unit. */
  movementUnits: readonly string[];
}

export interface MovementStore {
  get(id: string): Promise<Movement | undefined>;
  create(movement: Movement, ctx: WriteContext): Promise<void>;
  /** The movements launched by these units whose period overlaps `year`. */
  launchedBy(unitIds: readonly string[], year: number): Promise<Movement[]>;
}

export interface RegistrationStore {
  get(id: string): Promise<Registration | undefined>;
  /** A movement's registrations, by day of registration, a page at a time. */
  ofMovement(
    movementId: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Registration[]; nextCursor: string | null }>;
  /** Writes the registration and adds to the totals in one transaction, if the movement still exists. */
  register(registration: Registration, totals: TotalsPlan, ctx: WriteContext): Promise<void>;
  /**
   * Writes the confirmation and adds to the totals in one transaction, if the registration is
   * still unconfirmed at `before.version`; a lost race to another confirmation is `alreadyConfirmed`.
   */
  confirm(before: Registration, after: Registration, totals: TotalsPlan, ctx: WriteContext): Promise<void>;
  /** A unit's maintained totals by year (one item per year read, never the registrations). */
  totals(
    unitId: string,
    fromYear: number,
    toYear: number,
    movementId: string | null,
  ): Promise<{ year: number; totals: RegistrationTotals }[]>;
}

export interface MovementDeps {
  units: Units;
  movements: MovementStore;
  registrations: RegistrationStore;
}
