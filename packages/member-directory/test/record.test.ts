import { type BusEvent, MEMBER_EVENTS } from '@congdoan/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHistory, spanOn } from '../src/history.ts';
import {
  DIRECTORY_EVENT_KINDS,
  type DirectoryEntry,
  factsFromEvent,
  lifecycleKindOf,
  type MemberEventData,
  mergeFacts,
} from '../src/record.ts';
import { CCCD, deliveries, EMAIL, life, PHONE, propertyRuns, randomLife, SALARY } from './lives.ts';

const facts = (e: BusEvent) =>
  factsFromEvent(lifecycleKindOf(e['detail-type']), e.detail.data as MemberEventData, e.detail.metadata.occurredAt);

/** The entry after `events`, delivered in that order. */
const fold = (events: readonly BusEvent[]): DirectoryEntry | undefined =>
  events.reduce<DirectoryEntry | undefined>((entry, e) => mergeFacts(entry, facts(e)) ?? entry, undefined);

describe('what the directory keeps of a member event', () => {
  it('knows every member event membership publishes, and nothing else', () => {
    expect(Object.keys(DIRECTORY_EVENT_KINDS).sort()).toEqual(MEMBER_EVENTS.map((e) => e.detailType).sort());
    expect(() => lifecycleKindOf('MemberRenamed')).toThrow(/does not know MemberRenamed/);
  });

  it('is the named fields only: never the CCCD, the dues salary or contact details', () => {
    const m = life('unit-a', '2005-05-19').update('2020-01-06', 'Nguyễn Thị Thu Hà').transfer('2021-03-01', 'unit-b');
    for (const event of m.events) {
      const { profile } = facts(event);
      expect(Object.keys(profile).sort()).toEqual(
        ['cardNumber', 'dateOfBirth', 'fullName', 'gender', 'id', 'joinDate', 'status', 'unitId', 'version'].sort(),
      );
      const kept = JSON.stringify(fold([event]));
      for (const secret of [CCCD, PHONE, EMAIL, 'cccd', 'duesSalary', 'phone', 'email', 'Thạc sĩ Kinh tế'])
        expect(kept).not.toContain(secret);
      expect(kept).not.toMatch(new RegExp(`\\b${SALARY}\\b|\\b${SALARY + 100_000}\\b`));
    }
  });

  it('dates each step on the day it takes effect, not the day it was recorded', () => {
    const m = life('unit-a', '2005-05-19')
      .transfer('2019-09-01', 'unit-b')
      .suspend('2019-06-01', '2019-10-15') // back-dated: recorded after the transfer
      .reinstate('2020-01-01')
      .exit('2023-12-31')
      .readmit('2024-07-01', 'unit-c');
    const entry = fold(m.events)!;
    expect(entry.changes.map((c) => [c.kind, c.date, c.unitId])).toEqual([
      ['admitted', '2005-05-19', 'unit-a'],
      ['transferred', '2019-09-01', 'unit-b'],
      ['suspended', '2019-06-01', 'unit-b'],
      ['reinstated', '2020-01-01', 'unit-b'],
      ['exited', '2023-12-31', 'unit-b'],
      ['readmitted', '2024-07-01', 'unit-c'],
    ]);
    // The back-dated suspension suspends the member where they were then: in unit A.
    expect(entry.member.history).toEqual([
      { from: '2005-05-19', to: '2019-06-01', unitId: 'unit-a', status: 'active' },
      { from: '2019-06-01', to: '2019-09-01', unitId: 'unit-a', status: 'suspended' },
      { from: '2019-09-01', to: '2020-01-01', unitId: 'unit-b', status: 'suspended' },
      { from: '2020-01-01', to: '2023-12-31', unitId: 'unit-b', status: 'active' },
      { from: '2023-12-31', to: '2024-07-01', unitId: 'unit-b', status: 'exited' },
      { from: '2024-07-01', to: null, unitId: 'unit-c', status: 'active' },
    ]);
    expect(spanOn(entry.member.history, '2005-05-18')).toBeUndefined();
    expect(spanOn(entry.member.history, '2019-08-31')).toMatchObject({ unitId: 'unit-a', status: 'suspended' });
    expect(spanOn(entry.member.history, '2019-09-01')).toMatchObject({ unitId: 'unit-b', status: 'suspended' });
    expect(spanOn(entry.member.history, '2030-01-01')).toMatchObject({ unitId: 'unit-c', status: 'active' });
    expect(entry.member).toMatchObject({ unitId: 'unit-c', status: 'active', version: 7, joinDate: '2005-05-19' });
  });

  it('takes the record from the highest version, whatever came last', () => {
    const m = life('unit-a', '2005-05-19').update('2020-01-06', 'Nguyễn Thị Thu Hằng').transfer('2021-03-01', 'unit-b');
    const [admitted, updated, transferred] = m.events;
    const entry = fold([transferred!, updated!, admitted!])!;
    expect(entry.member).toMatchObject({ fullName: 'Nguyễn Thị Thu Hằng', unitId: 'unit-b', version: 4 });
    expect(mergeFacts(entry, facts(updated!))).toBeUndefined();
    expect(mergeFacts(entry, facts(admitted!))).toBeUndefined();
  });

  it('reaches the same entry from any order of delivery, with any duplicates', () => {
    const units = ['unit-a', 'unit-b', 'unit-c'] as const;
    const lives = randomLife(units).chain((events) => deliveries(events).map((delivered) => ({ events, delivered })));
    fc.assert(
      fc.property(lives, ({ events, delivered }) => {
        const inOrder = fold(events);
        expect(fold(delivered)).toEqual(inOrder);
        expect(inOrder!.member.history).toEqual(buildHistory(inOrder!.changes));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
