/**
 * Reads what synthesized templates deploy, per service, for the contract tests: the
 * HTTP API's route keys and the EventBridge rules. Functions are attributed to a
 * service by their POWERTOOLS_SERVICE_NAME, so nothing here trusts construct ids,
 * stack names or naming conventions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildAppOptions, buildApp, SKIP_BUNDLING_CONTEXT } from './app.ts';

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** A CloudFormation template as JSON (from `Template.toJSON()` or a file in cdk.out). */
export interface TemplateJson {
  Resources?: Record<string, CfnResource>;
}

export interface DeployedRule {
  /** The rule's physical name, e.g. `congdoan-dev-finance-unit-profiles`. */
  name: string;
  /** The EventBridge pattern as deployed (`detail-type` spelt as on the wire). */
  pattern: Record<string, unknown>;
  /** Logical id of the function the rule targets, or that consumes the queue it targets. */
  targetFunction: string;
  /** Logical id of the SQS queue between the rule and the function (a queued subscription). */
  queue?: string;
}

function resources(template: TemplateJson): Record<string, CfnResource> {
  return template.Resources ?? {};
}

/** The logical ids a CloudFormation value refers to (Ref, Fn::GetAtt), anywhere inside it. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.Ref === 'string') return [obj.Ref];
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  return Object.values(obj).flatMap(referencedIds);
}

/** Service name of each Lambda function, by logical id. */
function functionServices(template: TemplateJson): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, res] of Object.entries(resources(template))) {
    if (res.Type !== 'AWS::Lambda::Function') continue;
    const env = (res.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
    const service = env?.POWERTOOLS_SERVICE_NAME;
    if (typeof service === 'string') out.set(id, service);
  }
  return out;
}

function serviceOf(value: unknown, services: Map<string, string>): [string, string] | undefined {
  for (const id of referencedIds(value)) {
    const service = services.get(id);
    if (service) return [service, id];
  }
  return undefined;
}

/** Per service, the `METHOD /path` keys of the HTTP API routes whose integration invokes that service's function. */
export function routeKeysFromTemplate(template: TemplateJson): Record<string, Set<string>> {
  const all = resources(template);
  const services = functionServices(template);
  const integrationService = new Map<string, string>();
  for (const [id, res] of Object.entries(all)) {
    if (res.Type !== 'AWS::ApiGatewayV2::Integration') continue;
    const found = serviceOf(res.Properties?.IntegrationUri, services);
    if (found) integrationService.set(id, found[0]);
  }
  const out: Record<string, Set<string>> = {};
  for (const res of Object.values(all)) {
    if (res.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const routeKey = res.Properties?.RouteKey;
    const service = referencedIds(res.Properties?.Target)
      .map((id) => integrationService.get(id))
      .find(Boolean);
    if (typeof routeKey !== 'string' || !service) continue;
    out[service] ??= new Set();
    out[service].add(routeKey);
  }
  return out;
}

/**
 * Per service, the EventBridge rules that target its functions, with their deployed patterns.
 * A queued subscription's rule targets an SQS queue, which the function consumes through an
 * event source mapping; such a rule is attributed to that function, with `queue` set.
 */
export function rulesFromTemplate(template: TemplateJson): Record<string, DeployedRule[]> {
  const all = resources(template);
  const services = functionServices(template);
  const consumerOf = new Map<string, string>();
  for (const res of Object.values(all)) {
    if (res.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const queue = referencedIds(res.Properties?.EventSourceArn).find((id) => all[id]?.Type === 'AWS::SQS::Queue');
    const fn = referencedIds(res.Properties?.FunctionName).find((id) => services.has(id));
    if (queue && fn) consumerOf.set(queue, fn);
  }
  const out: Record<string, DeployedRule[]> = {};
  for (const res of Object.values(all)) {
    if (res.Type !== 'AWS::Events::Rule' || !res.Properties?.EventPattern) continue;
    const targetArns = ((res.Properties.Targets ?? []) as { Arn?: unknown }[]).map((t) => t.Arn);
    const queue = referencedIds(targetArns).find((id) => consumerOf.has(id));
    const found = queue
      ? serviceOf({ Ref: consumerOf.get(queue) }, services)
      : serviceOf(res.Properties.Targets, services);
    if (!found) continue;
    const [service, targetFunction] = found;
    out[service] ??= [];
    out[service].push({
      name: String(res.Properties.Name),
      pattern: res.Properties.EventPattern as Record<string, unknown>,
      targetFunction,
      ...(queue && { queue }),
    });
  }
  return out;
}

export interface SynthesizedTemplates {
  stateful: TemplateJson;
  api: TemplateJson;
  /** Each service's stack, by service name. */
  services: Record<string, TemplateJson>;
}

/** Every template of the app: stateful, API, then the services'. */
export function allTemplates(templates: SynthesizedTemplates): TemplateJson[] {
  return [templates.stateful, templates.api, ...Object.values(templates.services)];
}

/** Synthesizes the app in memory (no bundling, no AWS) and returns every stack's template. */
export function synthesizeTemplates(options: BuildAppOptions = {}): SynthesizedTemplates {
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'congdoan-synth-'));
  try {
    const { app, stateful, api, services } = buildApp({
      ...options,
      outdir,
      context: { ...SKIP_BUNDLING_CONTEXT, ...options.context },
    });
    const assembly = app.synth();
    const template = (stackName: string) => assembly.getStackByName(stackName).template as TemplateJson;
    return {
      stateful: template(stateful.stackName),
      api: template(api.stackName),
      services: Object.fromEntries([...services].map(([service, stack]) => [service, template(stack.stackName)])),
    };
  } finally {
    if (!options.outdir) rmSync(outdir, { recursive: true, force: true });
  }
}
