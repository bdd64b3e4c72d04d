import type { ServiceManifest } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { buildApp, type CongdoanApp, SKIP_BUNDLING_CONTEXT, type TemplateJson } from '../lib/index.ts';

export interface Synthesized extends CongdoanApp {
  statefulTemplate: Template;
  apiTemplate: Template;
  /** Each service stack's own template, by service. */
  serviceTemplates: Map<string, Template>;
  /**
   * The API stack and every service stack as one template, each `Fn::GetStackOutput`
   * replaced by the producing stack's output value (a Ref or GetAtt there), so that
   * references read as they would inside one stack. Logical ids are unique across stacks
   * (a service's constructs start with its name). For assertions only: what deploys is
   * the per-stack templates.
   */
  statelessTemplate: Template;
  /** Logical id (in the stateful stack) of each service's table. */
  tableLogicalIds: Map<string, string>;
}

interface StackTemplate extends TemplateJson {
  Outputs?: Record<string, { Value: unknown }>;
}

/** `value` with every `Fn::GetStackOutput` replaced by the output's value in its producer. */
export function resolveStackOutputs(value: unknown, outputs: ReadonlyMap<string, StackTemplate['Outputs']>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveStackOutputs(v, outputs));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })['Fn::GetStackOutput'];
  if (ref) {
    const output = outputs.get(ref.StackName)?.[ref.OutputName];
    if (!output) throw new Error(`No output ${ref.OutputName} in ${ref.StackName}`);
    return output.Value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveStackOutputs(v, outputs)]));
}

/** Builds and synthesizes the app for a stage without bundling (assertion tests only look at templates). */
export function synth(
  stage: 'dev' | 'prod',
  manifests: readonly ServiceManifest[] = MANIFESTS,
  context: Record<string, unknown> = {},
): Synthesized {
  const built = buildApp({ context: { ...SKIP_BUNDLING_CONTEXT, stage, ...context }, manifests });
  const tableLogicalIds = new Map<string, string>();
  for (const [service, table] of built.stateful.tables) {
    tableLogicalIds.set(service, built.stateful.getLogicalId(table.node.defaultChild as CfnTable));
  }
  const statefulTemplate = Template.fromStack(built.stateful);
  const apiTemplate = Template.fromStack(built.api);
  const serviceTemplates = new Map([...built.services].map(([service, stack]) => [service, Template.fromStack(stack)]));
  const stacks: [string, Template][] = [
    [built.stateful.stackName, statefulTemplate],
    [built.api.stackName, apiTemplate],
    ...[...built.services].map(([service, stack]): [string, Template] => [
      stack.stackName,
      serviceTemplates.get(service)!,
    ]),
  ];
  const outputs = new Map(stacks.map(([name, t]) => [name, (t.toJSON() as StackTemplate).Outputs]));
  const resources: Record<string, unknown> = {};
  for (const [name, template] of stacks.slice(1)) {
    for (const [id, resource] of Object.entries((template.toJSON() as TemplateJson).Resources ?? {})) {
      if (id in resources) throw new Error(`Logical id ${id} of ${name} is also used by another stack.`);
      resources[id] = resolveStackOutputs(resource, outputs);
    }
  }
  return {
    ...built,
    statefulTemplate,
    apiTemplate,
    serviceTemplates,
    statelessTemplate: Template.fromJSON({ Resources: resources }),
    tableLogicalIds,
  };
}

export type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** Logical ids referenced by Ref / Fn::GetAtt inside a value. */
export function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.Ref === 'string') return [obj.Ref];
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  return Object.values(obj).flatMap(refs);
}
