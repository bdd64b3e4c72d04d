/**
 * Cognito pre token generation trigger (event version V3_0): puts the caller's
 * unit scope in the token as the `unit_id` claim that @congdoan/http-kit reads
 * (`*` = the whole tree).
 *
 * API Gateway's JWT authorizer takes access tokens, but Cognito writes a user's
 * `custom:unit_id` attribute into the ID token only, and client-credentials
 * (machine) tokens carry no unit at all. V3_0 is the version that also runs for
 * client-credentials grants (V2_0 covers user access tokens only).
 *
 * - A user: `custom:unit_id` is copied into the access and the ID token. A user
 *   without it gets no claim, and the API refuses them with 403 `no-unit-scope`.
 * - A machine client (`TokenGeneration_ClientCredentials`): its unit comes from
 *   `MACHINE_CLIENT_UNITS`, a JSON object of app client id → unit id written by
 *   the stateful stack. An unknown client gets no claim, and is refused likewise.
 *
 * No unit is ever made up here: a missing one stays missing.
 *
 * A user's `custom:member_id` (the member record linked to their account, set by an
 * administrator) goes into both tokens as `member_id`, beside the unit: who they are as a member.
 *
 * It also gives a person's access token the OAuth scopes of their roles (their
 * Cognito groups), since every route requires scopes at the JWT authorizer. The
 * role → scopes map is derived from the manifests at synth (`roleScopes` in
 * @congdoan/contracts) and shipped as a JSON file in a layer (`ROLE_SCOPES_FILE`),
 * not in the environment, whose 4 KB would not hold five services' scopes. A
 * machine client's scopes are its app client's, never these.
 */
import { readFileSync } from 'node:fs';
import type { BasePreTokenGenerationV3TriggerEvent } from 'aws-lambda';

/** The claim @congdoan/http-kit reads (its `UNIT_CLAIM`); the handler's test runs the result through its parseAuth. */
export const UNIT_CLAIM = 'unit_id';
/** The user attribute holding a person's unit (the user pool's custom attribute `unit_id`). */
export const UNIT_ATTRIBUTE = 'custom:unit_id';
/** The claim naming the member record linked to a person's account (http-kit's `MEMBER_CLAIM`), and its user attribute. */
export const MEMBER_CLAIM = 'member_id';
export const MEMBER_ATTRIBUTE = 'custom:member_id';
export const CLIENT_CREDENTIALS = 'TokenGeneration_ClientCredentials';
/** The environment variable holding the machine clients' units. */
export const MACHINE_CLIENT_UNITS_ENV = 'MACHINE_CLIENT_UNITS';
/** The environment variable naming the role → scopes file. */
export const ROLE_SCOPES_FILE_ENV = 'ROLE_SCOPES_FILE';
/** Where the stateful stack's layer puts that file (a layer's files are under /opt). */
export const ROLE_SCOPES_LAYER_PATH = 'role-scopes.json';

/**
 * Trigger sources of a V3_0 event. @types/aws-lambda types V3 for client
 * credentials only; the user sources are the same as V2's.
 */
export type PreTokenGenerationTriggerSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  | typeof CLIENT_CREDENTIALS;

export type PreTokenGenerationV3Event = BasePreTokenGenerationV3TriggerEvent<PreTokenGenerationTriggerSource>;

/** App client id → unit id (`*` = the whole tree). */
export type MachineClientUnits = Readonly<Record<string, string>>;

