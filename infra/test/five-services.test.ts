/**
 * The platform at the size it must hold: five services of 60 routes, 10 subscriptions
 * (3 queued) and 3 schedules each. Every stack stays under 80% of CloudFormation's 500
 * resources, every function's resource policy under 80% of Lambda's 20 KB, every template
 * under 80% of the 1 MB CloudFormation takes from S3; and each service gets its dashboard.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allScopes, METRICS_NAMESPACE, SERVICES } from '@congdoan/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  authorizationScopes,
  MAX_CLIENT_SCOPES,
  MAX_RESOURCE_SERVER_SCOPES,
  resourceServerScopes,
  type TemplateJson,
} from '../lib/index.ts';
import { resourcePolicies } from './policy-size.ts';
import { refs, resourcesOf, type Synthesized, synth } from './support.ts';
import { fiveSyntheticServices, SHAPE, syntheticManifest } from './synthetic-manifests.ts';

/** Synthetic services have no handler folders; bundling is skipped, but CDK still wants the folder to exist. */
const HANDLERS = join(tmpdir(), `congdoan-synthetic-handlers-${process.pid}`);

vi.mock('@congdoan/registry', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@congdoan/registry')>();
  const { mkdirSync } = await import('node:fs');
  const { tmpdir: tmp } = await import('node:os');
  const path = await import('node:path');
  return {
    ...actual,
    handlerEntry: (manifest: { service: string }, ref: { file: string }) => {
      const dir = path.join(tmp(), `congdoan-synthetic-handlers-${process.pid}`, manifest.service);
      mkdirSync(dir, { recursive: true });
      return path.join(dir, `${ref.file}.ts`);
    },
  };
});

const LIMITS = {
  /** 80% of CloudFormation's 500 resources per stack. */
  resources: 400,
  /** 80% of Lambda's 20 KB resource-based policy. */
  policyBytes: 16 * 1024,
  /** 80% of the 1 MB template CloudFormation accepts from S3. */
  templateBytes: 800 * 1024,
} as const;

let five: Synthesized;
let stacks: { stackName: string; template: TemplateJson }[];

beforeAll(() => {
  five = synth('prod', fiveSyntheticServices());
  stacks = [
    { stackName: five.stateful.stackName, template: five.statefulTemplate.toJSON() as TemplateJson },
    { stackName: five.api.stackName, template: five.apiTemplate.toJSON() as TemplateJson },
    ...[...five.services].map(([service, stack]) => ({
      stackName: stack.stackName,
      template: five.serviceTemplates.get(service)!.toJSON() as TemplateJson,
    })),
  ];
}, 300_000);

afterAll(() => {
  rmSync(HANDLERS, { recursive: true, force: true });
});

