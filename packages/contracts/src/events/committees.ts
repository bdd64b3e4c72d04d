import { z } from 'zod';
import { committeeTermSchema, officerAppointmentSchema } from '../membership/committees.ts';
import { defineEvent } from './envelope.ts';

/**
 * Committee and officer events (membership). Each carries the full state of the
 * term or appointment after the change, with its `version`, so a projection
 * upserts by version and tolerates duplicates and reordering.
 */
export const CommitteeTermOpened = defineEvent({
  service: 'membership',
  detailType: 'CommitteeTermOpened',
  version: 1,
  description: 'A committee term (nhiệm kỳ) of a unit was recorded, with its congress date.',
  data: z.object({ term: committeeTermSchema }),
});

export const CommitteeTermClosed = defineEvent({
  service: 'membership',
  detailType: 'CommitteeTermClosed',
  version: 1,
  description:
    'A committee term closed before its planned end; its officers’ appointments end with it (each with its own OfficerAppointmentEnded).',
  data: z.object({ term: committeeTermSchema }),
});

export const OfficerAppointed = defineEvent({
  service: 'membership',
  detailType: 'OfficerAppointed',
  version: 1,
  description: 'A member was appointed to a position of a committee term, or to a standing financial role.',
  data: z.object({ appointment: officerAppointmentSchema }),
});

export const OfficerAppointmentEnded = defineEvent({
  service: 'membership',
  detailType: 'OfficerAppointmentEnded',
  version: 1,
  description: 'An officer left a position, on a date and for a reason.',
  data: z.object({ appointment: officerAppointmentSchema }),
});

export const COMMITTEE_EVENTS = [
  CommitteeTermOpened,
  CommitteeTermClosed,
  OfficerAppointed,
  OfficerAppointmentEnded,
] as const;
