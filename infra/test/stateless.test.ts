import {
  CORS_ALLOW_HEADERS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
  CORS_METHODS,
  METRICS_NAMESPACE,
  QUEUE_MAX_RECEIVE_COUNT,
  type ServiceManifest,
  serviceTable,
  tableEnvVar,
} from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allLambdaSpecs,
  authorizationScopes,
  lambdaSpecs,
  OUTBOX_FILTER_PATTERN,
  stackLambdaSpecs,
  type TemplateJson,
} from '../lib/index.ts';
import { type Resources, refs, resourcesOf, type Synthesized, synth } from './support.ts';

let dev: Synthesized;
let prod: Synthesized;
let functions: Resources;

// Two whole apps: slow on a loaded machine, hence the hook's own timeout.
beforeAll(() => {
  dev = synth('dev');
  prod = synth('prod');
  functions = resourcesOf(dev.statelessTemplate, 'AWS::Lambda::Function');
}, 240_000);

/** Physical names of the resources of a type in one template. */
function physicalNames(template: Template, type: string, property: string): string[] {
  return Object.values(resourcesOf(template, type)).map((r) => String(r.Properties[property]));
}

describe('stacks', () => {
  it('deploys a stateful stack, the shared API stack and one stack per service', () => {
    expect(dev.stateful.stackName).toBe('congdoan-dev-stateful');
    expect(dev.api.stackName).toBe('congdoan-dev-api');
    expect([...dev.services.keys()]).toEqual(MANIFESTS.map((m) => m.service));
    for (const [service, stack] of dev.services) expect(stack.stackName).toBe(`congdoan-dev-${service}`);
  });

  it('keeps each service’s functions, routes, rules, queues, schedules and pipe in its own stack', () => {
    expect(physicalNames(dev.apiTemplate, 'AWS::Lambda::Function', 'FunctionName')).toEqual([
      'congdoan-dev-platform-outbox-enrichment',
    ]);
    expect(Object.keys(resourcesOf(dev.apiTemplate, 'AWS::ApiGatewayV2::Route'))).toEqual([]);
    for (const manifest of MANIFESTS) {
      const template = dev.serviceTemplates.get(manifest.service)!;
      expect(physicalNames(template, 'AWS::Lambda::Function', 'FunctionName').sort()).toEqual(
        lambdaSpecs(manifest)
          .map((spec) => `congdoan-dev-${spec.id}`)
          .sort(),
      );
      expect(physicalNames(template, 'AWS::ApiGatewayV2::Route', 'RouteKey').sort()).toEqual(
        manifest.routes.map((r) => `${r.method} ${r.path}`).sort(),
      );
      expect(Object.keys(resourcesOf(template, 'AWS::Events::Rule'))).toHaveLength(manifest.subscriptions.length);
      expect(Object.keys(resourcesOf(template, 'AWS::Scheduler::Schedule'))).toHaveLength(manifest.schedules.length);
      expect(physicalNames(template, 'AWS::Pipes::Pipe', 'Name')).toEqual([`congdoan-dev-${manifest.service}-outbox`]);
      for (const queue of physicalNames(template, 'AWS::SQS::Queue', 'QueueName')) {
        expect(queue.startsWith(`congdoan-dev-${manifest.service}-`), queue).toBe(true);
      }
    }
  });

  it('references other stacks only weakly (Fn::GetStackOutput), never through exports', () => {
    const templates: TemplateJson[] = [dev.statefulTemplate, dev.apiTemplate, ...dev.serviceTemplates.values()].map(
      (t) => t.toJSON() as TemplateJson,
    );
    for (const template of templates) {
      const json = JSON.stringify(template);
      expect(json).not.toContain('Fn::ImportValue');
      expect(json).not.toContain('"Export"');
    }
    expect(JSON.stringify(dev.serviceTemplates.get(MANIFESTS[0]!.service)!.toJSON())).toContain('Fn::GetStackOutput');
  });

  it('deploys every service after the stateful and API stacks, and no service after another', () => {
    expect(dev.api.dependencies.map((s) => s.stackName)).toEqual(['congdoan-dev-stateful']);
    for (const stack of dev.services.values()) {
      expect(stack.dependencies.map((s) => s.stackName).sort()).toEqual(['congdoan-dev-api', 'congdoan-dev-stateful']);
    }
  });
});

