import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * Dissolving or merging a CĐCS runs in the background: the request writes the
 * job and this event in one transaction; the membership service runs the job,
 * and runs it again from where it stopped if it is redelivered.
 */
export const UnitDissolutionRequested = defineEvent({
  service: 'membership',
  detailType: 'UnitDissolutionRequested',
  version: 1,
  description: 'A CĐCS is to be dissolved, its members exiting, or merged, its members transferring to another unit.',
  data: z.object({ unitId: z.string().min(1), jobId: z.string().min(1) }),
});

export const DISSOLUTION_EVENTS = [UnitDissolutionRequested] as const;
