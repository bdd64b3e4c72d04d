import type { MetricDefinition } from '@congdoan/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  countCommittedEvents,
  countMetric,
  currentInvocation,
  type Observed,
  observedHandler,
  observedOf,
  runInvocation,
  UndeclaredMetricError,
} from '../src/index.ts';

const metrics = [
  { name: 'MembersAdmitted', description: 'Admitted', unit: 'Count', countsEvent: 'MemberAdmitted' },
  { name: 'ImportsFinished', description: 'Imports', unit: 'Count', countsEvent: 'MemberImportFinished' },
  { name: 'JobsStalled', description: 'A job found stalled (no event marks it)', unit: 'Count' },
] as const satisfies readonly MetricDefinition[];
const membership = { service: 'membership', metrics };

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  service: string;
  [metric: string]: unknown;
}

let written: string[];
beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The EMF records written to stdout (one JSON line each). */
function emfRecords(): Emf[] {
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

describe('observedHandler: business metrics', () => {
  it('publishes one EMF record per invocation with each countsEvent metric counted from the committed events', async () => {
    const handler = observedHandler(membership, async (n: number) => {
      countCommittedEvents(['MemberAdmitted', 'MemberUpdated']);
      countCommittedEvents(Array.from({ length: n }, () => 'MemberAdmitted'));
      return 'done';
    });
    await expect(handler(2)).resolves.toBe('done');
    const records = emfRecords();
    expect(records).toHaveLength(1);
    const [emf] = records;
    expect(emf?.service).toBe('membership');
    expect(emf?.MembersAdmitted).toBe(3);
    expect(emf?.ImportsFinished).toBeUndefined();
    expect(emf?._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Congdoan', Dimensions: [['service']], Metrics: [{ Name: 'MembersAdmitted', Unit: 'Count' }] },
    ]);
  });

  it('publishes nothing, and loads nothing, for an invocation that counted nothing', async () => {
    const handler = observedHandler(membership, async () => countCommittedEvents(['MemberUpdated']));
    await handler(undefined);
    expect(emfRecords()).toEqual([]);
  });

  it('still publishes what was committed before the handler failed', async () => {
    const handler = observedHandler(membership, async () => {
      countCommittedEvents(['MemberImportFinished']);
      throw new Error('after the commit');
    });
    await expect(handler(undefined)).rejects.toThrow('after the commit');
    expect(emfRecords().map((e) => e.ImportsFinished)).toEqual([1]);
  });

  it('publishes a metric that no event marks through countMetric, and refuses one the manifest does not declare', async () => {
    const handler = observedHandler(membership, async (name: string) => countMetric(name, 2));
    await expect(handler('JobsStalled')).resolves.toBe(true);
    expect(emfRecords().map((e) => e.JobsStalled)).toEqual([2]);
    await expect(handler('JobsLost')).rejects.toBeInstanceOf(UndeclaredMetricError);
  });

  it('keeps concurrent invocations of different services apart', async () => {
    const finance: Observed = {
      service: 'finance',
      metrics: [{ name: 'DiscrepanciesFound', description: 'd', unit: 'Count', countsEvent: 'DiscrepancyFound' }],
    };
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const admit = observedHandler(membership, async () => {
      await tick();
      countCommittedEvents(['MemberAdmitted', 'DiscrepancyFound']);
      await tick();
    });
    const reconcile = observedHandler(finance, async () => {
      countCommittedEvents(['DiscrepancyFound', 'DiscrepancyFound']);
      await tick();
      await tick();
      countCommittedEvents(['MemberAdmitted']);
    });
    await Promise.all([admit(undefined), reconcile(undefined), admit(undefined)]);
    const records = emfRecords();
    expect(records.filter((e) => e.service === 'membership').map((e) => e.MembersAdmitted)).toEqual([1, 1]);
    expect(records.filter((e) => e.service === 'finance').map((e) => e.DiscrepanciesFound)).toEqual([2]);
    expect(records.every((e) => Object.keys(e).filter((k) => /^[A-Z]/.test(k)).length === 1)).toBe(true);
  });

  it('does nothing outside an invocation (scripts, seeds, unit tests of use cases)', () => {
    expect(currentInvocation()).toBeUndefined();
    countCommittedEvents(['MemberAdmitted']);
    expect(countMetric('JobsStalled')).toBe(false);
    expect(emfRecords()).toEqual([]);
  });

  it('counts into the invocation around the caller', async () => {
    const { invocation, result } = runInvocation(membership, async () => {
      countCommittedEvents(['MemberAdmitted']);
      return currentInvocation();
    });
    expect(await result).toBe(invocation);
    expect(invocation.counts).toEqual(new Map([['MembersAdmitted', 1]]));
  });

  it('marks the function with what it was given, so a check can find an unobserved one', () => {
    const handler = observedHandler(membership, async () => undefined);
    expect(observedOf(handler)).toBe(membership);
    expect(observedOf(async () => undefined)).toBeUndefined();
  });
});
