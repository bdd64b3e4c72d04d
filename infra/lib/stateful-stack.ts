/**
 * Everything that holds data or identity and must outlive a redeploy of the code:
 * one table per service, each manifest key (KMS), the event bus, and the Cognito user pool with its resource
 * server (the manifests' scopes), its clients and its pre token generation trigger
 * (which lives beside the pool it serves). The API and service stacks receive these
 * through props; CDK wires the references (weak: `Fn::GetStackOutput`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allScopes,
  type KeyDefinition,
  RESOURCE_SERVER_ID,
  ROLES,
  type Role,
  roleScopes,
  routeScopes,
  type ServiceManifest,
  type TableDefinition,
} from '@congdoan/contracts';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Stage } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { dataRemovalPolicy, OWN_MACHINE_CLIENT, type StageConfig, selectScopes } from './config.ts';
import { preTokenGenerationSpec } from './functions.ts';
import { eventBusName, keyAliasName, keyRef, pascal } from './names.ts';
import {
  MACHINE_CLIENT_UNITS_ENV,
  ROLE_SCOPES_FILE_ENV,
  ROLE_SCOPES_LAYER_PATH,
  type RoleScopes,
} from './pre-token-generation/handler.ts';
import { ServiceFunction } from './service-function.ts';

/** Cognito's limit on a resource server's custom scopes. */
export const MAX_RESOURCE_SERVER_SCOPES = 100;

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
  manifests: readonly ServiceManifest[];
}

/** Roles a person can hold as a Cognito group; `integration` belongs to machine clients (scopes). */
export const USER_GROUPS: readonly Role[] = ROLES.filter((r) => r !== 'integration');

/** The resource server's scopes: every scope a manifest route requires, described by its routes. */
export function resourceServerScopes(manifests: readonly ServiceManifest[]): cognito.ResourceServerScope[] {
  const scopes = allScopes(manifests);
  if (scopes.length > MAX_RESOURCE_SERVER_SCOPES) {
    throw new Error(
      `The manifests name ${scopes.length} OAuth scopes; a Cognito resource server holds at most ${MAX_RESOURCE_SERVER_SCOPES}. Share scopes between routes.`,
    );
  }
  const routes = new Map<string, string[]>(scopes.map((scope) => [scope, []]));
  for (const manifest of manifests) {
    for (const route of manifest.routes) {
      for (const scope of routeScopes(manifest.service, route))
        routes.get(scope)?.push(`${route.method} ${route.path}`);
    }
  }
  return scopes.map((scopeName) => {
    const keys = routes.get(scopeName) ?? [];
    const text = `${keys.length} route(s): ${keys.join(', ')}`;
    return new cognito.ResourceServerScope({
      scopeName,
      scopeDescription: text.length <= 256 ? text : `${text.slice(0, 255)}…`,
    });
  });
}

/** Each person's role (Cognito group) → the scopes their access token gets, as Cognito writes them. */
export function roleScopeMap(manifests: readonly ServiceManifest[]): RoleScopes {
  return Object.fromEntries(
    USER_GROUPS.map((role) => [role, roleScopes(manifests, [role]).map((scope) => `${RESOURCE_SERVER_ID}/${scope}`)]),
  );
}

export class StatefulStack extends Stack {
  /** The table of each service, by service name. */
  readonly tables: ReadonlyMap<string, dynamodb.Table>;
  /** Each manifest key, by `keyRef(service, name)`: a KMS key the service stack grants to the functions it names. */
  readonly keys: ReadonlyMap<string, kms.Key>;
  readonly bus: events.EventBus;
  readonly userPool: cognito.UserPool;
  /** People: SRP sign-in and the authorization code flow, no secret. */
  readonly userClient: cognito.UserPoolClient;
  /** Provincial systems: client credentials with the scopes configured per client (`machineClients`), by name. */
  readonly machineClients: ReadonlyMap<string, cognito.UserPoolClient>;
  /**
   * Puts `unit_id` in user and client-credentials access tokens and a person's role scopes
   * in theirs (pre token generation, V3_0).
   */
  readonly preTokenGeneration: ServiceFunction;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    const tables = new Map<string, dynamodb.Table>();
    for (const manifest of props.manifests) {
      tables.set(manifest.service, this.table(config, manifest.service, manifest.table));
    }
    this.tables = tables;

