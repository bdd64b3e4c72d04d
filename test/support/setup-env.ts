import { inject } from 'vitest';

/**
 * Where the unit, handler and infra tiers send DynamoDB calls: nowhere. A test there that
 * reaches DynamoDB fails at once with this host name in the error; name it
 * `*.integration.test.ts` and it runs on DynamoDB Local (docs/testing.md).
 */
export const NO_DYNAMODB = 'http://dynamodb-is-not-available-in-this-tier.invalid';

// Every test worker talks to the run's DynamoDB Local (integration and e2e tiers), never to AWS.
process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint') ?? NO_DYNAMODB;
process.env.AWS_REGION ??= 'ap-southeast-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
