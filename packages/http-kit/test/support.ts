import { randomUUID } from 'node:crypto';
import { type Problem, roleScopes, type ServiceManifest, tokenScope } from '@congdoan/contracts';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export type Claims = Record<string, string | number | boolean | string[]>;

/** The scopes of the test service's routes (service `membership`, default scopes), as a person's token carries them. */
export const WIDGET_SCOPES = 'aws.cognito.signin.user.admin congdoan-api/membership.read congdoan-api/membership.write';

/** A whole-tree admin, as the local gateway would mint it and API Gateway would pass it (arrays flattened). */
export const adminClaims: Claims = {
  sub: 'user-admin',
  'cognito:groups': '[admin]',
  unit_id: '*',
  username: 'admin',
  token_use: 'access',
  scope: WIDGET_SCOPES,
};

/** `adminClaims` with the scopes of the admin's routes in `manifests`, as the pre-token trigger puts them in a token. */
export function adminClaimsOf(manifests: readonly ServiceManifest[]): Claims {
  return { ...adminClaims, scope: roleScopes(manifests, ['admin']).map(tokenScope).join(' ') };
}

export interface EventInput {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: string | object;
  isBase64Encoded?: boolean;
  /** null: no authorizer at all. */
  claims?: Claims | null;
}

/** An API Gateway HTTP API (payload v2) event with a JWT authorizer, as the Lambda receives it. */
export function httpEvent(input: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = input.method ?? 'GET';
  const headers: Record<string, string> = { ...input.headers };
  let body: string | undefined;
  if (input.body !== undefined) {
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  const query = input.query;
  const rawQueryString = query ? new URLSearchParams(query).toString() : '';
  const claims = input.claims === undefined ? adminClaims : input.claims;
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString,
    headers,
    queryStringParameters: query,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: input.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: `req-${randomUUID()}`,
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
      ...(claims === null
        ? {}
        : { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } } }),
    },
    body,
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'membership-http',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:membership-http',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/membership-http',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type Response = APIGatewayProxyStructuredResultV2 & { statusCode: number };

/** A response header by name, whatever its case. */
export function header(response: APIGatewayProxyStructuredResultV2, name: string): string | undefined {
  const entry = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry === undefined ? undefined : String(entry[1]);
}

export function problemOf(response: APIGatewayProxyStructuredResultV2): Problem {
  if (!header(response, 'content-type')?.startsWith('application/problem+json')) {
    throw new Error(`not a problem response: ${response.statusCode} ${header(response, 'content-type')}`);
  }
  return JSON.parse(response.body ?? '') as Problem;
}

export function jsonOf(response: APIGatewayProxyStructuredResultV2): unknown {
  return JSON.parse(response.body ?? '');
}
