/** What differs between stages, read from CDK context (cdk.json, or `-c key=value`). */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';
import { stagePrefix } from './names.ts';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** A provincial system's app client (client credentials), as configured per stage. */
export interface MachineClientConfig {
  /**
   * The OAuth scopes it may ask for, without the resource-server prefix: exact names
   * (`finance.read`), one `*` standing for any text (`*` = every scope, `*.read`,
   * `membership.*`), or `role:<role>` for the scopes of every route that role may call
   * (`role:integration`). Each entry must select at least one scope of the manifests, and a
   * client at most `MAX_CLIENT_SCOPES`.
   */
  scopes: string[];
  /** The `unit_id` its tokens carry: the unit whose subtree it may act in, `*` = the whole tree. */
  unit: string;
}

export interface StageConfig {
  stage: Stage;
  /** `congdoan-<stage>`: prefixes physical names (bus, tables, functions, pipes, schedules). */
  prefix: string;
  /** Keep data (RETAIN and deletion protection) when a stack or resource is removed. */
  retainData: boolean;
  logRetention: RetentionDays;
  corsOrigins: string[];
  /** OAuth redirect URLs of the users' app client (authorization code flow). */
  callbackUrls: string[];
  logoutUrls: string[];
  /** Hosted UI / token endpoint prefix; must be unique in the region. Default: `congdoan-<stage>-<account>`. */
  cognitoDomainPrefix?: string;
  /** Subscribed to the alarm topic when set. */
  alarmEmail?: string;
  /**
   * The machine app clients the stateful stack creates, by name (the client is named
   * `<prefix>-<name>`). `integration` is the provincial client that has always existed; its
   * client id survives this setting. Default: `{ integration: { scopes: ['role:integration'], unit: '*' } }`.
   */
  machineClients: Record<string, MachineClientConfig>;
}

/** The provincial machine client every stage has had from the start (construct id `MachineClient`). */
export const OWN_MACHINE_CLIENT = 'integration';

const DEFAULT_MACHINE_CLIENTS: Record<string, MachineClientConfig> = {
  [OWN_MACHINE_CLIENT]: { scopes: ['role:integration'], unit: '*' },
};

/** Cognito's limit on an app client's allowed OAuth scopes (CloudFormation validates it too). */
export const MAX_CLIENT_SCOPES = 50;

const nonBlank = z.string().trim().min(1);

const machineClientsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a client name is lower-case letters, digits and dashes'),
  z.strictObject({
    scopes: z.array(nonBlank.refine((s) => s.split('*').length <= 2, 'a scope pattern holds at most one *')).min(1),
    unit: nonBlank,
  }),
);

interface StageContext {
  corsOrigins?: string[];
  callbackUrls?: string[];
  logoutUrls?: string[];
  logRetentionDays?: number;
  cognitoDomainPrefix?: string;
  alarmEmail?: string;
  machineClients?: unknown;
  machineClientUnits?: unknown;
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

/** `{ name: { scopes, unit } }`, or its JSON (as `-c` passes it). */
function machineClients(value: unknown): Record<string, MachineClientConfig> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (cause) {
      throw new Error(`machineClients is not JSON: ${value}`, { cause });
    }
  }
  const result = machineClientsSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(
      `machineClients must map client names to { "scopes": [...], "unit": "<unit id or *>" }: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/** Reads `stage` (default dev) and `congdoan:stages.<stage>` from the context. */
export function stageConfig(node: Node): StageConfig {
  const stage = asStage(node.tryGetContext('stage') ?? 'dev');
  const all = (node.tryGetContext('congdoan:stages') ?? {}) as Record<string, StageContext>;
  const ctx = all[stage] ?? {};
  if (ctx.machineClientUnits !== undefined || node.tryGetContext('congdoan:machineClientUnits') !== undefined) {
    throw new Error(
      'machineClientUnits is replaced by machineClients: { "<name>": { "scopes": ["*"], "unit": "*" } } (see docs/architecture.md, Auth).',
    );
  }
  const prod = stage === 'prod';
  return {
    stage,
    prefix: stagePrefix(stage),
    retainData: prod,
    logRetention: retention(ctx.logRetentionDays ?? (prod ? 365 : 14)),
    corsOrigins: ctx.corsOrigins ?? ['http://localhost:5173'],
    callbackUrls: ctx.callbackUrls ?? ['http://localhost:5173/auth/callback'],
    logoutUrls: ctx.logoutUrls ?? ['http://localhost:5173/'],
    cognitoDomainPrefix: node.tryGetContext('cognitoDomainPrefix') ?? ctx.cognitoDomainPrefix,
    alarmEmail: node.tryGetContext('alarmEmail') ?? ctx.alarmEmail,
    machineClients: machineClients(
      node.tryGetContext('congdoan:machineClients') ?? ctx.machineClients ?? DEFAULT_MACHINE_CLIENTS,
    ),
  };
}

/**
 * The manifests' scopes a machine client's patterns select (see `MachineClientConfig.scopes`).
 * Throws on a pattern that selects nothing, so a typo or a scope that left the manifests fails
 * the synth instead of silently narrowing (or emptying) a client, and on more scopes than
 * Cognito lets a client hold.
 */
export function selectScopes(
  client: string,
  patterns: readonly string[],
  scopes: readonly string[],
  scopesOfRole: (role: string) => readonly string[],
): string[] {
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const [head = '', tail] = pattern.split('*');
    const matches = pattern.startsWith('role:')
      ? scopesOfRole(pattern.slice('role:'.length))
      : scopes.filter((scope) =>
          tail === undefined
            ? scope === pattern
            : scope.length >= head.length + tail.length && scope.startsWith(head) && scope.endsWith(tail),
        );
    if (matches.length === 0) {
      throw new Error(
        `Machine client ${client}: the scope ${JSON.stringify(pattern)} matches none of the manifests' scopes (${scopes.join(', ')}).`,
      );
    }
    for (const scope of matches) selected.add(scope);
  }
  if (selected.size > MAX_CLIENT_SCOPES) {
    throw new Error(
      `Machine client ${client}: its scopes select ${selected.size} scopes; a Cognito app client holds at most ${MAX_CLIENT_SCOPES}. Narrow them in machineClients (cdk.json).`,
    );
  }
  return [...selected].sort();
}

export function dataRemovalPolicy(config: StageConfig): RemovalPolicy {
  return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
