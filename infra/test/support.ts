import type { ServiceManifest } from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { buildApp, type CongdoanApp, SKIP_BUNDLING_CONTEXT } from '../lib/index.ts';

export interface Synthesized extends CongdoanApp {
  statefulTemplate: Template;
  statelessTemplate: Template;
  /** Logical id (in the stateful stack) of each service's table. */
  tableLogicalIds: Map<string, string>;
}

/** Builds and synthesizes the app for a stage without bundling (assertion tests only look at templates). */
export function synth(stage: 'dev' | 'prod', manifests: readonly ServiceManifest[] = MANIFESTS): Synthesized {
  const built = buildApp({ context: { ...SKIP_BUNDLING_CONTEXT, stage }, manifests });
  const tableLogicalIds = new Map<string, string>();
  for (const [service, table] of built.stateful.tables) {
    tableLogicalIds.set(service, built.stateful.getLogicalId(table.node.defaultChild as CfnTable));
  }
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
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
