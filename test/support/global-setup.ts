import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../packages/local/src/dynamodb.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local; absent in the tiers that must not reach DynamoDB. */
    dynamoEndpoint?: string;
  }
}

/**
 * DynamoDB Local's JVM tuned for a short run on few cores: the C1 compiler alone warms up in
 * a fraction of the time C2 takes (the first thousand transactions run about 2× faster on
 * 2 cores), the serial collector leaves the cores to the tests, and no telemetry means no
 * network call at start (about 5 s less). Measured in docs/testing.md. A value set by the
 * caller wins.
 */
export const DYNAMODB_LOCAL_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

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
  process.env.JDK_JAVA_OPTIONS ??= DYNAMODB_LOCAL_JVM_OPTIONS;
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
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
