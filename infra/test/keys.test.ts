import { keyEnvVars } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Resources, refs, resourcesOf, type Synthesized, synth } from './support.ts';

/**
 * Manifest keys (`ServiceManifest.keys`): inspection's `identity`, which seals a denouncer's
 * identity. One KMS key in the stateful stack, and Encrypt/Decrypt for the functions the
 * manifest names (inspection's HTTP function) and nobody else.
 */

let dev: Synthesized;
let keys: Resources;
let keyId: string;

beforeAll(() => {
  dev = synth('dev');
  keys = resourcesOf(dev.statefulTemplate, 'AWS::KMS::Key');
  keyId = Object.keys(keys)[0]!;
}, 240_000);

const inspectionHttp = 'congdoan-dev-inspection-http';
const ENV = keyEnvVars('inspection', 'identity').kmsKeyId;

describe('a manifest key', () => {
  it('is one KMS key per declared key, in the stateful stack, rotated and kept when the stack goes (even in dev)', () => {
    const declared = MANIFESTS.flatMap((m) => (m.keys ?? []).map((k) => `${m.service}/${k.name}`));
    expect(declared).toEqual(['inspection/identity']);
    expect(Object.keys(keys)).toHaveLength(1);
    const key = dev.statefulTemplate.toJSON().Resources[keyId];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
    expect(String(key.Properties.Description)).toMatch(/^inspection: Seals the identity/);
    for (const template of [dev.apiTemplate, ...dev.serviceTemplates.values()]) {
      expect(Object.keys(resourcesOf(template, 'AWS::KMS::Key'))).toEqual([]);
    }
  });

  it('has the alias alias/congdoan/<stage>/<service>-<key>', () => {
    const aliases = Object.values(resourcesOf(dev.statefulTemplate, 'AWS::KMS::Alias'));
    expect(aliases.map((a) => a.Properties.AliasName)).toEqual(['alias/congdoan/dev/inspection-identity']);
    expect(refs(aliases[0]!.Properties.TargetKeyId)).toEqual([keyId]);
  });

  it('reaches inspection’s HTTP function only, as INSPECTION_IDENTITY_KMS_KEY_ID = the key’s ARN', () => {
    const functions = resourcesOf(dev.statelessTemplate, 'AWS::Lambda::Function');
    const holders = Object.values(functions).filter((fn) => {
      const variables = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
      return variables && ENV in variables;
    });
    expect(holders.map((fn) => fn.Properties.FunctionName)).toEqual([inspectionHttp]);
    const variables = (holders[0]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    // Resolved from the stateful stack's output, which is the key's ARN.
    expect(variables[ENV]).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('lets inspection’s HTTP function Encrypt and Decrypt with it, and no other function anything', () => {
    const functions = resourcesOf(dev.statelessTemplate, 'AWS::Lambda::Function');
    const roleOf = new Map(
      Object.values(functions).map((fn) => [refs(fn.Properties.Role)[0], String(fn.Properties.FunctionName)]),
    );
    const grants: { fn: string[]; actions: string[]; resource: unknown }[] = [];
    for (const policy of Object.values(resourcesOf(dev.statelessTemplate, 'AWS::IAM::Policy'))) {
      const document = policy.Properties.PolicyDocument as {
        Statement: { Action: string | string[]; Resource: unknown }[];
      };
      for (const statement of document.Statement) {
        const actions = [statement.Action].flat();
        const touchesKey = refs(statement.Resource).includes(keyId);
        if (touchesKey || actions.some((a) => a.startsWith('kms:'))) {
          grants.push({
            fn: refs(policy.Properties.Roles).map((role) => roleOf.get(role) ?? role),
            actions,
            resource: statement.Resource,
          });
        }
      }
    }
    expect(grants).toEqual([
      { fn: [inspectionHttp], actions: ['kms:Decrypt', 'kms:Encrypt'], resource: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    ]);
  });

  it('trusts the account’s IAM policies in its key policy and names no function there', () => {
    const policy = dev.statefulTemplate.toJSON().Resources[keyId].Properties.KeyPolicy as {
      Statement: { Principal: unknown; Action: unknown }[];
    };
    expect(policy.Statement).toHaveLength(1);
    expect(JSON.stringify(policy.Statement[0]!.Principal)).toContain(':root');
    expect(refs(policy).filter((ref) => !ref.startsWith('AWS::'))).toEqual([]);
  });
});
