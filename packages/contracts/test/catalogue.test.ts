import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as modules from '../src/events/index.ts';
import {
  defineEvent,
  EVENT_CATALOGUE,
  eventsOf,
  findEvent,
  isEventDefinition,
  MEMBER_EVENTS,
  SavingsLoanOverdue,
  UNIT_EVENTS,
  UnitCreated,
  WelfareLedgerPostingRequested,
} from '../src/index.ts';

describe('the event catalogue', () => {
  it('is every definition the event modules export, each once', () => {
    const exported = Object.values(modules).filter(isEventDefinition);
    expect(new Set(EVENT_CATALOGUE)).toEqual(new Set(exported));
    for (const e of [...UNIT_EVENTS, ...MEMBER_EVENTS]) expect(EVENT_CATALOGUE).toContain(e);
    const keys = EVENT_CATALOGUE.map((e) => `${e.source} ${e.detailType}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('knows nothing a module does not export', () => {
    const stray = defineEvent({
      service: 'welfare',
      detailType: 'StrayHappened',
      version: 1,
      description: 'test only',
      data: z.object({}),
    });
    expect(isEventDefinition(stray)).toBe(true);
    expect(EVENT_CATALOGUE).not.toContain(stray);
    expect(isEventDefinition({ ...UnitCreated })).toBe(false);
  });

  it('tells each service’s events by their source', () => {
    expect(eventsOf('membership')).toEqual(expect.arrayContaining([UnitCreated, ...MEMBER_EVENTS]));
    expect(eventsOf('membership').every((e) => e.source === 'congdoan.membership')).toBe(true);
    expect(eventsOf('welfare')).toEqual(expect.arrayContaining([WelfareLedgerPostingRequested, SavingsLoanOverdue]));
    expect(eventsOf('welfare')).toHaveLength(2);
    expect(findEvent('congdoan.membership', 'UnitCreated')).toBe(UnitCreated);
    expect(findEvent('congdoan.finance', 'UnitCreated')).toBeUndefined();
  });
});
