/**
 * Everything that holds data or identity and must outlive a redeploy of the code:
 * one table per service, the event bus, and the Cognito user pool with its clients
 * and its pre token generation trigger (which lives beside the pool it serves).
 * The stateless stack receives these through props; CDK wires the references.
 */
import {
  RESOURCE_SERVER_ID,
  ROLES,
  type Role,
  SCOPES,
  type ServiceManifest,
  type TableDefinition,
} from '@congdoan/contracts';
import { ArnFormat, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { dataRemovalPolicy, OWN_MACHINE_CLIENT, type StageConfig } from './config.ts';
import { preTokenGenerationSpec } from './functions.ts';
import { eventBusName, pascal } from './names.ts';
import { MACHINE_CLIENT_UNITS_ENV } from './pre-token-generation/handler.ts';
import { ServiceFunction } from './service-function.ts';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
  manifests: readonly ServiceManifest[];
}

/** Roles a person can hold as a Cognito group; `integration` belongs to machine clients (scopes). */
export const USER_GROUPS: readonly Role[] = ROLES.filter((r) => r !== 'integration');

export class StatefulStack extends Stack {
  /** The table of each service, by service name. */
  readonly tables: ReadonlyMap<string, dynamodb.Table>;
  readonly bus: events.EventBus;
  readonly userPool: cognito.UserPool;
  /** People: SRP sign-in and the authorization code flow, no secret. */
  readonly userClient: cognito.UserPoolClient;
  /** Provincial systems: client credentials with the resource server's scopes. */
  readonly machineClient: cognito.UserPoolClient;
  /** Puts `unit_id` in user and client-credentials access tokens (pre token generation, V3_0). */
  readonly preTokenGeneration: ServiceFunction;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    const tables = new Map<string, dynamodb.Table>();
    for (const manifest of props.manifests) {
      tables.set(manifest.service, this.table(config, manifest.service, manifest.table));
    }
    this.tables = tables;

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
      // The unit whose subtree the user may act in.
      customAttributes: { unit_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
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

    const scopes = Object.entries(SCOPES).map(
      ([scopeName, scopeDescription]) => new cognito.ResourceServerScope({ scopeName, scopeDescription }),
    );
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

    this.machineClient = this.userPool.addClient('MachineClient', {
      userPoolClientName: `${config.prefix}-integration`,
      generateSecret: true,
      // No user sign-in flows: this client only exchanges its secret for a token.
      authFlows: { userSrp: false, userPassword: false, custom: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: scopes.map((scope) => cognito.OAuthScope.resourceServer(resourceServer, scope)),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
    });

    this.preTokenGeneration = this.addPreTokenGeneration(config);

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserClientId', { value: this.userClient.userPoolClientId });
    new CfnOutput(this, 'MachineClientId', { value: this.machineClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
  }

  /**
   * The trigger's environment names the machine client, which needs the pool, whose
   * trigger would need the function: a cycle CloudFormation refuses. So the pool gets
   * the function's ARN built from its fixed name, and the invoke permission waits
   * for the function itself.
   */
  private addPreTokenGeneration(config: StageConfig): ServiceFunction {
    const units = Object.fromEntries(
      Object.entries(config.machineClientUnits).map(([client, unit]) => [
        client === OWN_MACHINE_CLIENT ? this.machineClient.userPoolClientId : client,
        unit,
      ]),
    );
    const fn = new ServiceFunction(this, 'PreTokenGeneration', {
      spec: preTokenGenerationSpec,
      config,
      environment: { [MACHINE_CLIENT_UNITS_ENV]: this.toJsonString(units) },
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
