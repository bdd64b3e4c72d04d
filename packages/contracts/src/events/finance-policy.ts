import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * Lương cơ sở has one source of truth: finance's policy parameter `base-salary`. Finance
 * announces each version it holds, so other services (emulation's prizes) compute with the
 * same figures without keeping a copy of their own:
 *
 * - a version an administrator adds (`POST /v1/finance/policy/versions`) is announced in the
 *   transaction that records it (outbox);
 * - the shipped defaults are announced once each by finance's schedule
 *   `finance-policy-announcer`, a marker per version written in the event's transaction, so a
 *   default added in a later release is announced on the next run after it is deployed.
 *
 * Consumers keep, per `effectiveFrom`, the highest `version`: a redelivered or late event
 * changes nothing. Finance's policy is append-only, so today every version is 1; a correction
 * of a day's figure would come with a higher one.
 */
export const BaseSalaryVersionRecorded = defineEvent({
  service: 'finance',
  detailType: 'BaseSalaryVersionRecorded',
  version: 1,
  description:
    'A version of lương cơ sở (finance policy `base-salary`) finance holds: its first day, amount in whole đồng, source document and certainty.',
  data: z.object({
    /** Finance's id of the version, e.g. `base-salary@2026-07-01#all`. */
    versionId: z.string().min(1).max(120),
    effectiveFrom: z.iso.date(),
    /** Whole đồng a month. */
    amount: z.number().int().positive(),
    /** The source document, e.g. `NĐ 73/2024/NĐ-CP`. */
    source: z.string().min(1).max(300),
    certainty: z.enum(['sure', 'likely', 'unsure']),
    /** `default`: shipped with finance; `added`: by an administrator. */
    origin: z.enum(['default', 'added']),
    /** Higher wins for the same `effectiveFrom`. */
    version: z.number().int().positive(),
  }),
});

export const FINANCE_POLICY_EVENTS = [BaseSalaryVersionRecorded] as const;
