import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, type ServiceManifest } from '@congdoan/contracts';
import { type JwtClaims, parseAuth } from '@congdoan/http-kit';
import { MANIFESTS } from '@congdoan/registry';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizationScopes, roleScopeMap } from '../lib/index.ts';
import {
  addRoleScopes,
  addUnitClaim,
  handler,
  loadRoleScopes,
  type PreTokenGenerationTriggerSource,
  type PreTokenGenerationV3Event,
  parseMachineClientUnits,
  parseRoleScopes,
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
  groups: string[] = [],
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
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
      scopes: [],
    },
    response: { claimsAndScopeOverrideDetails: null as never },
  };
}

const user = (attributes: Record<string, string>, groups: string[] = []) =>
  event(
    'TokenGeneration_Authentication',
    USER_CLIENT,
    { sub: 'c8a1f2d0-0000-4000-8000-000000000001', email: 'chu-tich@example.org', ...attributes },
    groups,
  );
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

let dir: string;
let roleScopesFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'congdoan-role-scopes-'));
  roleScopesFile = join(dir, 'role-scopes.json');
  writeFileSync(roleScopesFile, JSON.stringify({ resourceServer: 'congdoan-api', roles: roleScopeMap(MANIFESTS) }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The scopes of the routes of `service` that `role` may call, by method kind. */
function routeScopesOf(manifests: readonly ServiceManifest[], service: string, role: string, write: boolean): string[] {
  const manifest = manifests.find((m) => m.service === service)!;
  return manifest.routes
    .filter((r) => r.roles.includes(role as never) && (r.method !== 'GET') === write)
    .flatMap((r) => authorizationScopes(service, r));
}

describe('pre token generation: a person’s scopes come from their roles (groups)', () => {
  const scopesOf = (out: PreTokenGenerationV3Event) =>
    out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToAdd ?? [];

  it('gives an accountant the finance scopes and no membership write scope the manifests do not give', () => {
    const out = addRoleScopes(user({ 'custom:unit_id': 'u-1' }, ['accountant']), roleScopeMap(MANIFESTS));
    const scopes = scopesOf(out);
    const financeRead = routeScopesOf(MANIFESTS, 'finance', 'accountant', false);
    const financeWrite = routeScopesOf(MANIFESTS, 'finance', 'accountant', true);
    expect(financeRead.length).toBeGreaterThan(0);
    expect(financeWrite.length).toBeGreaterThan(0);
    expect(scopes).toEqual(expect.arrayContaining([...financeRead, ...financeWrite]));
    // Membership scopes exactly as the routes accountants may call require; a write scope
    // only if some membership write route lets an accountant in.
    const membershipRead = routeScopesOf(MANIFESTS, 'membership', 'accountant', false);
    const membershipWrite = routeScopesOf(MANIFESTS, 'membership', 'accountant', true);
    const membershipScopes = scopes.filter((s) => s.startsWith('congdoan-api/membership.'));
    expect(new Set(membershipScopes)).toEqual(new Set([...membershipRead, ...membershipWrite]));
    expect(membershipScopes.includes('congdoan-api/membership.write')).toBe(
      membershipWrite.includes('congdoan-api/membership.write'),
    );
  });

  it('follows the manifests: a membership write route open to accountants gives them its scope', () => {
    const membership = MANIFESTS.find((m) => m.service === 'membership')!;
    const dues: ServiceManifest = {
      ...membership,
      routes: [
        ...membership.routes,
        {
          operationId: 'recordDuesOnMember',
          method: 'POST',
          path: '/v1/membership/members/{id}/dues-notes',
          summary: 'Note a member’s dues (test)',
          roles: ['accountant'],
          scopes: ['membership.dues.write'],
          responses: { 201: { description: 'Noted' } },
        },
      ],
    };
    const manifests = MANIFESTS.map((m) => (m.service === 'membership' ? dues : m));
    const scopes = scopesOf(addRoleScopes(user({}, ['accountant']), roleScopeMap(manifests)));
    expect(scopes).toContain('congdoan-api/membership.dues.write');
    expect(scopes).not.toContain('congdoan-api/membership.write');
  });

  it('unites the scopes of several groups, ignores unknown groups, and keeps scopes already added', () => {
    const map = roleScopeMap(MANIFESTS);
    const both = user({}, ['accountant', 'officer', 'no-such-role', '__proto__']);
    both.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { scopesToAdd: ['openid'] } };
    const scopes = scopesOf(addRoleScopes(both, map));
    expect(new Set(scopes)).toEqual(new Set(['openid', ...map.accountant!, ...map.officer!]));
    expect(scopes).toHaveLength(new Set(scopes).size);
  });

  it('adds no scope to a person without groups, nor to a machine client (its scopes are its app client’s)', () => {
    const map = roleScopeMap(MANIFESTS);
    expect(addRoleScopes(user({ 'custom:unit_id': 'u-1' }), map).response.claimsAndScopeOverrideDetails).toBeNull();
    const machineWithGroup = event('TokenGeneration_ClientCredentials', MACHINE_CLIENT, {}, ['admin']);
    expect(addRoleScopes(machineWithGroup, map).response.claimsAndScopeOverrideDetails).toBeNull();
  });

  it('keeps the unit claim beside the scopes', () => {
    const out = addRoleScopes(
      addUnitClaim(user({ 'custom:unit_id': 'u-1' }, ['member']), UNITS),
      roleScopeMap(MANIFESTS),
    );
    expect(out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration).toEqual({
      claimsToAddOrOverride: { unit_id: 'u-1' },
      scopesToAdd: roleScopeMap(MANIFESTS).member,
    });
  });
});

describe('pre token generation: users', () => {
  it('copies custom:member_id beside the unit as member_id, which http-kit reads as the member record', () => {
    const out = addUnitClaim(user({ 'custom:unit_id': 'u-1', 'custom:member_id': 'm-42' }), UNITS);
    expect(out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      unit_id: 'u-1',
      member_id: 'm-42',
    });
    expect(parseAuth(userAccessToken(out)).memberId).toBe('m-42');
    const machineOut = addUnitClaim(
      event('TokenGeneration_ClientCredentials', MACHINE_CLIENT, { 'custom:member_id': 'm-42' }),
      UNITS,
    );
    expect(machineOut.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      unit_id: '*',
    });
  });

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
    vi.stubEnv('ROLE_SCOPES_FILE', roleScopesFile);
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
    vi.stubEnv('ROLE_SCOPES_FILE', roleScopesFile);
    vi.stubEnv('MACHINE_CLIENT_UNITS', undefined);
    const out = await handler(machine(MACHINE_CLIENT));
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
  });

  it('refuses to issue tokens from a malformed mapping', async () => {
    expect(() => parseMachineClientUnits('{not json')).toThrow(/not JSON/);
    expect(() => parseMachineClientUnits('["*"]')).toThrow(/JSON object/);
    expect(() => parseMachineClientUnits('{"a":1}')).toThrow(/not a string/);
    vi.stubEnv('ROLE_SCOPES_FILE', roleScopesFile);
    vi.stubEnv('MACHINE_CLIENT_UNITS', '{not json');
    await expect(handler(machine(MACHINE_CLIENT))).rejects.toThrow(/MACHINE_CLIENT_UNITS/);
  });

  it('reads the role scopes file and gives a person their groups’ scopes', async () => {
    vi.stubEnv('ROLE_SCOPES_FILE', roleScopesFile);
    vi.stubEnv('MACHINE_CLIENT_UNITS', JSON.stringify(UNITS));
    const out = await handler(user({ 'custom:unit_id': 'u-9' }, ['inspector']));
    expect(out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToAdd).toEqual(
      roleScopeMap(MANIFESTS).inspector,
    );
  });

  it('refuses to issue tokens without a readable, well-formed role scopes file', async () => {
    vi.stubEnv('MACHINE_CLIENT_UNITS', JSON.stringify(UNITS));
    vi.stubEnv('ROLE_SCOPES_FILE', undefined);
    await expect(handler(user({ 'custom:unit_id': 'u-9' }, ['admin']))).rejects.toThrow(/ROLE_SCOPES_FILE/);
    vi.stubEnv('ROLE_SCOPES_FILE', join(dir, 'missing.json'));
    await expect(handler(user({ 'custom:unit_id': 'u-9' }, ['admin']))).rejects.toThrow(/ENOENT/);
    expect(() => parseRoleScopes('{not json')).toThrow(/not JSON/);
    expect(() => parseRoleScopes('{"roles":["admin"]}')).toThrow(/"roles"/);
    expect(() => parseRoleScopes('{"roles":{"admin":"congdoan-api/membership.read"}}')).toThrow(/not a list/);
    expect(() => parseRoleScopes('{"roles":{"admin":[1]}}')).toThrow(/not a list/);
  });

  it('reads the file once per cold start', () => {
    const file = join(dir, 'once.json');
    writeFileSync(file, JSON.stringify({ roles: { admin: ['congdoan-api/a.read'] } }));
    expect(loadRoleScopes(file).admin).toEqual(['congdoan-api/a.read']);
    writeFileSync(file, JSON.stringify({ roles: { admin: ['congdoan-api/b.read'] } }));
    expect(loadRoleScopes(file).admin).toEqual(['congdoan-api/a.read']);
  });
});
