import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allScopes, RESOURCE_SERVER_ID, ROLES, roleScopes, routeScopes } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, SKIP_BUNDLING_CONTEXT, USER_GROUPS } from '../lib/index.ts';
import { parseRoleScopes } from '../lib/pre-token-generation/handler.ts';
import { type Resources, refs, resourcesOf, type Synthesized, synth } from './support.ts';

let dev: Synthesized;
let prod: Synthesized;

// Two whole apps: slow on a loaded machine, hence the hook's own timeout.
beforeAll(() => {
  dev = synth('dev');
  prod = synth('prod');
}, 240_000);

describe('service tables', () => {
  it('creates one table per manifest, keyed pk/sk with gsi1 and gsi2, on demand', () => {
    const tables = resourcesOf(dev.statefulTemplate, 'AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(MANIFESTS.length);
    for (const manifest of MANIFESTS) {
      dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: `congdoan-dev-${manifest.table.name}`,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: manifest.table.indexes.map((index) =>
          Match.objectLike({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ),
      });
    }
  });

  it('keeps point-in-time recovery, a NEW_IMAGE stream for the outbox pipe and TTL on `ttl`', () => {
    for (const table of Object.values(resourcesOf(dev.statefulTemplate, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
      expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    }
  });

  it('protects and retains tables in prod', () => {
    prod.statefulTemplate.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('lets dev tables be deleted with the stack', () => {
    dev.statefulTemplate.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });
});

describe('event bus', () => {
  it('is named congdoan-<stage>', () => {
    dev.statefulTemplate.resourceCountIs('AWS::Events::EventBus', 1);
    dev.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', { Name: 'congdoan-dev' });
    prod.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', { Name: 'congdoan-prod' });
  });
});

describe('user pool', () => {
  it('signs in by e-mail, refuses self sign-up and carries a unit_id attribute', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unit_id', AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('has a group per role except integration, which machine clients get from scopes', () => {
    const groups = Object.values(resourcesOf(dev.statefulTemplate, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(ROLES.filter((r) => r !== 'integration').sort());
  });

  it('exposes every scope the manifests’ routes require on the congdoan-api resource server', () => {
    const [server] = Object.values(resourcesOf(dev.statefulTemplate, 'AWS::Cognito::UserPoolResourceServer'));
    expect(server!.Properties.Identifier).toBe(RESOURCE_SERVER_ID);
    const scopes = server!.Properties.Scopes as { ScopeName: string; ScopeDescription: string }[];
    expect(scopes.map((s) => s.ScopeName)).toEqual(allScopes(MANIFESTS));
    for (const { ScopeName, ScopeDescription } of scopes) {
      expect(ScopeDescription.length).toBeGreaterThan(0);
      expect(ScopeDescription.length).toBeLessThanOrEqual(256);
      const first = MANIFESTS.flatMap((m) =>
        m.routes.filter((r) => routeScopes(m.service, r).includes(ScopeName)).map((r) => `${r.method} ${r.path}`),
      )[0]!;
      expect(ScopeDescription, ScopeName).toContain(first);
    }
  });

  it('gives people a public SRP / authorization-code client', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'congdoan-dev-users',
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      AllowedOAuthFlows: ['code'],
    });
  });

  it('gives provincial systems a client-credentials client with a secret and the scopes of the integration role', () => {
    const clients = Object.entries(resourcesOf(dev.statefulTemplate, 'AWS::Cognito::UserPoolClient'));
    const [id, machine] = clients.find(([, c]) => c.Properties.ClientName === 'congdoan-dev-integration')!;
    // The construct id it has always had: a new logical id would replace the client and its secret.
    expect(id).toMatch(/^UserPoolMachineClient[0-9A-F]{8}$/);
    expect(machine.Properties).toMatchObject({ GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'] });
    const resourceServer = Object.keys(resourcesOf(dev.statefulTemplate, 'AWS::Cognito::UserPoolResourceServer'))[0]!;
    const integration = roleScopes(MANIFESTS, ['integration']);
    expect(integration).toEqual(
      expect.arrayContaining(['membership.members.write', 'membership.units.write', 'finance.read']),
    );
    expect(machine.Properties.AllowedOAuthScopes).toEqual(
      integration.map((scope) => ({ 'Fn::Join': ['', [{ Ref: resourceServer }, `/${scope}`]] })),
    );
  });

  it('makes each machine client of the stage’s configuration, read-only ones included', () => {
    const { stateful } = buildApp({
      context: {
        ...SKIP_BUNDLING_CONTEXT,
        'congdoan:machineClients': JSON.stringify({
          integration: { scopes: ['*'], unit: '*' },
          reporting: { scopes: ['*.read'], unit: 'u-tinh' },
          'finance-reader': { scopes: ['finance.read'], unit: 'u-x' },
          officers: { scopes: ['role:member', 'finance.write'], unit: 'u-x' },
        }),
      },
    });
    const clients = Object.values(resourcesOf(Template.fromStack(stateful), 'AWS::Cognito::UserPoolClient'));
    const scopesOf = (name: string) =>
      (
        clients.find((c) => c.Properties.ClientName === `congdoan-dev-${name}`)!.Properties.AllowedOAuthScopes as {
          'Fn::Join': [string, [unknown, string]];
        }[]
      ).map((scope) => scope['Fn::Join'][1][1].slice(1));
    expect(scopesOf('integration')).toEqual(allScopes(MANIFESTS));
    expect(scopesOf('reporting')).toEqual(allScopes(MANIFESTS).filter((s) => s.endsWith('.read')));
    expect(scopesOf('reporting').length).toBeGreaterThan(0);
    expect(scopesOf('finance-reader')).toEqual(['finance.read']);
    expect(scopesOf('officers')).toEqual([...roleScopes(MANIFESTS, ['member']), 'finance.write'].sort());
    expect([...stateful.machineClients.keys()]).toEqual(['integration', 'reporting', 'finance-reader', 'officers']);
  });

  it('refuses a machine client whose scope matches nothing, or a malformed configuration', () => {
    const build = (clients: unknown) =>
      buildApp({ context: { ...SKIP_BUNDLING_CONTEXT, 'congdoan:machineClients': clients } });
    expect(() => build({ typo: { scopes: ['membership.raed'], unit: '*' } })).toThrow(
      /typo: the scope "membership.raed" matches none/,
    );
    expect(() => build({ typo: { scopes: ['role:integraton'], unit: '*' } })).toThrow(/"role:integraton" matches none/);
    expect(() => build({ integration: { scopes: [], unit: '*' } })).toThrow(/machineClients/);
    expect(() => build({ integration: { scopes: ['*'], unit: '' } })).toThrow(/machineClients/);
    expect(() => build({ Bad_Name: { scopes: ['*'], unit: '*' } })).toThrow(/machineClients/);
    expect(() => build({ integration: { scopes: ['*.*'], unit: '*' } })).toThrow(/at most one \*/);
    expect(() =>
      buildApp({ context: { ...SKIP_BUNDLING_CONTEXT, 'congdoan:machineClientUnits': { integration: '*' } } }),
    ).toThrow(/replaced by machineClients/);
  });

  it('is protected from deletion in prod only', () => {
    prod.statefulTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    dev.statefulTemplate.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
  });
});

describe('pre token generation trigger', () => {
  const TRIGGER = 'congdoan-dev-platform-pre-token-generation';

  function trigger(resources: Resources) {
    return Object.entries(resources).find(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === TRIGGER,
    );
  }
  const machineClientId = (template: Template, name = 'integration') =>
    Object.entries(resourcesOf(template, 'AWS::Cognito::UserPoolClient')).find(
      ([, c]) => c.Properties.ClientName === `congdoan-dev-${name}`,
    )![0];
  const machineClientUnits = (template: Template) => {
    const fn = trigger(template.toJSON().Resources as Resources)![1];
    return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.MACHINE_CLIENT_UNITS;
  };

  it('runs V3_0 (user and client-credentials access tokens) on the Essentials plan', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([`:function:${TRIGGER}`])]) }),
          LambdaVersion: 'V3_0',
        },
      },
    });
  });

  it('is a platform function in the stateful stack, invocable by this pool once it exists', () => {
    const resources = dev.statefulTemplate.toJSON().Resources as Resources;
    const [fnId, fn] = trigger(resources)!;
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    const [permission] = Object.values(
      dev.statefulTemplate.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'cognito-idp.amazonaws.com' },
      }),
    ) as { Properties: Record<string, unknown>; DependsOn?: string[] }[];
    expect(JSON.stringify(permission!.Properties.FunctionName)).toContain(`:function:${TRIGGER}`);
    expect(refs(permission!.Properties.SourceArn)).toEqual([
      Object.keys(resourcesOf(dev.statefulTemplate, 'AWS::Cognito::UserPool'))[0],
    ]);
    expect(permission!.DependsOn).toContain(fnId);
  });

  it('maps the stack’s machine client to the whole tree by default', () => {
    expect(machineClientUnits(dev.statefulTemplate)).toEqual({
      'Fn::Join': ['', ['{"', { Ref: machineClientId(dev.statefulTemplate) }, '":"*"}']],
    });
  });

  it('takes the machine clients’ units from context', () => {
    const { stateful } = buildApp({
      context: {
        ...SKIP_BUNDLING_CONTEXT,
        stage: 'dev',
        'congdoan:machineClients': JSON.stringify({
          integration: { scopes: ['*'], unit: 'u-tinh' },
          reporting: { scopes: ['*.read'], unit: 'u-x' },
        }),
      },
    });
    const template = Template.fromStack(stateful);
    expect(machineClientUnits(template)).toEqual({
      'Fn::Join': [
        '',
        [
          '{"',
          { Ref: machineClientId(template) },
          '":"u-tinh","',
          { Ref: machineClientId(template, 'reporting') },
          '":"u-x"}',
        ],
      ],
    });
    expect(() =>
      buildApp({
        context: { ...SKIP_BUNDLING_CONTEXT, 'congdoan:machineClients': { integration: { scopes: ['*'], unit: '' } } },
      }),
    ).toThrow(/machineClients/);
  });

  it('ships each group’s scopes, derived from the manifests, in a layer file the trigger reads', () => {
    const resources = dev.statefulTemplate.toJSON().Resources as Resources;
    const [, fn] = trigger(resources)!;
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.ROLE_SCOPES_FILE).toBe('/opt/role-scopes.json');
    const layers = Object.entries(resourcesOf(dev.statefulTemplate, 'AWS::Lambda::LayerVersion'));
    expect(layers).toHaveLength(1);
    expect(fn.Properties.Layers).toEqual([{ Ref: layers[0]![0] }]);
    expect(layers[0]![1].Properties).toMatchObject({
      CompatibleRuntimes: ['nodejs22.x'],
      CompatibleArchitectures: ['arm64'],
    });
    // The staged asset, as it will be uploaded: `asset.<hash>` beside the templates.
    const { S3Key } = layers[0]![1].Properties.Content as { S3Key: string };
    const assetDir = join(dev.app.outdir, `asset.${S3Key.replace(/\.zip$/, '')}`);
    expect(readdirSync(assetDir)).toEqual(['role-scopes.json']);
    const roles = parseRoleScopes(readFileSync(join(assetDir, 'role-scopes.json'), 'utf8'));
    expect(Object.keys(roles).sort()).toEqual([...USER_GROUPS].sort());
    for (const role of USER_GROUPS) {
      expect(roles[role], role).toEqual(roleScopes(MANIFESTS, [role]).map((s) => `${RESOURCE_SERVER_ID}/${s}`));
    }
    expect(roles.accountant).toContain('congdoan-api/finance.read');
  });

  it('leaves no dependency cycle between the pool, its clients and the trigger', () => {
    const resources = dev.statefulTemplate.toJSON().Resources as Record<
      string,
      { Properties?: unknown; DependsOn?: string[] }
    >;
    const edges = new Map(
      Object.entries(resources).map(([id, r]) => [
        id,
        [...refs(r.Properties), ...(r.DependsOn ?? [])].filter((dep) => dep in resources),
      ]),
    );
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle = (id: string): boolean => {
      if (state.get(id) === 'done') return false;
      if (state.get(id) === 'visiting') return true;
      state.set(id, 'visiting');
      const found = (edges.get(id) ?? []).some(cycle);
      state.set(id, 'done');
      return found;
    };
    expect(Object.keys(resources).filter(cycle)).toEqual([]);
  });
});