/** Logical id of the queue named `congdoan-<stage>-<name>`. */
function queueIn(template: Template, name: string, stage = 'dev'): string {
  const found = Object.entries(resourcesOf(template, 'AWS::SQS::Queue')).find(
    ([, q]) => q.Properties.QueueName === `congdoan-${stage}-${name}`,
  );
  if (!found) throw new Error(`No queue congdoan-${stage}-${name}`);
  return found[0];
}
const queueId = (specId: string) => queueIn(dev.statelessTemplate, `${specId}-queue`);
const dlqId = (specId: string) => queueIn(dev.statelessTemplate, `${specId}-dlq`);

/** Logical id of the function deployed for a spec, found by its physical name. */
function functionId(specId: string): string {
  const found = Object.entries(functions).find(([, fn]) => fn.Properties.FunctionName === `congdoan-dev-${specId}`);
  if (!found) throw new Error(`No function congdoan-dev-${specId}`);
  return found[0];
}

describe('functions', () => {
  it('deploys one function per HTTP handler, subscription and schedule, plus the outbox enrichment', () => {
    const names = Object.values(functions).map((fn) => fn.Properties.FunctionName);
    expect(names.sort()).toEqual(
      stackLambdaSpecs('stateless')
        .map((s) => `congdoan-dev-${s.id}`)
        .sort(),
    );
    for (const manifest of MANIFESTS) {
      const specs = lambdaSpecs(manifest);
      expect(specs.filter((s) => s.kind === 'http')).toHaveLength(manifest.routes.length > 0 ? 1 : 0);
      expect(specs.filter((s) => s.kind === 'subscription')).toHaveLength(manifest.subscriptions.length);
      expect(specs.filter((s) => s.kind === 'schedule')).toHaveLength(manifest.schedules.length);
    }
  });

  it('runs every function on nodejs22.x, arm64, with the manifest’s export as handler', () => {
    for (const spec of stackLambdaSpecs('stateless')) {
      expect(functions[functionId(spec.id)]?.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: `index.${spec.handler.export}`,
      });
    }
  });

  it('tells each service function its table and service name', () => {
    for (const manifest of MANIFESTS) {
      for (const spec of lambdaSpecs(manifest)) {
        const env = (functions[functionId(spec.id)]!.Properties.Environment as { Variables: Record<string, unknown> })
          .Variables;
        expect(env.POWERTOOLS_SERVICE_NAME).toBe(manifest.service);
        expect(JSON.stringify(env[tableEnvVar(manifest.service)])).toContain(
          dev.tableLogicalIds.get(manifest.service)!,
        );
      }
    }
  });

  it('traces every function with X-Ray and sets Powertools’ service, metrics namespace and tracer, in every stage', () => {
    for (const app of [dev, prod]) {
      const all = {
        ...resourcesOf(app.statefulTemplate, 'AWS::Lambda::Function'),
        ...resourcesOf(app.statelessTemplate, 'AWS::Lambda::Function'),
      };
      expect(Object.keys(all)).toHaveLength(allLambdaSpecs().length);
      for (const fn of Object.values(all)) {
        expect(fn.Properties.TracingConfig, String(fn.Properties.FunctionName)).toEqual({ Mode: 'Active' });
        expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
          POWERTOOLS_SERVICE_NAME: expect.any(String),
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        });
      }
    }
  });

  it('gives every function its own log group with a retention', () => {
    const logGroups = resourcesOf(dev.statelessTemplate, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(functions)) {
      const [groupId] = refs((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(logGroups[groupId!]?.Properties.RetentionInDays).toBe(14);
    }
  });
});