describe('five services of 60 routes, 10 subscriptions and 3 schedules', () => {
  it('builds the shape asked for', () => {
    expect(SERVICES).toHaveLength(SHAPE.services);
    expect(stacks).toHaveLength(2 + SHAPE.services);
    for (const manifest of fiveSyntheticServices()) {
      expect(manifest.routes).toHaveLength(SHAPE.routes);
      expect(manifest.subscriptions).toHaveLength(SHAPE.subscriptions);
      expect(manifest.subscriptions.filter((s) => s.queue)).toHaveLength(SHAPE.queued);
      expect(manifest.schedules).toHaveLength(SHAPE.schedules);
      const template = five.serviceTemplates.get(manifest.service)!;
      expect(Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Route'))).toHaveLength(SHAPE.routes);
      expect(Object.keys(resourcesOf(template, 'AWS::Events::Rule'))).toHaveLength(SHAPE.subscriptions);
      expect(Object.keys(resourcesOf(template, 'AWS::Scheduler::Schedule'))).toHaveLength(SHAPE.schedules);
    }
  });

  it(`keeps every stack under ${LIMITS.resources} resources`, () => {
    for (const { stackName, template } of stacks) {
      const count = Object.keys(template.Resources ?? {}).length;
      expect(count, stackName).toBeLessThan(LIMITS.resources);
    }
  });

  it(`keeps every function’s resource policy under ${LIMITS.policyBytes} bytes, the HTTP ones at one statement`, () => {
    const policies = resourcePolicies(stacks);
    const functions = stacks.flatMap(({ template }) =>
      Object.values(template.Resources ?? {})
        .filter((r) => r.Type === 'AWS::Lambda::Function')
        .map((r) => String(r.Properties?.FunctionName)),
    );
    expect(functions.length).toBe(SHAPE.services * (1 + SHAPE.subscriptions + SHAPE.schedules) + 2);
    for (const name of functions) {
      const policy = policies.get(name);
      if (policy) expect(policy.bytes, name).toBeLessThan(LIMITS.policyBytes);
      if (name.endsWith('-http')) expect(policy?.statements, name).toBe(1);
    }
    // Every policy belongs to a deployed function (none aimed at a name the estimate got wrong).
    for (const name of policies.keys()) expect(functions, name).toContain(name);
  });

  it(`keeps every template under ${LIMITS.templateBytes} bytes, as cdk writes it`, () => {
    for (const { stackName, template } of stacks) {
      expect(Buffer.byteLength(JSON.stringify(template, undefined, 1)), stackName).toBeLessThan(LIMITS.templateBytes);
    }
  });

  it('fits the resource server (its own limit of 100 scopes) and requires each route’s scopes', () => {
    const scopes = allScopes(fiveSyntheticServices());
    expect(scopes.length).toBeLessThanOrEqual(MAX_RESOURCE_SERVER_SCOPES);
    const [server] = Object.values(resourcesOf(five.statefulTemplate, 'AWS::Cognito::UserPoolResourceServer'));
    expect((server!.Properties.Scopes as { ScopeName: string }[]).map((s) => s.ScopeName)).toEqual(scopes);
    const routes = Object.values(resourcesOf(five.statelessTemplate, 'AWS::ApiGatewayV2::Route'));
    for (const manifest of fiveSyntheticServices()) {
      for (const route of manifest.routes) {
        const found = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
        expect(found.Properties.AuthorizationScopes).toEqual(authorizationScopes(manifest.service, route));
      }
    }
  });

  it('gives the provincial client its role’s scopes, and refuses a client of more than 50 scopes', () => {
    const clients = Object.values(resourcesOf(five.statefulTemplate, 'AWS::Cognito::UserPoolClient'));
    const machine = clients.find((c) => c.Properties.ClientName === 'congdoan-prod-integration')!;
    const count = (machine.Properties.AllowedOAuthScopes as unknown[]).length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(MAX_CLIENT_SCOPES);
    expect(allScopes(fiveSyntheticServices()).length).toBeGreaterThan(MAX_CLIENT_SCOPES);
    expect(() =>
      synth('prod', fiveSyntheticServices(), {
        'congdoan:machineClients': { everything: { scopes: ['*'], unit: '*' } },
      }),
    ).toThrow(/everything: its scopes select 60 scopes; a Cognito app client holds at most 50/);
  }, 120_000);

  it('refuses manifests that name more scopes than a resource server holds', () => {
    const crowded = fiveSyntheticServices().map((m) => ({
      ...m,
      routes: m.routes.map((r) => ({ ...r, scopes: [`${r.operationId}.call`] })),
    }));
    expect(allScopes(crowded).length).toBeGreaterThan(MAX_RESOURCE_SERVER_SCOPES);
    expect(() => resourceServerScopes(crowded)).toThrow(/at most 100/);
  });
});

/** A dashboard's body, its tokens replaced by `<ref:id>` (Ref) or `<att:id.Attr>` (GetAtt). */
function dashboardBody(template: ReturnType<Synthesized['serviceTemplates']['get']>): {
  widgets: { type: string; properties: Record<string, unknown> }[];
} {
  const [dashboard] = Object.values(resourcesOf(template!, 'AWS::CloudWatch::Dashboard'));
  const body = dashboard!.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] } | string;
  if (typeof body === 'string') return JSON.parse(body);
  const text = body['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const obj = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      if (obj.Ref) return `<ref:${obj.Ref}>`;
      if (obj['Fn::GetAtt']) return `<att:${obj['Fn::GetAtt'].join('.')}>`;
      return '<other>';
    })
    .join('');
  return JSON.parse(text);
}

