import { randomUUID } from 'node:crypto';
import type { Actor } from '@congdoan/contracts';

/** What every write needs to know about its cause: who, when, and which request. */
export interface WriteContext {
  actor: Actor;
  correlationId: string;
  now: () => Date;
  newId: () => string;
}

export function systemContext(name: string, correlationId: string = randomUUID()): WriteContext {
  return {
    actor: { id: `system:${name}`, roles: [], unitId: null },
    correlationId,
    now: () => new Date(),
    newId: randomUUID,
  };
}
