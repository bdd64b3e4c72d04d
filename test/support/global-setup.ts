import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../packages/local/src/dynamodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local; absent in the tiers that must not reach DynamoDB. */
    dynamoEndpoint?: string;
  }
}

interface Shared {
  ddb: Promise<DynamoDbLocal>;
  users: number;
}
const KEY = Symbol.for('congdoan.test.dynamodb-local');
const registry = globalThis as { [KEY]?: Shared };

/**
 * One in-memory DynamoDB Local for the whole run, started by the first tier that needs it
 * (integration or e2e) and stopped when the last of them is done. Each test file makes its
 * own tables (or, in e2e, its own units on the worker's platform).
 */
export default async function setup(project: TestProject) {
  registry[KEY] ??= { ddb: startDynamoDbLocal({ dataDir: null }), users: 0 };
  const shared = registry[KEY];
  shared.users++;
  const ddb = await shared.ddb;
  project.provide('dynamoEndpoint', ddb.endpoint);
  return async () => {
    if (--shared.users > 0) return;
    delete registry[KEY];
    await ddb.stop();
  };
}