/** Reads `MACHINE_CLIENT_UNITS`; absent means no machine client has a unit. Throws on anything but a string map. */
export function parseMachineClientUnits(json: string | undefined): MachineClientUnits {
  if (json === undefined || json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new Error(`${MACHINE_CLIENT_UNITS_ENV} is not JSON.`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${MACHINE_CLIENT_UNITS_ENV} must be a JSON object of app client id → unit id.`);
  }
  for (const [clientId, unit] of Object.entries(parsed)) {
    if (typeof unit !== 'string') {
      throw new Error(`${MACHINE_CLIENT_UNITS_ENV}: the unit of client ${clientId} is not a string.`);
    }
  }
  return parsed as MachineClientUnits;
}

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The unit the token should carry, or undefined when the caller has none. */
export function unitFor(event: PreTokenGenerationV3Event, machineClientUnits: MachineClientUnits): string | undefined {
  if (event.triggerSource === CLIENT_CREDENTIALS) {
    const clientId = event.callerContext.clientId;
    return Object.hasOwn(machineClientUnits, clientId) ? present(machineClientUnits[clientId]) : undefined;
  }
  return present(event.request.userAttributes?.[UNIT_ATTRIBUTE]);
}

/** The member record a person's token names (an inspector assigned to a case reveals its person by it); never a machine client's. */
export function memberFor(event: PreTokenGenerationV3Event): string | undefined {
  if (event.triggerSource === CLIENT_CREDENTIALS) return undefined;
  return present(event.request.userAttributes?.[MEMBER_ATTRIBUTE]);
}

/** Cognito group (role) → the scopes, as written in tokens (`congdoan-api/finance.read`), of routes it may call. */
export type RoleScopes = Readonly<Record<string, readonly string[]>>;

/** Parses the role → scopes file. Throws on anything but an object of string arrays. */
export function parseRoleScopes(json: string): RoleScopes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new Error('The role scopes file is not JSON.', { cause });
  }
  const roles = (parsed as { roles?: unknown } | null)?.roles;
  if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) {
    throw new Error('The role scopes file must hold { "roles": { "<group>": ["<scope>", …] } }.');
  }
  for (const [role, scopes] of Object.entries(roles)) {
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
      throw new Error(`The role scopes file: the scopes of ${role} are not a list of strings.`);
    }
  }
  return roles as RoleScopes;
}

/** The scopes a person's access token gets: those of each of their groups. None for a machine client. */
export function scopesFor(event: PreTokenGenerationV3Event, roleScopes: RoleScopes): string[] {
  if (event.triggerSource === CLIENT_CREDENTIALS) return [];
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const scopes = new Set<string>();
  for (const group of groups) {
    if (Object.hasOwn(roleScopes, group)) for (const scope of roleScopes[group] ?? []) scopes.add(scope);
  }
  return [...scopes].sort();
}

/** Adds the person's role scopes to the access token; leaves the event untouched when there are none. */
export function addRoleScopes(event: PreTokenGenerationV3Event, roleScopes: RoleScopes): PreTokenGenerationV3Event {
  const scopes = scopesFor(event, roleScopes);
  if (scopes.length === 0) return event;
  const details = event.response.claimsAndScopeOverrideDetails ?? {};
  const already = details.accessTokenGeneration?.scopesToAdd ?? [];
  details.accessTokenGeneration = {
    ...details.accessTokenGeneration,
    scopesToAdd: [...new Set([...already, ...scopes])],
  };
  event.response.claimsAndScopeOverrideDetails = details;
  return event;
}

/** Sets the response on the event (Cognito reads it back); leaves it untouched when there is no unit. */
export function addUnitClaim(
  event: PreTokenGenerationV3Event,
  machineClientUnits: MachineClientUnits,
): PreTokenGenerationV3Event {
  const unit = unitFor(event, machineClientUnits);
  if (unit === undefined) return event;
  const member = memberFor(event);
  const claims = { [UNIT_CLAIM]: unit, ...(member ? { [MEMBER_CLAIM]: member } : {}) };
  const details = event.response.claimsAndScopeOverrideDetails ?? {};
  details.accessTokenGeneration = {
    ...details.accessTokenGeneration,
    claimsToAddOrOverride: { ...details.accessTokenGeneration?.claimsToAddOrOverride, ...claims },
  };
  // A client-credentials grant issues no ID token.
  if (event.triggerSource !== CLIENT_CREDENTIALS) {
    details.idTokenGeneration = {
      ...details.idTokenGeneration,
      claimsToAddOrOverride: { ...details.idTokenGeneration?.claimsToAddOrOverride, ...claims },
    };
  }
  event.response.claimsAndScopeOverrideDetails = details;
  return event;
}

const roleScopesByFile = new Map<string, RoleScopes>();

/** The role → scopes map of `ROLE_SCOPES_FILE`, read once per file. Throws when it is not set or unreadable. */
export function loadRoleScopes(file: string | undefined): RoleScopes {
  if (file === undefined || file.trim() === '') throw new Error(`${ROLE_SCOPES_FILE_ENV} is not set.`);
  let roleScopes = roleScopesByFile.get(file);
  if (!roleScopes) {
    roleScopes = parseRoleScopes(readFileSync(file, 'utf8'));
    roleScopesByFile.set(file, roleScopes);
  }
  return roleScopes;
}

/**
 * Throwing fails the sign-in or token request; that happens only when the stack
 * wrote a malformed `MACHINE_CLIENT_UNITS` or role scopes file, which must not
 * hand out tokens.
 */
export const handler = async (event: PreTokenGenerationV3Event): Promise<PreTokenGenerationV3Event> =>
  addRoleScopes(
    addUnitClaim(event, parseMachineClientUnits(process.env[MACHINE_CLIENT_UNITS_ENV])),
    loadRoleScopes(process.env[ROLE_SCOPES_FILE_ENV]),
  );
