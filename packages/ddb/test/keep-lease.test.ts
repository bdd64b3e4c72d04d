import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepLease } from '../src/jobs.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keepLease', () => {
  it('renews every interval, one renewal at a time, and stops renewing when stopped', async () => {
    let inFlight = 0;
    let most = 0;
    let renewals = 0;
    const lease = keepLease(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 250));
      renewals++;
      inFlight--;
    }, 100);
    await vi.advanceTimersByTimeAsync(1_000);
    const stopping = lease.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopping;
    const after = renewals;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(most).toBe(1);
    expect(after).toBeGreaterThanOrEqual(4);
    expect(renewals).toBe(after);
  });

  it('waits for the renewal in flight before it returns', async () => {
    let finished = false;
    const lease = keepLease(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    }, 100);
    await vi.advanceTimersByTimeAsync(150);
    let stopped = false;
    const stopping = lease.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    await stopping;
    expect(finished).toBe(true);
    expect(stopped).toBe(true);
  });

  it('rethrows the first failed renewal on stop, and tries no more after it', async () => {
    let calls = 0;
    const lease = keepLease(async () => {
      calls++;
      throw new Error(`taken over (${calls})`);
    }, 100);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(lease.stop()).rejects.toThrow('taken over (1)');
    expect(calls).toBe(1);
  });
});
