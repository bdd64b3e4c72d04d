export { Alarms } from './alarms.ts';
export { ACCESS_LOG_FIELDS, ApiStack, type StatefulResources } from './api-stack.ts';
export { type BuildAppOptions, buildApp, type CongdoanApp, cdkJsonContext, SKIP_BUNDLING_CONTEXT } from './app.ts';
export {
  MAX_CLIENT_SCOPES,
  type MachineClientConfig,
  STAGES,
  type Stage,
  type StageConfig,
  selectScopes,
  stageConfig,
} from './config.ts';
export { businessMetric, ServiceDashboard } from './dashboard.ts';
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
export { authorizationScopes, DELIVERY_RETRY, ServiceConstruct, toCdkEventPattern } from './service-construct.ts';
export { ServiceFunction } from './service-function.ts';
export { ServiceHttpIntegration, servicePathPrefix } from './service-integration.ts';
export { ServiceStack, serviceStackName } from './service-stack.ts';
export {
  MAX_RESOURCE_SERVER_SCOPES,
  resourceServerScopes,
  roleScopeMap,
  StatefulStack,
  USER_GROUPS,
} from './stateful-stack.ts';
export {
  allTemplates,
  type DeployedRule,
  routeKeysFromTemplate,
  rulesFromTemplate,
  type SynthesizedTemplates,
  synthesizeTemplates,
  type TemplateJson,
} from './template-queries.ts';
