export { Alarms } from './alarms.ts';
export { type BuildAppOptions, buildApp, type CongdoanApp, cdkJsonContext, SKIP_BUNDLING_CONTEXT } from './app.ts';
export { STAGES, type Stage, type StageConfig, stageConfig } from './config.ts';
export {
  allLambdaSpecs,
  type FunctionKind,
  functionId,
  type LambdaSpec,
  lambdaSpecs,
  outboxEnrichmentSpec,
  preTokenGenerationSpec,
  stackLambdaSpecs,
} from './functions.ts';
export { OUTBOX_FILTER_PATTERN, OUTBOX_TARGET, OutboxPipe } from './outbox-pipe.ts';
export { DELIVERY_RETRY, ServiceConstruct, toCdkEventPattern } from './service-construct.ts';
export { ServiceFunction } from './service-function.ts';
export { StatefulStack, USER_GROUPS } from './stateful-stack.ts';
export { type StatefulResources, StatelessStack } from './stateless-stack.ts';
export {
  type DeployedRule,
  routeKeysFromTemplate,
  rulesFromTemplate,
  type SynthesizedTemplates,
  synthesizeRouteKeys,
  synthesizeRules,
  synthesizeTemplates,
  type TemplateJson,
} from './template-queries.ts';
