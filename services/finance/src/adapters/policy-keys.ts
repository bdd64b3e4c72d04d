/**
 * Keys of the finance policy. Every added version lives in ONE partition, so the
 * whole policy loads with one Query; the heads sit in the same partition under
 * another prefix, one per rule and funding type.
 */
export const POLICY_PK = 'POLICY';
export const POLICY_VERSION_PREFIX = 'VERSION#';

/** An administrator's version of a rule; `id` is the version id (`dues-rate@2025-07-01#self-funded`). */
export const policyVersionKey = (id: string) => ({ pk: POLICY_PK, sk: `${POLICY_VERSION_PREFIX}${id}` });

/**
 * The latest added version of one rule for one funding type (`*` for rules that do not
 * depend on it). A new version updates the head of every funding type it covers on the
 * condition that it is later, which makes the append-only rule a condition, not a read.
 */
export const policyHeadKey = (parameter: string, key: string) => ({ pk: POLICY_PK, sk: `HEAD#${parameter}#${key}` });

/**
 * The marker that a shipped default version was announced (`BaseSalaryVersionRecorded`),
 * written in the event's transaction on the condition that it is absent: once per version.
 */
export const POLICY_ANNOUNCED_PREFIX = 'ANNOUNCED#';
export const policyAnnouncedKey = (id: string) => ({ pk: POLICY_PK, sk: `${POLICY_ANNOUNCED_PREFIX}${id}` });
