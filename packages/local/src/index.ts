export * from './apigw.ts';
export { docsPage } from './docs.ts';
export { type DynamoDbLocal, type DynamoDbLocalOptions, freePort, startDynamoDbLocal } from './dynamodb.ts';
export * from './events/index.ts';
export {
  API_GATEWAY_MAX_BODY_BYTES,
  Gateway,
  type GatewayOptions,
  type LocalEndpoints,
  type LocalRequest,
} from './gateway.ts';
export { loadOrCreateLocalKey, localKeyEnvironment, localKeyFile } from './keys.ts';
export * from './lambda.ts';
export { type LocalApiContext, localEndpoints, tokenRequestSchema } from './local-api.ts';
export { findStrandedOutboxEvents, type OutboxLedger, openOutboxLedger } from './outbox-ledger.ts';
export * from './platform.ts';
export { type CompiledRoute, type RouteMatch, RouteTable } from './routes.ts';
export { findSeeds, type SeedResult, type ServiceSeed, seedDemoData } from './seed.ts';
export * from './tokens.ts';
