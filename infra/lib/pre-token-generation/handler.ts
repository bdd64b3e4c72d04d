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
 */
import type { BasePreTokenGenerationV3TriggerEvent } from 'aws-lambda';

/** The claim @congdoan/http-kit reads (its `UNIT_CLAIM`); the handler's test runs the result through its parseAuth. */
export const UNIT_CLAIM = 'unit_id';
/** The user attribute holding a person's unit (the user pool's custom attribute `unit_id`). */
export const UNIT_ATTRIBUTE = 'custom:unit_id';
export const CLIENT_CREDENTIALS = 'TokenGeneration_ClientCredentials';
/** The environment variable holding the machine clients' units. */
export const MACHINE_CLIENT_UNITS_ENV = 'MACHINE_CLIENT_UNITS';

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

/** Sets the response on the event (Cognito reads it back); leaves it untouched when there is no unit. */
export function addUnitClaim(
  event: PreTokenGenerationV3Event,
  machineClientUnits: MachineClientUnits,
): PreTokenGenerationV3Event {
  const unit = unitFor(event, machineClientUnits);
  if (unit === undefined) return event;
  const claims = { [UNIT_CLAIM]: unit };
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

/**
 * Throwing fails the sign-in or token request; that happens only when the
 * stack wrote a malformed `MACHINE_CLIENT_UNITS`, which must not hand out tokens.
 */
export const handler = async (event: PreTokenGenerationV3Event): Promise<PreTokenGenerationV3Event> =>
  addUnitClaim(event, parseMachineClientUnits(process.env[MACHINE_CLIENT_UNITS_ENV]));
