import type { Actor, BusEvent } from '@congdoan/contracts';
import { type BusEventOptions, busEvent } from '../../../../test/support/bus-events.ts';

const TESTER: Actor = { id: 'tester', roles: ['admin'], unitId: null };

/** An event membership publishes, as the bus hands it to finance's consumers. */
export const membershipEvent = <D>(
  detailType: string,
  data: D,
  occurredAt = '2025-07-01T03:00:00.000Z',
  options: BusEventOptions = {},
): BusEvent<D> => busEvent('congdoan.membership', detailType, data, { occurredAt, actor: TESTER, ...options });
