import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableEnvVar } from '@congdoan/contracts';
import { traceClient } from '@congdoan/telemetry';

/** A service's table, as repositories and helpers take it. */
export interface Db {
  client: DynamoDBDocumentClient;
  /** The plain client under `client`, for libraries that want one (Powertools idempotency). */
  raw: DynamoDBClient;
  tableName: string;
}

export interface Clients {
  raw: DynamoDBClient;
  client: DynamoDBDocumentClient;
}

export interface ClientOptions {
  /** Overrides `DYNAMODB_ENDPOINT`; set for DynamoDB Local. */
  endpoint?: string;
  maxAttempts?: number;
}

/**
 * A DocumentClient that points at DynamoDB Local when `DYNAMODB_ENDPOINT` is set.
 * Local endpoints get fixed dummy credentials so no AWS profile is needed. Its calls are
 * traced (Powertools `captureAWSv3Client`) when the process traces; the DocumentClient
 * shares the plain client's middleware stack, so both are captured.
 */
export function createClients(options: ClientOptions = {}): Clients {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const config: DynamoDBClientConfig = { maxAttempts: options.maxAttempts ?? 3 };
  if (endpoint) {
    config.endpoint = endpoint;
    config.region = process.env.AWS_REGION ?? 'local';
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const raw = traceClient(new DynamoDBClient(config));
  const client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { raw, client };
}

/** The table of `service`, named by the environment (CDK and the local platform both set it). */
export function tableNameFromEnv(service: string): string {
  const name = process.env[tableEnvVar(service)];
  if (!name) throw new Error(`${tableEnvVar(service)} is not set: the ${service} table name is unknown`);
  return name;
}

let shared: Clients | undefined;

/** One client per process, created on first use (Lambda reuses it across invocations). */
export function dbFromEnv(service: string): Db {
  shared ??= createClients();
  return { ...shared, tableName: tableNameFromEnv(service) };
}
