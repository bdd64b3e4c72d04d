import { z } from 'zod';
import { unitSchema } from '../membership/units.ts';
import { defineEvent } from './envelope.ts';

/**
 * Unit events carry the unit's full state after the change (`unit`), with its
 * `version`, so a projection upserts by version and tolerates duplicates and
 * reordering without replaying history.
 */
export const UnitCreated = defineEvent({
  service: 'membership',
  detailType: 'UnitCreated',
  version: 1,
  description: 'A unit was created in the organisation tree.',
  data: z.object({ unit: unitSchema }),
});

export const UnitUpdated = defineEvent({
  service: 'membership',
  detailType: 'UnitUpdated',
  version: 1,
  description: "A unit's code, name or employing agency changed.",
  data: z.object({ unit: unitSchema, changed: z.array(z.string()) }),
});

export const UnitMoved = defineEvent({
  service: 'membership',
  detailType: 'UnitMoved',
  version: 1,
  description: 'A unit moved under another parent, with its whole subtree.',
  data: z.object({ unit: unitSchema, fromParentId: z.string().nullable(), toParentId: z.string() }),
});

export const UnitDissolved = defineEvent({
  service: 'membership',
  detailType: 'UnitDissolved',
  version: 1,
  description: 'A unit was dissolved; its history stays readable.',
  data: z.object({ unit: unitSchema }),
});

export const UNIT_EVENTS = [UnitCreated, UnitUpdated, UnitMoved, UnitDissolved] as const;
