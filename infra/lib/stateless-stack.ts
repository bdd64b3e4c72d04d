/**
 * Code and wiring, safe to destroy and redeploy: the HTTP API with its JWT
 * authorizer, the outbox enrichment, and one ServiceConstruct per manifest.
 */
import type { ServiceManifest } from '@congdoan/contracts';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { dataRemovalPolicy, type StageConfig } from './config.ts';
import { outboxEnrichmentSpec } from './functions.ts';
import { pascal } from './names.ts';
import { ServiceConstruct } from './service-construct.ts';
import { ServiceFunction } from './service-function.ts';

/** What the stateless stack takes from the stateful one. */
export interface StatefulResources {
  tables: ReadonlyMap<string, dynamodb.ITable>;
  bus: events.IEventBus;
  userPool: cognito.UserPool;
  userClient: cognito.IUserPoolClient;
  machineClient: cognito.IUserPoolClient;
}

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  manifests: readonly ServiceManifest[];
  stateful: StatefulResources;
}

/** Headers the API's clients send and read (idempotency, optimistic locking, correlation, language). */
const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'accept-language',
  'x-correlation-id',
];
const CORS_EXPOSE_HEADERS = ['etag', 'location', 'x-correlation-id', 'x-request-id'];

export class StatelessStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly authorizer: HttpJwtAuthorizer;
  readonly services: ReadonlyMap<string, ServiceConstruct>;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    this.alarms = new Alarms(this, 'Alarms', config);

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: config.prefix,
      description: 'Công đoàn API: every service under /v1/<service>/…',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: config.corsOrigins,
        allowMethods: [apigw.CorsHttpMethod.ANY],
        allowHeaders: CORS_ALLOW_HEADERS,
        exposeHeaders: CORS_EXPOSE_HEADERS,
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${config.prefix}-api`,
      retention: config.logRetention,
      removalPolicy: dataRemovalPolicy(config),
    });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sourceIp: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
          }),
        ),
      },
    });

    // Users' ID/access tokens carry `aud`/`client_id` = the users' client; machine
    // tokens (client credentials) carry `client_id` = the machine client.
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', stateful.userPool.userPoolProviderUrl, {
      authorizerName: `${config.prefix}-cognito`,
      jwtAudience: [stateful.userClient.userPoolClientId, stateful.machineClient.userPoolClientId],
    });

    const enrichment = new ServiceFunction(this, 'OutboxEnrichment', { spec: outboxEnrichmentSpec, config });
    this.alarms.functionErrors(this, 'OutboxEnrichmentErrors', enrichment, outboxEnrichmentSpec.id);

    const services = new Map<string, ServiceConstruct>();
    for (const manifest of props.manifests) {
      const table = stateful.tables.get(manifest.service);
      if (!table)
        throw new Error(`No table for ${manifest.service}: the stateful stack was built from other manifests.`);
      services.set(
        manifest.service,
        new ServiceConstruct(this, pascal(manifest.service), {
          manifest,
          config,
          table,
          bus: stateful.bus,
          api: this.api,
          authorizer: this.authorizer,
          outboxEnrichment: enrichment,
          alarms: this.alarms,
        }),
      );
    }
    this.services = services;

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
  }
}