describe('one dashboard per service, from its manifest', () => {
  it('names one dashboard per service', () => {
    for (const service of SERVICES) {
      const dashboards = Object.values(resourcesOf(five.serviceTemplates.get(service)!, 'AWS::CloudWatch::Dashboard'));
      expect(dashboards.map((d) => d.Properties.DashboardName)).toEqual([`congdoan-prod-${service}`]);
    }
  });

  it('charts errors and p50/p95/p99 duration of each function, each DLQ’s depth and the business metrics', () => {
    const service = 'inspection';
    const manifest = syntheticManifest(service);
    const template = five.serviceTemplates.get(service)!;
    const { widgets } = dashboardBody(template);
    const metrics = widgets
      .filter((w) => w.type === 'metric')
      .flatMap((w) => w.properties.metrics as unknown[][])
      .map((line) => ({ key: line.slice(0, -1).join(' '), options: line.at(-1) as Record<string, unknown> }));
    const has = (key: string, options: Record<string, unknown>) =>
      metrics.some((m) => m.key === key && Object.entries(options).every(([k, v]) => m.options[k] === v));

    const functions = Object.keys(resourcesOf(template, 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(1 + SHAPE.subscriptions + SHAPE.schedules);
    for (const fn of functions) {
      expect(has(`AWS/Lambda Errors FunctionName <ref:${fn}>`, { stat: 'Sum' }), fn).toBe(true);
      for (const p of ['p50', 'p95', 'p99']) {
        expect(has(`AWS/Lambda Duration FunctionName <ref:${fn}>`, { stat: p }), `${fn} ${p}`).toBe(true);
      }
    }
    const dlqs = Object.entries(resourcesOf(template, 'AWS::SQS::Queue')).filter(([, q]) =>
      String(q.Properties.QueueName).endsWith('-dlq'),
    );
    // One per subscription, per schedule, and the outbox pipe's.
    expect(dlqs).toHaveLength(SHAPE.subscriptions + SHAPE.schedules + 1);
    for (const [id] of dlqs) {
      expect(has(`AWS/SQS ApproximateNumberOfMessagesVisible QueueName <att:${id}.QueueName>`, {}), id).toBe(true);
    }
    // Work queues of queued subscriptions are not dead letters.
    expect(metrics.filter((m) => m.key.includes('ApproximateNumberOfMessagesVisible'))).toHaveLength(dlqs.length);
    expect(manifest.metrics).toHaveLength(SHAPE.metrics);
    for (const metric of manifest.metrics ?? []) {
      expect(has(`${METRICS_NAMESPACE} ${metric.name} service ${service}`, { stat: 'Sum' }), metric.name).toBe(true);
    }
  });

  it('charts the API’s requests, latency percentiles and 5xx on the service’s own paths from the access log', () => {
    const { widgets } = dashboardBody(five.serviceTemplates.get('welfare')!);
    const queries = widgets.filter((w) => w.type === 'log').map((w) => String(w.properties.query));
    expect(queries).toHaveLength(2);
    for (const query of queries) expect(query).toContain('filter routeKey like "/v1/welfare/"');
    expect(queries[0]).toMatch(/pct\(latencyMs, 50\).*pct\(latencyMs, 95\).*pct\(latencyMs, 99\)/);
    expect(queries[1]).toContain('status like /^5/');
    // The access log group lives in the API stack.
    const [accessLogs] = Object.entries(resourcesOf(five.apiTemplate, 'AWS::Logs::LogGroup')).find(([, g]) =>
      String(g.Properties.LogGroupName).startsWith('/aws/apigateway/'),
    )!;
    const [dashboard] = Object.values(resourcesOf(five.statelessTemplate, 'AWS::CloudWatch::Dashboard'));
    expect(refs(dashboard!.Properties.DashboardBody)).toContain(accessLogs);
  });
});