describe('least privilege', () => {
  /** Every IAM policy statement attached to the function's execution role. */
  function statementsOf(fnLogicalId: string): { Action: string | string[]; Resource: unknown }[] {
    const [roleId] = refs(functions[fnLogicalId]?.Properties.Role);
    const policies = resourcesOf(dev.statelessTemplate, 'AWS::IAM::Policy');
    return Object.values(policies)
      .filter((p) => refs(p.Properties.Roles).includes(roleId!))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: never[] }).Statement);
  }

  it('grants each function read/write on its own service’s table and on no other table', () => {
    for (const manifest of MANIFESTS) {
      const own = dev.tableLogicalIds.get(manifest.service)!;
      const others = [...dev.tableLogicalIds].filter(([s]) => s !== manifest.service).map(([, id]) => id);
      for (const spec of lambdaSpecs(manifest)) {
        const dynamo = statementsOf(functionId(spec.id)).filter((s) =>
          [s.Action].flat().some((a) => a.startsWith('dynamodb:')),
        );
        expect(dynamo.length, spec.id).toBeGreaterThan(0);
        expect([dynamo[0]!.Action].flat()).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
        for (const statement of dynamo) {
          const resource = JSON.stringify(statement.Resource);
          expect(resource, spec.id).toContain(own);
          expect(resource, spec.id).not.toContain('"*"');
          for (const other of others) expect(resource, `${spec.id} reaches ${other}`).not.toContain(other);
        }
      }
    }
  });

  it('gives the outbox enrichment no data access at all', () => {
    const statements = statementsOf(functionId('platform-outbox-enrichment'));
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });
});

