/**
 * Everything that holds data or identity and must outlive a redeploy of the code:
 * one table per service, the event bus, and the Cognito user pool with its clients.
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
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { dataRemovalPolicy, type StageConfig } from './config.ts';
import { pascal } from './names.ts';

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

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    const tables = new Map<string, dynamodb.Table>();
    for (const manifest of props.manifests) {
      tables.set(manifest.service, this.table(config, manifest.service, manifest.table));
    }
    this.tables = tables;

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: config.prefix });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: config.prefix,
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

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserClientId', { value: this.userClient.userPoolClientId });
    new CfnOutput(this, 'MachineClientId', { value: this.machineClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
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