    const keys = new Map<string, kms.Key>();
    for (const manifest of props.manifests) {
      for (const key of manifest.keys ?? []) {
        keys.set(keyRef(manifest.service, key.name), this.key(config, manifest.service, key));
      }
    }
    this.keys = keys;

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: eventBusName(config.prefix) });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: config.prefix,
      // Access token customisation (pre token generation V2_0/V3_0) needs Essentials or Plus.
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // Accounts are created by administrators for union staff and members only.
      selfSignUpEnabled: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // The unit whose subtree the user may act in, and the member record linked to the account.
      customAttributes: {
        unit_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        member_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: config.retainData,
      removalPolicy: dataRemovalPolicy(config),
    });
    for (const role of USER_GROUPS) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `Holders of the ${role} role` });
    }

    const scopes = resourceServerScopes(props.manifests);
    const resourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier: RESOURCE_SERVER_ID,
      userPoolResourceServerName: RESOURCE_SERVER_ID,
      scopes,
    });

    this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: config.cognitoDomainPrefix ?? `${config.prefix}-${this.account}` },
    });

    this.userClient = this.userPool.addClient('UserClient', {
      userPoolClientName: `${config.prefix}-users`,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: config.callbackUrls,
        logoutUrls: config.logoutUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    const machineClients = new Map<string, cognito.UserPoolClient>();
    // Manifests without a single route leave a machine client nothing to call (and
    // Cognito refuses a client-credentials client without scopes): none is made.
    const configured = scopes.length > 0 ? Object.entries(config.machineClients) : [];
    for (const [name, client] of configured) {
      const allowed = new Set(
        selectScopes(
          name,
          client.scopes,
          scopes.map((scope) => scope.scopeName),
          (role) => (ROLES.includes(role as Role) ? roleScopes(props.manifests, [role as Role]) : []),
        ),
      );
      // `integration` keeps the construct id it has always had, hence its client id and secret.
      const id = name === OWN_MACHINE_CLIENT ? 'MachineClient' : `MachineClient${pascal(name)}`;
      machineClients.set(
        name,
        this.userPool.addClient(id, {
          userPoolClientName: `${config.prefix}-${name}`,
          generateSecret: true,
          // No user sign-in flows: this client only exchanges its secret for a token.
          authFlows: { userSrp: false, userPassword: false, custom: false },
          oAuth: {
            flows: { clientCredentials: true },
            scopes: scopes
              .filter((scope) => allowed.has(scope.scopeName))
              .map((scope) => cognito.OAuthScope.resourceServer(resourceServer, scope)),
          },
          supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          accessTokenValidity: Duration.hours(1),
        }),
      );
    }
    this.machineClients = machineClients;

    this.preTokenGeneration = this.addPreTokenGeneration(config, roleScopeMap(props.manifests));

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserClientId', { value: this.userClient.userPoolClientId });
    for (const [name, client] of machineClients) {
      const id = name === OWN_MACHINE_CLIENT ? 'MachineClientId' : `MachineClientId${pascal(name)}`;
      new CfnOutput(this, id, { value: client.userPoolClientId, description: `${config.prefix}-${name}` });
    }
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
  }

  /**
   * The trigger's environment names the machine client, which needs the pool, whose
   * trigger would need the function: a cycle CloudFormation refuses. So the pool gets
   * the function's ARN built from its fixed name, and the invoke permission waits
   * for the function itself.
   */
  private addPreTokenGeneration(config: StageConfig, roles: RoleScopes): ServiceFunction {
    const units = Object.fromEntries(
      [...this.machineClients].map(([name, client]) => [client.userPoolClientId, config.machineClients[name]!.unit]),
    );
    const fn = new ServiceFunction(this, 'PreTokenGeneration', {
      spec: preTokenGenerationSpec,
      config,
      layers: [this.roleScopesLayer(roles)],
      environment: {
        [MACHINE_CLIENT_UNITS_ENV]: this.toJsonString(units),
        [ROLE_SCOPES_FILE_ENV]: `/opt/${ROLE_SCOPES_LAYER_PATH}`,
      },
    });
    const byName = lambda.Function.fromFunctionAttributes(this, 'PreTokenGenerationByName', {
      functionArn: this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: (fn.node.defaultChild as lambda.CfnFunction).functionName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      sameEnvironment: true,
    });
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, byName, cognito.LambdaVersion.V3_0);
    const permissions = this.userPool.node.children.filter((child) => child instanceof lambda.CfnPermission);
    if (permissions.length === 0) throw new Error('addTrigger created no invoke permission for Cognito.');
    for (const permission of permissions) permission.node.addDependency(fn);
    return fn;
  }

  /**
   * The role → scopes map as a file in a layer: it grows with the manifests (five services of
   * 60 routes outgrow the 4 KB Lambda allows for all environment variables) and changes only
   * when they do. Written into the cloud assembly, then staged as an asset like any code.
   */
  private roleScopesLayer(roles: RoleScopes): lambda.LayerVersion {
    const outdir = Stage.of(this)?.outdir;
    if (!outdir) throw new Error('The stateful stack must be built inside an App or Stage.');
    const dir = join(outdir, 'role-scopes', this.artifactId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, ROLE_SCOPES_LAYER_PATH),
      `${JSON.stringify({ resourceServer: RESOURCE_SERVER_ID, roles }, null, 1)}\n`,
    );
    return new lambda.LayerVersion(this, 'RoleScopes', {
      layerVersionName: `${this.stackName}-role-scopes`,
      description: 'Pre token generation: each Cognito group and the OAuth scopes of the routes it may call',
      code: lambda.Code.fromAsset(dir),
      compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      // The function moves to the new version before the old one is deleted.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /**
   * A manifest key: symmetric, rotated yearly, and retained in every stage when its stack or
   * resource goes, since what it sealed (in the table, and in every backup of it) opens with it
   * alone. The key policy trusts the account's IAM policies; the service stack grants Encrypt and
   * Decrypt to the functions the manifest names, and no one else is granted anything.
   */
  private key(config: StageConfig, service: string, def: KeyDefinition): kms.Key {
    return new kms.Key(this, `${pascal(service)}${pascal(def.name)}Key`, {
      description: `${service}: ${def.description}`,
      alias: keyAliasName(config.stage, service, def.name),
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private table(config: StageConfig, service: string, def: TableDefinition): dynamodb.Table {
    const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    const table = new dynamodb.Table(this, `${pascal(service)}Table`, {
      tableName: `${config.prefix}-${def.name}`,
      partitionKey: key(def.partitionKey),
      sortKey: key(def.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // NEW_IMAGE carries the outbox item to the pipe.
      stream: dynamodb.StreamViewType[def.stream],
      timeToLiveAttribute: def.ttlAttribute,
      deletionProtection: config.retainData,
      removalPolicy: dataRemovalPolicy(config),
    });
    for (const index of def.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}
