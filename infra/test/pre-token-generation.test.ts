import { DomainError } from '@congdoan/contracts';
import { type JwtClaims, parseAuth } from '@congdoan/http-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addUnitClaim,
  handler,
  type PreTokenGenerationTriggerSource,
  type PreTokenGenerationV3Event,
  parseMachineClientUnits,
} from '../lib/pre-token-generation/handler.ts';

const USER_CLIENT = '4ukhs2q8yv9bkg0ib1j7b3bdfn';
const MACHINE_CLIENT = '7d1r6m3tq8o2h9l5c4v0n2k8xa';
const UNKNOWN_CLIENT = '1a2b3c4d5e6f7g8h9i0j1k2l3m';
const UNITS = { [MACHINE_CLIENT]: '*' };

/** A V3_0 event as Cognito sends it (the response starts empty). */
function event(
  triggerSource: PreTokenGenerationTriggerSource,
  clientId: string,
  userAttributes: Record<string, string>,
): PreTokenGenerationV3Event {
  return {
    version: '3',
    region: 'ap-southeast-1',
    userPoolId: 'ap-southeast-1_AbCdEfGhI',
    triggerSource,
    userName: triggerSource === 'TokenGeneration_ClientCredentials' ? '' : 'c8a1f2d0-0000-4000-8000-000000000001',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
    request: {
      userAttributes,
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      scopes: [],
    },
    response: { claimsAndScopeOverrideDetails: null as never },
  };
}

const user = (attributes: Record<string, string>) =>
  event('TokenGeneration_Authentication', USER_CLIENT, {
    sub: 'c8a1f2d0-0000-4000-8000-000000000001',
    email: 'chu-tich@example.org',
    ...attributes,
  });
const machine = (clientId: string) => event('TokenGeneration_ClientCredentials', clientId, {});

/** The access token's claims Cognito would issue, with the trigger's additions. */
function userAccessToken(out: PreTokenGenerationV3Event): JwtClaims {
  return {
    sub: 'c8a1f2d0-0000-4000-8000-000000000001',
    username: 'c8a1f2d0-0000-4000-8000-000000000001',
    'cognito:groups': ['officer'],
    scope: 'openid email profile',
    token_use: 'access',
    ...out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
  };
}

function machineAccessToken(out: PreTokenGenerationV3Event): JwtClaims {
  return {
    sub: out.callerContext.clientId,
    client_id: out.callerContext.clientId,
    scope: 'congdoan-api/membership.read congdoan-api/finance.read',
    token_use: 'access',
    ...out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
  };
}

function refusal(claims: JwtClaims): string | undefined {
  try {
    parseAuth(claims);
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('pre token generation: users', () => {
  it('copies custom:unit_id into the access token and the ID token as unit_id', () => {
    const out = addUnitClaim(user({ 'custom:unit_id': 'u-cdcs-42' }), UNITS);
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { unit_id: 'u-cdcs-42' } },
      idTokenGeneration: { claimsToAddOrOverride: { unit_id: 'u-cdcs-42' } },
    });
    expect(parseAuth(userAccessToken(out))).toMatchObject({
      unitId: 'u-cdcs-42',
      roles: ['officer'],
      isMachine: false,
    });
  });

  it('passes the whole tree (`*`) through, which http-kit reads as no restriction', () => {
    const out = addUnitClaim(user({ 'custom:unit_id': '*' }), UNITS);
    expect(parseAuth(userAccessToken(out)).unitId).toBeNull();
  });

  it('adds nothing for a user without the attribute, so the API refuses them with no-unit-scope', () => {
    const withoutUnit: Record<string, string>[] = [{}, { 'custom:unit_id': '' }, { 'custom:unit_id': '  ' }];
    for (const attributes of withoutUnit) {
      const out = addUnitClaim(user(attributes), UNITS);
      expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
      expect(refusal(userAccessToken(out))).toBe('no-unit-scope');
    }
  });

  it('covers every user flow, refresh included', () => {
    for (const source of [
      'TokenGeneration_HostedAuth',
      'TokenGeneration_NewPasswordChallenge',
      'TokenGeneration_AuthenticateDevice',
      'TokenGeneration_RefreshTokens',
    ] as const) {
      const out = addUnitClaim(event(source, USER_CLIENT, { 'custom:unit_id': 'u-1' }), UNITS);
      expect(out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
        unit_id: 'u-1',
      });
    }
  });

  it('does not let a user with a client id in the machine map borrow its unit', () => {
    const out = addUnitClaim(event('TokenGeneration_Authentication', MACHINE_CLIENT, {}), UNITS);
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
  });
});

describe('pre token generation: machine clients (client credentials)', () => {
  it('gives a known client its mapped unit in the access token only', () => {
    const out = addUnitClaim(machine(MACHINE_CLIENT), UNITS);
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { unit_id: '*' } },
    });
    expect(parseAuth(machineAccessToken(out))).toMatchObject({
      unitId: null,
      roles: ['integration'],
      isMachine: true,
    });
  });

  it('maps a client to one unit when told so', () => {
    const out = addUnitClaim(machine(UNKNOWN_CLIENT), { [UNKNOWN_CLIENT]: 'u-tinh' });
    expect(parseAuth(machineAccessToken(out)).unitId).toBe('u-tinh');
  });

  it('adds nothing for an unknown client, so the API refuses it with no-unit-scope', () => {
    const out = addUnitClaim(machine(UNKNOWN_CLIENT), UNITS);
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
    expect(refusal(machineAccessToken(out))).toBe('no-unit-scope');
    expect(addUnitClaim(machine('__proto__'), UNITS).response.claimsAndScopeOverrideDetails).toBeNull();
  });
});

describe('pre token generation: the handler and its environment', () => {
  it('reads MACHINE_CLIENT_UNITS', async () => {
    vi.stubEnv('MACHINE_CLIENT_UNITS', JSON.stringify(UNITS));
    const known = await handler(machine(MACHINE_CLIENT));
    expect(known.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      unit_id: '*',
    });
    const user1 = await handler(user({ 'custom:unit_id': 'u-9' }));
    expect(user1.response.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride).toEqual({
      unit_id: 'u-9',
    });
  });

  it('gives no machine client a unit when MACHINE_CLIENT_UNITS is absent', async () => {
    vi.stubEnv('MACHINE_CLIENT_UNITS', undefined);
    const out = await handler(machine(MACHINE_CLIENT));
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
  });

  it('refuses to issue tokens from a malformed mapping', async () => {
    expect(() => parseMachineClientUnits('{not json')).toThrow(/not JSON/);
    expect(() => parseMachineClientUnits('["*"]')).toThrow(/JSON object/);
    expect(() => parseMachineClientUnits('{"a":1}')).toThrow(/not a string/);
    vi.stubEnv('MACHINE_CLIENT_UNITS', '{not json');
    await expect(handler(machine(MACHINE_CLIENT))).rejects.toThrow(/MACHINE_CLIENT_UNITS/);
  });
});
