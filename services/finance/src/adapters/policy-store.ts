import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AddPolicyVersionInput,
  BaseSalaryVersionRecorded,
  conflict,
  type PolicyParameter,
} from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  event,
  type PendingEvent,
  retryOnConflict,
  type WriteContext,
} from '@congdoan/ddb';
import type { LoadOptions, PolicyStore, PolicyVersionRecord } from '../app/policy/ports.ts';
import { DEFAULT_POLICY_VERSIONS } from '../domain/policy/defaults.ts';
import { createPolicy } from '../domain/policy/policy.ts';
import type { Policy, PolicyVersion } from '../domain/policy/types.ts';
import {
  coveredKeys,
  invalidVersion,
  normalisedAppliesTo,
  PARAMETER_LABELS,
  versionId,
  versionProblems,
} from '../domain/policy/versions.ts';
import {
  POLICY_ANNOUNCED_PREFIX,
  POLICY_PK,
  POLICY_VERSION_PREFIX,
  policyAnnouncedKey,
  policyHeadKey,
  policyVersionKey,
} from './policy-keys.ts';

/** How long one Lambda instance keeps a loaded policy before reading the table again. */
export const POLICY_CACHE_MS = 30_000;

export interface PolicyStoreOptions {
  /** 0 reads the table on every `load()`. */
  cacheMs?: number;
  /** Milliseconds now, for the cache; tests may pass a clock. */
  clock?: () => number;
  /** The shipped versions; `DEFAULT_POLICY_VERSIONS` unless a test gives others. */
  defaults?: readonly PolicyVersion[];
}

interface Loaded {
  at: number;
  records: PolicyVersionRecord[];
  policy: Policy;
}

/** Concurrent adds of one rule re-read and retry; the head's condition then decides which one wins. */
const CONFLICT_ATTEMPTS = 8;

/** One cache per Lambda instance, shared by every store on the same table. */
const cache = new Map<string, Loaded>();

type StoredVersion = PolicyVersionRecord & { pk: string; sk: string; kind: string };

/**
 * The policy: the shipped defaults merged with the versions administrators added,
 * which live in one partition of the finance table.
 */
