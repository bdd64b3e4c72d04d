/**
 * Member lives as membership publishes them: each event carries the member's whole state
 * after the change, with its version, and the personal data the directory must drop.
 */
import type { BusEvent, MemberState } from '@congdoan/contracts';
import fc from 'fast-check';
import { busEvent } from '../../../test/support/bus-events.ts';
import { admittedMember } from '../../../test/support/states.ts';

/** The personal data every life below carries in its events. */
export const {
  cccd: CCCD,
  duesSalary: SALARY,
  phone: PHONE,
  email: EMAIL,
} = admittedMember('any', '2005-05-19') as {
  cccd: string;
  duesSalary: number;
  phone: string;
  email: string;
};

/** The morning of `date` in Vietnam, when a change dated that day is recorded. */
const morningOf = (date: string) => `${date}T03:00:00.000Z`;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A member's life, step by step; `events` holds what membership published, in order. */
export function life(unitId: string, admittedOn: string, fullName = 'Nguyễn Thị Thu Hà') {
  let state = admittedMember(unitId, admittedOn, { fullName });
  const events: BusEvent[] = [
    busEvent('congdoan.membership', 'MemberAdmitted', { member: state }, { occurredAt: morningOf(admittedOn) }),
  ];
  const change = (detailType: string, changes: Partial<MemberState>, extra: object, occurredAt: string) => {
    state = { ...state, ...changes, version: state.version + 1 };
    events.push(busEvent('congdoan.membership', detailType, { member: state, ...extra }, { occurredAt }));
    return api;
  };
  const api = {
    get id() {
      return state.id;
    },
    get state() {
      return state;
    },
    get events() {
      return [...events];
    },
    /** A new name and dues salary, recorded on `recordedOn`. */
    update: (recordedOn: string, newName: string) =>
      change(
        'MemberUpdated',
        { fullName: newName, duesSalary: state.duesSalary + 100_000 },
        { changed: ['fullName', 'duesSalary'] },
        morningOf(recordedOn),
      ),
    transfer: (date: string, toUnitId: string) =>
      change('MemberTransferred', { unitId: toUnitId }, { fromUnitId: state.unitId, toUnitId, date }, morningOf(date)),
    /** Suspended from `from`, recorded on `recordedOn` (a suspension may be back-dated). */
    suspend: (from: string, recordedOn = from) =>
      change(
        'MemberSuspended',
        { status: 'suspended', suspension: { from, reason: 'nghỉ không lương' } },
        {},
        morningOf(recordedOn),
      ),
    reinstate: (date: string) =>
      change('MemberReinstated', { status: 'active', suspension: null }, { date }, morningOf(date)),
    exit: (date: string) =>
      change(
        'MemberExited',
        { status: 'exited', exit: { date, reason: 'moved-out', note: null } },
        {},
        morningOf(date),
      ),
    readmit: (date: string, unitId: string) =>
      change(
        'MemberReadmitted',
        { status: 'active', unitId, exit: null, admission: { decisionNumber: '07/QĐ-CĐCS', decisionDate: date } },
        { date },
        morningOf(date),
      ),
  };
  return api;
}

type Step =
  | { kind: 'update'; days: number }
  | { kind: 'transfer'; days: number; unit: number }
  | { kind: 'suspend'; days: number; backdate: number }
  | { kind: 'reinstate'; days: number }
  | { kind: 'exit'; days: number }
  | { kind: 'readmit'; days: number; unit: number };

const days = fc.integer({ min: 1, max: 400 });
const unit = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), days }),
  fc.record({ kind: fc.constant('transfer' as const), days, unit }),
  fc.record({ kind: fc.constant('suspend' as const), days, backdate: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ kind: fc.constant('reinstate' as const), days }),
  fc.record({ kind: fc.constant('exit' as const), days }),
  fc.record({ kind: fc.constant('readmit' as const), days, unit }),
);

/**
 * A random life in the given units: steps that do not fit the member's status at the time
 * are passed over, as membership would refuse them. Suspensions may be back-dated, so
 * effective days do not always follow versions.
 */
export const randomLife = (units: readonly [string, string, string]) =>
  fc.array(step, { minLength: 1, maxLength: 12 }).map((steps) => {
    let day = '2015-03-02';
    const m = life(units[0], day);
    for (const s of steps) {
      day = addDays(day, s.days);
      const status = m.state.status;
      if (s.kind === 'update' && status !== 'exited') m.update(day, `Đoàn viên ${s.days}`);
      else if (s.kind === 'transfer' && status === 'active') m.transfer(day, units[s.unit]!);
      else if (s.kind === 'suspend' && status === 'active') m.suspend(addDays(day, -s.backdate), day);
      else if (s.kind === 'reinstate' && status === 'suspended') m.reinstate(day);
      else if (s.kind === 'exit' && status !== 'exited') m.exit(day);
      else if (s.kind === 'readmit' && status === 'exited') m.readmit(day, units[s.unit]!);
    }
    return m.events;
  });

/**
 * The events delivered in any order, some of them more than once: every event at least
 * once, up to as many extra copies as there are events.
 */
export const deliveries = (events: readonly BusEvent[]) =>
  fc
    .array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: events.length })
    .chain((extra) => {
      const all = [...events.keys(), ...extra];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    })
    .map((order) => order.map((i) => events[i]!));

/** Property runs: small by default so the suite stays fast; `PROPERTY_RUNS` raises them (`npm run test:deep`). */
export const propertyRuns = (fallback: number) => Number(process.env.PROPERTY_RUNS ?? fallback);
