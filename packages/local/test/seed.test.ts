import { describe, expect, it } from 'vitest';
import { findSeeds } from '../src/seed.ts';

/** How the local platform finds each service's demo seed; the demo data itself is test/e2e/demo.fresh.e2e.test.ts. */
describe('finding the seeds', () => {
  it('takes each service’s demo/seed.ts, each after the services it waits for', async () => {
    const seeds = await findSeeds(['finance', 'membership']);
    expect(seeds.map((s) => s.service)).toEqual(['membership', 'finance']);
    expect(seeds[1]!.seed.after).toEqual(['membership']);
  });

  it('passes over a service without one, and refuses a seed whose predecessor is not running', async () => {
    // A name with no demo/seed.ts (welfare has one since issue 12).
    expect(await findSeeds(['no-seed-here'])).toEqual([]);
    await expect(findSeeds(['finance'])).rejects.toThrow(/finance's demo seed runs after membership's/);
    await expect(findSeeds(['welfare', 'membership'])).rejects.toThrow(/welfare's demo seed runs after finance's/);
    expect((await findSeeds(['welfare', 'finance', 'membership'])).map((s) => s.service)).toEqual([
      'membership',
      'finance',
      'welfare',
    ]);
  });
});