export function createPolicyStore(db: Db, options: PolicyStoreOptions = {}): PolicyStore {
  const cacheMs = options.cacheMs ?? POLICY_CACHE_MS;
  const clock = options.clock ?? Date.now;
  const defaults = options.defaults ?? DEFAULT_POLICY_VERSIONS;
  const cacheKey = `${db.tableName}${options.defaults ? '#custom' : ''}`;

  /** ONE Query of the policy partition (paged only if it ever outgrows 1 MB). */
  async function readAdded(): Promise<PolicyVersionRecord[]> {
    const out: PolicyVersionRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': POLICY_PK, ':prefix': POLICY_VERSION_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of (page.Items ?? []) as StoredVersion[]) {
        const { pk: _pk, sk: _sk, kind: _kind, ...record } = item;
        out.push({ ...record, origin: 'added' });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // Added versions of one rule come in the order they were appended, which is also by day.
    return out.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id));
  }

  async function readAll(): Promise<Loaded> {
    const records: PolicyVersionRecord[] = [
      ...defaults.map((v) => ({ ...v, origin: 'default' as const })),
      ...(await readAdded()),
    ];
    const loaded = { at: clock(), records, policy: createPolicy(records.map(stripRecord)) };
    if (cacheMs > 0) cache.set(cacheKey, loaded);
    return loaded;
  }

  /** The latest shipped version of a rule for one funding type (or `*`). */
  function latestDefault(parameter: PolicyParameter, key: string): string | undefined {
    let latest: string | undefined;
    for (const v of defaults) {
      if (v.parameter !== parameter || !coveredKeys(v).includes(key)) continue;
      if (!latest || v.effectiveFrom > latest) latest = v.effectiveFrom;
    }
    return latest;
  }

  return {
    async load(opts: LoadOptions = {}) {
      const held = cache.get(cacheKey);
      if (!opts.fresh && cacheMs > 0 && held && clock() - held.at < cacheMs) return held.policy;
      return (await readAll()).policy;
    },

    async list() {
      return (await readAll()).records;
    },

    async addVersion(input: AddPolicyVersionInput, ctx: WriteContext) {
      const problems = versionProblems(input);
      if (problems.length > 0) throw invalidVersion(problems);
      const appliesTo = normalisedAppliesTo(input.appliesTo);
      const id = versionId(input.parameter, input.effectiveFrom, appliesTo);
      const record = {
        ...input,
        appliesTo,
        id,
        origin: 'added',
        addedBy: ctx.actor.id,
        addedAt: ctx.now().toISOString(),
      } as PolicyVersionRecord;
      const keys = coveredKeys(record);
      for (const key of keys) {
        const latest = latestDefault(input.parameter, key);
        if (latest && input.effectiveFrom <= latest) throw notAfterLatest(input.parameter, key, latest);
      }
      const { origin: _origin, ...stored } = record;
      try {
        await retryOnConflict(
          () =>
            commit(
              db,
              {
                items: [
                  ...keys.map((key) => ({
                    Update: {
                      Key: policyHeadKey(input.parameter, key),
                      UpdateExpression: 'SET #kind = :kind, latestFrom = :from, latestId = :id, updatedAt = :at',
                      ConditionExpression: 'attribute_not_exists(pk) OR latestFrom < :from',
                      ExpressionAttributeNames: { '#kind': 'kind' },
                      ExpressionAttributeValues: {
                        ':kind': 'policy-head',
                        ':from': input.effectiveFrom,
                        ':id': id,
                        ':at': record.addedAt,
                      },
                      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                    },
                  })),
                  {
                    Put: {
                      Item: { ...policyVersionKey(id), kind: 'policy-version', ...stored },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ],
                audit: [{ entityType: 'policy-version', entityId: id, action: 'added', before: null, after: stored }],
                events: announcement(record),
              },
              ctx,
            ),
          CONFLICT_ATTEMPTS,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) {
          const key = keys[error.index] ?? keys[0]!;
          throw notAfterLatest(input.parameter, key, String(error.item?.latestFrom ?? input.effectiveFrom));
        }
        throw error;
      }
      cache.delete(cacheKey);
      return record;
    },

    async announceDefaults(ctx: WriteContext) {
      // One Query of the markers first: a run with nothing new writes nothing.
      const done = new Set<string>();
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': POLICY_PK, ':prefix': POLICY_ANNOUNCED_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) done.add(String(item.sk).slice(POLICY_ANNOUNCED_PREFIX.length));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      const announced: string[] = [];
      for (const v of defaults) {
        const events = announcement({ ...v, origin: 'default' });
        if (events.length === 0 || done.has(v.id)) continue;
        try {
          await commit(
            db,
            {
              items: [
                {
                  Put: {
                    Item: { ...policyAnnouncedKey(v.id), kind: 'policy-announced', at: ctx.now().toISOString() },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ],
              events,
            },
            ctx,
          );
          announced.push(v.id);
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error;
        }
      }
      return announced;
    },
  };
}

/**
 * What other services are told of a version: lương cơ sở (`base-salary`) has one source of
 * truth, finance's policy, and each of its versions is announced (`BaseSalaryVersionRecorded`).
 * Other rules are finance's own.
 */
function announcement(record: PolicyVersionRecord): PendingEvent[] {
  if (record.parameter !== 'base-salary') return [];
  return [
    event(BaseSalaryVersionRecorded, {
      versionId: record.id,
      effectiveFrom: record.effectiveFrom,
      amount: record.value,
      source: record.source,
      certainty: record.certainty,
      origin: record.origin,
      version: 1,
    }),
  ];
}

function stripRecord(record: PolicyVersionRecord): PolicyVersion {
  const { origin: _o, addedBy: _b, addedAt: _a, ...version } = record;
  return version as PolicyVersion;
}

function notAfterLatest(parameter: PolicyParameter, key: string, latest: string) {
  const label = PARAMETER_LABELS[parameter];
  const forType = key === '*' ? '' : ` (${key})`;
  return conflict('policy-version-not-after-latest', {
    vi: `Quy định về ${label.vi}${forType} đã có phiên bản có hiệu lực từ ${latest}. Phiên bản mới phải có hiệu lực sau ngày đó, để các kỳ đã áp dụng giữ nguyên quy định của chúng.`,
    en: `The ${label.en}${forType} already has a version in force from ${latest}. A new version must take effect after that day, so that periods already governed keep their rules.`,
  });
}
