import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AddEmulationPolicyVersionInput, RatingCriteriaSet } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, retryOnConflict, stripKeys } from '@congdoan/ddb';
import type { PolicyVersionRecord, PolicyVersions, RatingCriteriaStore } from '../app/policy-ports.ts';
import { invalidPolicyVersion, policyVersionNotAfterLatest, ratingCriteriaExists } from '../domain/errors.ts';
import {
  createEmulationPolicy,
  DEFAULT_EMULATION_POLICY,
  type EmulationPolicy,
  type EmulationPolicyVersions,
  latestFrom,
  mergeVersions,
  versionProblems,
} from '../domain/policy/policy.ts';
import type { Versioned } from '../domain/policy/versioned.ts';
import { POLICY_PK, POLICY_VERSION_PREFIX, policyHeadKey, policyVersionKey, ratingCriteriaKey } from './keys.ts';

/** How long one Lambda instance keeps a loaded policy before reading the table again. */
export const POLICY_CACHE_MS = 30_000;

/** Concurrent adds of one parameter re-read and retry; the head's condition then decides which one wins. */
const CONFLICT_ATTEMPTS = 8;

export interface PolicyStoreOptions {
  /** 0 reads the table on every `load()`. */
  cacheMs?: number;
  /** The shipped versions; the product's unless a test gives others. */
  defaults?: EmulationPolicyVersions;
}

interface Loaded {
  at: number;
  records: PolicyVersionRecord[];
  policy: EmulationPolicy;
}

/** One cache per Lambda instance and table. */
const cache = new Map<string, Loaded>();

/** What is kept of an added version: the body as posted, and who added it when. */
interface StoredVersion {
  input: AddEmulationPolicyVersionInput;
  addedBy: string;
  addedAt: string;
}

const addedRecord = ({ input, addedBy, addedAt }: StoredVersion): PolicyVersionRecord => ({
  id: `${input.parameter}@${input.effectiveFrom}`,
  parameter: input.parameter,
  effectiveFrom: input.effectiveFrom,
  value: input.value,
  source: input.source,
  certainty: input.certainty,
  note: input.note ?? null,
  origin: 'added',
  addedBy,
  addedAt,
});

/** A shipped version as a record: its value is everything but its day and source. */
function defaultRecord(parameter: PolicyVersionRecord['parameter'], version: Versioned): PolicyVersionRecord {
  const { effectiveFrom, source, certainty, note, ...value } = version;
  return {
    id: `${parameter}@${effectiveFrom}`,
    parameter,
    effectiveFrom,
    value,
    source,
    certainty,
    note: note ?? null,
    origin: 'default',
    addedBy: null,
    addedAt: null,
  };
}

/**
 * Emulation's policy: the shipped defaults merged with the versions administrators added, which
 * live in one partition of emulation's table and load with one Query.
 */
export function createPolicyVersions(db: Db, options: PolicyStoreOptions = {}): PolicyVersions {
  const cacheMs = options.cacheMs ?? POLICY_CACHE_MS;
  const defaults = options.defaults ?? DEFAULT_EMULATION_POLICY;
  const cacheKey = `${db.tableName}${options.defaults ? '#custom' : ''}`;

  async function readAll(): Promise<Loaded> {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': POLICY_PK, ':prefix': POLICY_VERSION_PREFIX },
    });
    const added = items
      .map((item) => stripKeys<StoredVersion>(item))
      .sort((a, b) => a.input.effectiveFrom.localeCompare(b.input.effectiveFrom));
    const records = [
      ...Object.entries(defaults).flatMap(([parameter, versions]) =>
        (versions as readonly Versioned[]).map((v) => defaultRecord(parameter as PolicyVersionRecord['parameter'], v)),
      ),
      ...added.map(addedRecord),
    ];
    const policy = createEmulationPolicy(
      mergeVersions(
        defaults,
        added.map((a) => a.input),
      ),
    );
    const loaded = { at: Date.now(), records, policy };
    if (cacheMs > 0) cache.set(cacheKey, loaded);
    return loaded;
  }

  return {
    async load(opts = {}) {
      const held = cache.get(cacheKey);
      if (!opts.fresh && cacheMs > 0 && held && Date.now() - held.at < cacheMs) return held.policy;
      return (await readAll()).policy;
    },

    async list() {
      return (await readAll()).records;
    },

    async add(input, ctx) {
      const problems = versionProblems(input);
      if (problems.length > 0) throw invalidPolicyVersion(problems);
      const shipped = latestFrom(defaults, input.parameter);
      if (shipped && input.effectiveFrom <= shipped) throw policyVersionNotAfterLatest(input.parameter, shipped);
      const stored: StoredVersion = { input, addedBy: ctx.actor.id, addedAt: ctx.now().toISOString() };
      const record = addedRecord(stored);
      const { id } = record;
      try {
        await retryOnConflict(
          () =>
            commit(
              db,
              {
                items: [
                  {
                    // The append-only rule as a condition: the parameter's head moves forward only.
                    Update: {
                      Key: policyHeadKey(input.parameter),
                      UpdateExpression: 'SET #kind = :kind, latestFrom = :from, latestId = :id',
                      ConditionExpression: 'attribute_not_exists(pk) OR latestFrom < :from',
                      ExpressionAttributeNames: { '#kind': 'kind' },
                      ExpressionAttributeValues: { ':kind': 'policy-head', ':from': input.effectiveFrom, ':id': id },
                      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                    },
                  },
                  {
                    Put: {
                      Item: { ...policyVersionKey(id), kind: 'policy-version', ...stored },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ],
                audit: [{ entityType: 'policy-version', entityId: id, action: 'added', before: null, after: record }],
              },
              ctx,
            ),
          CONFLICT_ATTEMPTS,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError)
          throw policyVersionNotAfterLatest(input.parameter, String(error.item?.latestFrom ?? input.effectiveFrom));
        throw error;
      }
      cache.delete(cacheKey);
      return record;
    },
  };
}

/** The criteria sets units published, one item per unit and year. */
export function createRatingCriteriaStore(db: Db): RatingCriteriaStore {
  return {
    async get(unitId, year) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: ratingCriteriaKey(unitId, year), ConsistentRead: true }),
      );
      return Item ? stripKeys<RatingCriteriaSet>(Item) : undefined;
    },
    async publish(set, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...ratingCriteriaKey(set.unitId, set.year), kind: 'rating-criteria', ...set },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
            audit: [
              {
                entityType: 'rating-criteria',
                entityId: `${set.unitId}#${set.year}`,
                action: 'published',
                before: null,
                after: set,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw ratingCriteriaExists(set.unitId, set.year);
        throw error;
      }
    },
  };
}
