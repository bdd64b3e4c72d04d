/** What differs between stages, read from CDK context (cdk.json, or `-c key=value`). */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { stagePrefix } from './names.ts';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageConfig {
  stage: Stage;
  /** `congdoan-<stage>`: prefixes physical names (bus, tables, functions, pipes, schedules). */
  prefix: string;
  /** Keep data (RETAIN and deletion protection) when a stack or resource is removed. */
  retainData: boolean;
  logRetention: RetentionDays;
  /** X-Ray active tracing on every function. */
  tracing: boolean;
  corsOrigins: string[];
  /** OAuth redirect URLs of the users' app client (authorization code flow). */
  callbackUrls: string[];
  logoutUrls: string[];
  /** Hosted UI / token endpoint prefix; must be unique in the region. Default: `congdoan-<stage>-<account>`. */
  cognitoDomainPrefix?: string;
  /** Subscribed to the alarm topic when set. */
  alarmEmail?: string;
  /**
   * The `unit_id` (`*` = whole tree) that machine clients' tokens carry, by app client id;
   * the key `integration` stands for the stack's own machine client. A client not listed
   * gets no unit, so the API refuses it. Default: `{ integration: '*' }`.
   */
  machineClientUnits: Record<string, string>;
}

/** Key of `machineClientUnits` naming the stateful stack's own (provincial) machine client. */
export const OWN_MACHINE_CLIENT = 'integration';

interface StageContext {
  corsOrigins?: string[];
  callbackUrls?: string[];
  logoutUrls?: string[];
  logRetentionDays?: number;
  tracing?: boolean;
  cognitoDomainPrefix?: string;
  alarmEmail?: string;
  machineClientUnits?: Record<string, string>;
}

function asStage(value: unknown): Stage {
  if (typeof value === 'string' && (STAGES as readonly string[]).includes(value)) return value as Stage;
  throw new Error(`Unknown stage ${JSON.stringify(value)}: pass -c stage=${STAGES.join('|')}.`);
}

function retention(days: number): RetentionDays {
  if ((Object.values(RetentionDays) as unknown[]).includes(days)) return days as RetentionDays;
  throw new Error(
    `logRetentionDays ${days} is not a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …).`,
  );
}

/** A `{ clientId: unitId }` object, or its JSON (as `-c` passes it). */
function machineClientUnits(value: unknown): Record<string, string> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (cause) {
      throw new Error(`machineClientUnits is not JSON: ${value}`, { cause });
    }
  }
  const ok =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((unit) => typeof unit === 'string' && unit.trim().length > 0);
  if (!ok) {
    throw new Error(
      `machineClientUnits must map app client ids (or "${OWN_MACHINE_CLIENT}") to unit ids or "*": ${JSON.stringify(value)}`,
    );
  }
  return parsed as Record<string, string>;
}

/** Reads `stage` (default dev) and `congdoan:stages.<stage>` from the context. */
export function stageConfig(node: Node): StageConfig {
  const stage = asStage(node.tryGetContext('stage') ?? 'dev');
  const all = (node.tryGetContext('congdoan:stages') ?? {}) as Record<string, StageContext>;
  const ctx = all[stage] ?? {};
  const prod = stage === 'prod';
  return {
    stage,
    prefix: stagePrefix(stage),
    retainData: prod,
    logRetention: retention(ctx.logRetentionDays ?? (prod ? 365 : 14)),
    tracing: ctx.tracing ?? prod,
    corsOrigins: ctx.corsOrigins ?? ['http://localhost:5173'],
    callbackUrls: ctx.callbackUrls ?? ['http://localhost:5173/auth/callback'],
    logoutUrls: ctx.logoutUrls ?? ['http://localhost:5173/'],
    cognitoDomainPrefix: node.tryGetContext('cognitoDomainPrefix') ?? ctx.cognitoDomainPrefix,
    alarmEmail: node.tryGetContext('alarmEmail') ?? ctx.alarmEmail,
    machineClientUnits: machineClientUnits(
      node.tryGetContext('congdoan:machineClientUnits') ?? ctx.machineClientUnits ?? { [OWN_MACHINE_CLIENT]: '*' },
    ),
  };
}

export function dataRemovalPolicy(config: StageConfig): RemovalPolicy {
  return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