describe('HTTP API', () => {
  it('routes every manifest route to its service’s function behind the JWT authorizer', () => {
    const [authorizerId] = Object.keys(resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    const integrations = resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Integration');
    const routes = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Route'));
    expect(routes).toHaveLength(MANIFESTS.flatMap((m) => m.routes).length);
    for (const manifest of MANIFESTS) {
      const httpFn = functionId(`${manifest.service}-http`);
      for (const route of manifest.routes) {
        const found = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`);
        expect(found, `${route.method} ${route.path}`).toBeDefined();
        expect(found!.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
        const [integrationId] = refs(found!.Properties.Target);
        expect(refs(integrations[integrationId!]?.Properties.IntegrationUri)).toContain(httpFn);
      }
    }
  });

  it('requires each route’s scopes, as Cognito writes them in tokens', () => {
    const routes = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Route'));
    for (const manifest of MANIFESTS) {
      for (const route of manifest.routes) {
        const found = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
        const scopes = found.Properties.AuthorizationScopes as string[];
        expect(scopes, `${route.method} ${route.path}`).toEqual(authorizationScopes(manifest.service, route));
        expect(scopes.length).toBeGreaterThan(0);
        for (const scope of scopes) expect(scope).toMatch(/^congdoan-api\/[a-z][a-z0-9.-]+$/);
      }
    }
    const createUnit = routes.find((r) => r.Properties.RouteKey === 'POST /v1/membership/units')!;
    const scopes = createUnit.Properties.AuthorizationScopes as string[];
    expect(scopes.some((scope) => /^congdoan-api\/membership\.(.+\.)?write$/.test(scope))).toBe(true);
    expect(scopes).not.toContain('congdoan-api/finance.read');
    expect(scopes.every((scope) => scope.startsWith('congdoan-api/membership.'))).toBe(true);
  });

  it('gives each HTTP function one invoke permission, for its own service’s paths on this API', () => {
    const [apiId] = Object.keys(resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Api'));
    const permissions = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Lambda::Permission'));
    const fromApi = permissions.filter((p) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(fromApi).toHaveLength(MANIFESTS.filter((m) => m.routes.length > 0).length);
    for (const manifest of MANIFESTS) {
      const httpFn = functionId(`${manifest.service}-http`);
      const own = permissions.filter((p) => refs(p.Properties.FunctionName).includes(httpFn));
      expect(own, manifest.service).toHaveLength(1);
      expect(own[0]!.Properties).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
      });
      const sourceArn = own[0]!.Properties.SourceArn as { 'Fn::Join': [string, unknown[]] };
      expect(refs(sourceArn)).toContain(apiId);
      const parts = sourceArn['Fn::Join'][1];
      expect(parts.at(-1)).toBe(`/*/*/v1/${manifest.service}/*`);
      expect(JSON.stringify(parts)).toContain(':execute-api:');
    }
  });

  it('trusts tokens from the user pool for the users’ and every machine client', () => {
    const authorizer = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'))[0]!;
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    const jwt = JSON.stringify(authorizer.Properties.JwtConfiguration);
    const clients = [dev.stateful.userClient, ...dev.stateful.machineClients.values()];
    expect(clients.length).toBeGreaterThan(1);
    for (const client of clients) expect(jwt).toContain(dev.stateful.getLogicalId(client.node.defaultChild as never));
    const pool = dev.stateful.getLogicalId(dev.stateful.userPool.node.defaultChild as never);
    expect(JSON.stringify((authorizer.Properties.JwtConfiguration as { Issuer: unknown }).Issuer)).toContain(pool);
  });

  it('answers CORS preflights for the configured origins with the one CORS list of the contracts', () => {
    const [api] = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::ApiGatewayV2::Api'));
    expect(api!.Properties.CorsConfiguration).toEqual({
      AllowOrigins: ['http://localhost:5173', 'http://127.0.0.1:3000'],
      AllowMethods: [...CORS_METHODS],
      AllowHeaders: [...CORS_ALLOW_HEADERS],
      ExposeHeaders: [...CORS_EXPOSE_HEADERS],
      MaxAge: CORS_MAX_AGE_SECONDS,
    });
    expect(CORS_EXPOSE_HEADERS).toEqual(expect.arrayContaining(['Idempotent-Replayed', 'Content-Language']));
  });
});

describe('event subscriptions', () => {
  it('creates one rule per subscription on the bus, with the manifest’s pattern, retries and a DLQ', () => {
    const rules = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Events::Rule'));
    const subscriptions = MANIFESTS.flatMap((m) => lambdaSpecs(m).filter((s) => s.subscription));
    expect(rules).toHaveLength(subscriptions.length);
    for (const spec of subscriptions) {
      const rule = rules.find((r) => r.Properties.Name === `congdoan-dev-${spec.id}`);
      expect(rule, spec.id).toBeDefined();
      expect(rule!.Properties.EventPattern).toEqual(spec.subscription!.pattern);
      const [target] = rule!.Properties.Targets as Record<string, unknown>[];
      // A queued subscription's rule targets its queue (see 'queued subscriptions' below).
      expect(refs(target!.Arn)).toEqual([spec.subscription!.queue ? queueId(spec.id) : functionId(spec.id)]);
      expect(target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 8 });
      const [dlq] = refs((target!.DeadLetterConfig as { Arn: unknown }).Arn);
      expect(resourcesOf(dev.statelessTemplate, 'AWS::SQS::Queue')[dlq!]?.Properties.QueueName).toBe(
        `congdoan-dev-${spec.id}-dlq`,
      );
    }
  });

  it('sends events a consumer keeps failing on to the same DLQ', () => {
    const configs = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Lambda::EventInvokeConfig'));
    for (const spec of allLambdaSpecs().filter((s) => s.kind === 'subscription' || s.kind === 'schedule')) {
      const config = configs.find((c) => refs(c.Properties.FunctionName).includes(functionId(spec.id)));
      if (spec.subscription?.queue) {
        // Not invoked asynchronously: SQS's redrive policy moves what the function keeps failing on.
        expect(config, spec.id).toBeUndefined();
        const queue = resourcesOf(dev.statelessTemplate, 'AWS::SQS::Queue')[queueId(spec.id)]!;
        expect(refs((queue.Properties.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn)).toEqual([
          dlqId(spec.id),
        ]);
        continue;
      }
      expect(config?.Properties.MaximumRetryAttempts, spec.id).toBe(2);
      expect(JSON.stringify(config?.Properties.DestinationConfig)).toMatch(/Dlq/);
    }
  });
});

describe('outbox pipes', () => {
  it('forwards outbox inserts from each service’s table stream to the bus', () => {
    const pipes = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Pipes::Pipe'));
    expect(pipes).toHaveLength(MANIFESTS.length);
    for (const manifest of MANIFESTS) {
      const pipe = pipes.find((p) => p.Properties.Name === `congdoan-dev-${manifest.service}-outbox`);
      expect(pipe, manifest.service).toBeDefined();
      expect(JSON.stringify(pipe!.Properties.Source)).toContain(dev.tableLogicalIds.get(manifest.service));
      expect(JSON.stringify(pipe!.Properties.Source)).toContain('StreamArn');
      const source = pipe!.Properties.SourceParameters as Record<string, Record<string, unknown>>;
      expect(JSON.parse((source.FilterCriteria!.Filters as { Pattern: string }[])[0]!.Pattern)).toEqual({
        eventName: ['INSERT'],
        dynamodb: { NewImage: { kind: { S: ['outbox'] } } },
      });
      expect(OUTBOX_FILTER_PATTERN.dynamodb.NewImage.kind.S).toEqual(['outbox']);
      expect(source.DynamoDBStreamParameters).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRetryAttempts: 10,
        DeadLetterConfig: { Arn: expect.anything() },
      });
      expect(refs(pipe!.Properties.Enrichment)).toEqual([functionId('platform-outbox-enrichment')]);
      expect(pipe!.Properties.TargetParameters).toEqual({
        EventBridgeEventBusParameters: {
          Source: '$.dynamodb.NewImage.source.S',
          DetailType: '$.dynamodb.NewImage.detailType.S',
        },
        InputTemplate: '<$.detail>',
      });
    }
  });

  it('lets each pipe read only its own table’s stream', () => {
    const roles = resourcesOf(dev.statelessTemplate, 'AWS::IAM::Role');
    const policies = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::IAM::Policy'));
    for (const pipe of Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Pipes::Pipe'))) {
      const [roleId] = refs(pipe.Properties.RoleArn);
      expect(JSON.stringify(roles[roleId!]?.Properties.AssumeRolePolicyDocument)).toContain('pipes.amazonaws.com');
      const statements = policies
        .filter((p) => refs(p.Properties.Roles).includes(roleId!))
        .flatMap(
          (p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
        );
      const streamRead = statements.find((s) => [s.Action].flat().includes('dynamodb:GetRecords'));
      expect(JSON.stringify(streamRead?.Resource)).toBe(JSON.stringify(pipe.Properties.Source));
      const actions = statements.flatMap((s) => [s.Action].flat()).sort();
      expect(new Set(actions)).toEqual(
        new Set([
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          'events:PutEvents',
          'lambda:InvokeFunction',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:SendMessage',
        ]),
      );
    }
  });
});

describe('schedules', () => {
  it('invokes each schedule’s function in Asia/Ho_Chi_Minh with no flexible window, retries and a DLQ', () => {
    const schedules = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Scheduler::Schedule'));
    const specs = MANIFESTS.flatMap((m) => lambdaSpecs(m).filter((s) => s.schedule));
    expect(schedules).toHaveLength(specs.length);
    for (const spec of specs) {
      const schedule = schedules.find((s) => s.Properties.Name === `congdoan-dev-${spec.id}`);
      expect(schedule?.Properties).toMatchObject({
        ScheduleExpression: spec.schedule!.cron,
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        FlexibleTimeWindow: { Mode: 'OFF' },
      });
      const target = schedule!.Properties.Target as Record<string, unknown>;
      expect(refs(target.Arn)).toEqual([functionId(spec.id)]);
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 8 });
      expect(target.DeadLetterConfig).toBeDefined();
      expect(JSON.parse(target.Input as string)).toEqual({
        schedule: spec.schedule!.name,
        scheduledTime: '<aws.scheduler.scheduled-time>',
        ...spec.schedule!.input,
      });
    }
  });

  it('uses a role per schedule that may invoke only that function', () => {
    const policies = Object.values(resourcesOf(dev.statelessTemplate, 'AWS::IAM::Policy'));
    for (const schedule of Object.values(resourcesOf(dev.statelessTemplate, 'AWS::Scheduler::Schedule'))) {
      const target = schedule.Properties.Target as { Arn: unknown; RoleArn: unknown };
      const [roleId] = refs(target.RoleArn);
      const statements = policies
        .filter((p) => refs(p.Properties.Roles).includes(roleId!))
        .flatMap(
          (p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
        );
      const invoke = statements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
      expect(invoke).toHaveLength(1);
      expect(new Set(refs(invoke[0]!.Resource))).toEqual(new Set(refs(target.Arn)));
    }
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resourcesOf(dev.statelessTemplate, 'AWS::CloudWatch::Alarm'));

  it('alarms as soon as any dead-letter queue holds a message', () => {
    const all = resourcesOf(dev.statelessTemplate, 'AWS::SQS::Queue');
    const queues = Object.fromEntries(
      Object.entries(all).filter(([, q]) => String(q.Properties.QueueName).endsWith('-dlq')),
    );
    // One DLQ per subscription, one per schedule, one per pipe; plus a work queue per queued subscription.
    expect(Object.keys(queues)).toHaveLength(
      MANIFESTS.reduce((n, m) => n + m.subscriptions.length + m.schedules.length + 1, 0),
    );
    expect(Object.keys(all)).toHaveLength(
      Object.keys(queues).length + MANIFESTS.flatMap((m) => m.subscriptions).filter((s) => s.queue).length,
    );
    for (const queueId of Object.keys(queues)) {
      const alarm = alarms().find(
        (a) =>
          a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          refs(a.Properties.Dimensions).includes(queueId),
      );
      expect(alarm?.Properties, queueId).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('alarms on any function error', () => {
    for (const fnId of Object.keys(functions)) {
      const alarm = alarms().find(
        (a) => a.Properties.MetricName === 'Errors' && refs(a.Properties.Dimensions).includes(fnId),
      );
      expect(alarm?.Properties, fnId).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });
});

describe('queued subscriptions', () => {
  /** A small finance manifest: one queued subscription beside a plain one. */
  const manifest = (queue: NonNullable<ServiceManifest['subscriptions'][number]['queue']>): ServiceManifest => ({
    service: 'finance',
    table: serviceTable('finance'),
    http: { file: 'http', export: 'handler' },
    routes: [],
    subscriptions: [
      {
        name: 'reconcile-unit',
        description: 'Reconciles one unit’s month (test).',
        pattern: { source: ['congdoan.finance'], 'detail-type': ['UnitReconciliationRequested'] },
        handler: { file: 'events', export: 'onUnitChanged' },
        queue,
      },
      {
        name: 'plain',
        description: 'A plain subscription beside it (test).',
        pattern: { source: ['congdoan.membership'], 'detail-type': ['UnitCreated'] },
        handler: { file: 'events', export: 'onUnitChanged' },
      },
    ],
    schedules: [],
    publishes: [],
  });
  let queued: Synthesized;
  let template: Template;
  const ids = () => {
    const fn = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.FunctionName === 'congdoan-dev-finance-reconcile-unit',
    )![0];
    const rule = Object.entries(resourcesOf(template, 'AWS::Events::Rule')).find(
      ([, r]) => r.Properties.Name === 'congdoan-dev-finance-reconcile-unit',
    )![0];
    return {
      fn,
      rule,
      queue: queueIn(template, 'finance-reconcile-unit-queue'),
      dlq: queueIn(template, 'finance-reconcile-unit-dlq'),
    };
  };

  beforeAll(() => {
    queued = synth('dev', [manifest({ batchSize: 10, maxConcurrency: 5 })]);
    template = queued.statelessTemplate;
  });

  it('puts an encrypted queue between the rule and the function, redriving to the subscription’s DLQ', () => {
    const { queue, dlq } = ids();
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    expect(queues[queue]!.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      // Six times the subscription function's 30 s timeout.
      VisibilityTimeout: 180,
      MessageRetentionPeriod: 4 * 24 * 3600,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: QUEUE_MAX_RECEIVE_COUNT },
    });
    expect(QUEUE_MAX_RECEIVE_COUNT).toBe(5);
    expect(queues[dlq]!.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('targets the queue from the rule, with retries and the DLQ for what EventBridge cannot deliver', () => {
    const { rule, queue, dlq } = ids();
    const [target, ...others] = resourcesOf(template, 'AWS::Events::Rule')[rule]!.Properties.Targets as Record<
      string,
      unknown
    >[];
    expect(others).toEqual([]);
    expect(target!.Arn).toEqual({ 'Fn::GetAtt': [queue, 'Arn'] });
    expect(target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 8 });
    expect(target!.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } });
    expect(target).not.toHaveProperty('InputTransformer'); // the body is the whole EventBridge event
    expect(target).not.toHaveProperty('Input');
  });

  it('consumes the queue through an event source mapping with partial batch responses and a concurrency cap', () => {
    const { fn, queue } = ids();
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionName: { Ref: fn },
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 5 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // Not invoked asynchronously, so no on-failure destination; the plain subscription keeps its own.
    const configs = Object.values(resourcesOf(template, 'AWS::Lambda::EventInvokeConfig'));
    expect(configs.filter((c) => refs(c.Properties.FunctionName).includes(fn))).toEqual([]);
    expect(configs).toHaveLength(1);
  });

  it('lets only this rule send to the queue, and the function only consume it', () => {
    const { fn, rule, queue, dlq } = ids();
    const queuePolicies = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy')).filter((p) =>
      refs(p.Properties.Queues).includes(queue),
    );
    const statements = queuePolicies.flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
        Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );

    const [roleId] = refs(resourcesOf(template, 'AWS::Lambda::Function')[fn]!.Properties.Role);
    const roleStatements = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((p) => refs(p.Properties.Roles).includes(roleId!))
      .flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
      );
    const sqs = roleStatements.filter((st) => [st.Action].flat().some((a) => String(a).startsWith('sqs:')));
    expect(sqs).toHaveLength(1);
    expect(new Set([sqs[0]!.Action].flat())).toEqual(
      new Set([
        'sqs:ReceiveMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueUrl',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ]),
    );
    expect(refs(sqs[0]!.Resource)).toEqual([queue]);
    expect(JSON.stringify(roleStatements)).not.toContain(dlq);
  });

  it('alarms on the DLQ and on the function’s errors, and not on the work queue', () => {
    const { fn, queue, dlq } = ids();
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
    const on = (id: string) => alarms.filter((a) => refs(a.Properties.Dimensions).includes(id));
    expect(on(dlq)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          AlarmName: 'congdoan-dev-finance-reconcile-unit-dlq-not-empty',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Threshold: 0,
        }),
      }),
    ]);
    expect(on(fn).map((a) => a.Properties.MetricName)).toEqual(['Errors']);
    expect(on(queue)).toEqual([]);
  });

  it('leaves the plain subscription beside it as it was: the rule invokes the function', () => {
    const plainFn = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.FunctionName === 'congdoan-dev-finance-plain',
    )![0];
    const rule = Object.values(resourcesOf(template, 'AWS::Events::Rule')).find(
      (r) => r.Properties.Name === 'congdoan-dev-finance-plain',
    )!;
    const [target] = rule.Properties.Targets as Record<string, unknown>[];
    expect(target!.Arn).toEqual({ 'Fn::GetAtt': [plainFn, 'Arn'] });
    expect(refs((target!.DeadLetterConfig as { Arn: unknown }).Arn)).toEqual([queueIn(template, 'finance-plain-dlq')]);
  });

  it('takes a longer visibility timeout, and refuses one shorter than six function timeouts or bad sizes', () => {
    const longer = synth('dev', [manifest({ batchSize: 1, maxConcurrency: 2, visibilityTimeoutSeconds: 900 })]);
    expect(
      resourcesOf(longer.statelessTemplate, 'AWS::SQS::Queue')[
        queueIn(longer.statelessTemplate, 'finance-reconcile-unit-queue')
      ]!.Properties.VisibilityTimeout,
    ).toBe(900);
    expect(() => synth('dev', [manifest({ batchSize: 10, maxConcurrency: 5, visibilityTimeoutSeconds: 179 })])).toThrow(
      /finance-reconcile-unit: visibilityTimeoutSeconds \(179\) must be at least six times the function timeout \(30 s\)/,
    );
    expect(() => synth('dev', [manifest({ batchSize: 11, maxConcurrency: 5 })])).toThrow(/batchSize/);
    expect(() => synth('dev', [manifest({ batchSize: 10, maxConcurrency: 1 })])).toThrow(/maxConcurrency/);
  });
});
