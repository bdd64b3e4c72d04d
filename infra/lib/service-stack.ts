/**
 * One service, deployed on its own from its manifest: its functions, routes on the
 * shared API, rules, queues, schedules, outbox pipe, alarms and dashboard. It reads the
 * stateful stack (table, bus) and the API stack (API, authorizer, outbox enrichment,
 * alarm topic) through weak references (`Fn::GetStackOutput`), never exports, so a
 * producer can always change or drop what it offers (see docs/architecture.md).
 */
import type { ServiceManifest } from '@congdoan/contracts';
import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import type { ApiStack, StatefulResources } from './api-stack.ts';
import type { StageConfig } from './config.ts';
import { ServiceDashboard } from './dashboard.ts';
import { pascal } from './names.ts';
import { ServiceConstruct } from './service-construct.ts';

export interface ServiceStackProps extends StackProps {
  config: StageConfig;
  manifest: ServiceManifest;
  stateful: StatefulResources;
  shared: Pick<ApiStack, 'api' | 'authorizer' | 'outboxEnrichment' | 'alarmTopic' | 'accessLogs'>;
}

/** `congdoan-<stage>-<service>`. */
export function serviceStackName(config: StageConfig, service: string): string {
  return `${config.prefix}-${service}`;
}

export class ServiceStack extends Stack {
  readonly service: ServiceConstruct;
  readonly dashboard: ServiceDashboard;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config, manifest, stateful, shared } = props;
    const { service } = manifest;
    Tags.of(this).add('service', service);
    const table = stateful.tables.get(service);
    if (!table) throw new Error(`No table for ${service}: the stateful stack was built from other manifests.`);

    const alarms = new Alarms(this, 'Alarms', config, shared.alarmTopic);
    // The authorizer lives with the API; a route only needs its id.
    const authorizer = apigw.HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'Authorizer', {
      authorizerId: shared.authorizer.authorizerId,
      authorizerType: apigw.HttpAuthorizerType.JWT,
    });
    // Construct ids start with the service, so logical ids stay unique across all stacks.
    this.service = new ServiceConstruct(this, pascal(service), {
      manifest,
      config,
      table,
      keys: stateful.keys,
      bus: stateful.bus,
      api: shared.api,
      authorizer,
      outboxEnrichment: shared.outboxEnrichment,
      alarms,
    });
    this.dashboard = new ServiceDashboard(this, `${pascal(service)}Dashboard`, {
      config,
      service,
      functions: this.service.functions.map((fn) => ({ id: fn.spec.id, fn })),
      deadLetterQueues: alarms.deadLetterQueues,
      accessLogs: shared.accessLogs,
      metrics: manifest.metrics ?? [],
    });
  }
}
