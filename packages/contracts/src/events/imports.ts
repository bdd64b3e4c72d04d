import { z } from 'zod';
import { importCountsSchema } from '../membership/imports.ts';
import { defineEvent } from './envelope.ts';

/**
 * Events of member import jobs (membership). They carry no personal data: the rows
 * stay in the job's items of the membership table.
 */
export const MemberImportRequested = defineEvent({
  service: 'membership',
  detailType: 'MemberImportRequested',
  version: 1,
  description:
    'A member import job (dry run or real) is queued, or continues after a slice: the membership service runs it in the background.',
  data: z.object({
    importId: z.string().min(1),
    unitId: z.string().min(1),
    dryRun: z.boolean(),
    /** 0 for the first run; each continuation after a time-boxed slice adds one, so a stale delivery is told apart. */
    slice: z.number().int().nonnegative(),
  }),
});

export const MemberImportFinished = defineEvent({
  service: 'membership',
  detailType: 'MemberImportFinished',
  version: 1,
  description: 'A member import job finished (succeeded or failed), with its counts.',
  data: z.object({
    importId: z.string().min(1),
    unitId: z.string().min(1),
    dryRun: z.boolean(),
    status: z.enum(['succeeded', 'failed']),
    counts: importCountsSchema,
  }),
});

export const IMPORT_EVENTS = [MemberImportRequested, MemberImportFinished] as const;
