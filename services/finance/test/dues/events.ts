import { randomUUID } from 'node:crypto';
import type { BusEvent, MemberState, Unit } from '@congdoan/contracts';
import { membershipEvent } from '../support/events.ts';
import { unit as anyUnit } from '../support/units.ts';

/** A CĐCS of a partly budget-funded agency, unless `overrides` say otherwise. */
export const unit = (overrides: Partial<Unit> = {}): Unit =>
  anyUnit({
    name: 'CĐCS Liên hiệp các Hội KH&KT tỉnh Bắc Giang',
    agency: {
      name: 'Liên hiệp các Hội KH&KT tỉnh Bắc Giang',
      taxId: '2400312468',
      fundingType: 'state-budget-partial',
    },
    ...overrides,
  });

const at = '2025-01-01T00:00:00.000Z';
/** The morning of `date` in Vietnam, when the tests' member changes are recorded. */
const morningOf = (date: string) => `${date}T03:00:00.000Z`;

/**
 * A member's lifecycle as a series of events, each carrying the whole member
 * state after the change with its version, as membership's lifecycle does.
 */
export function memberEvents(unitId: string, fullName: string, duesSalary: number, admittedOn: string) {
  let state: MemberState = {
    id: randomUUID(),
    unitId,
    status: 'active',
    fullName,
    gender: 'female',
    dateOfBirth: '1990-05-05',
    cccd: '024190123456',
    ethnicity: 'Kinh',
    phone: null,
    email: null,
    educationLevel: 'bachelor',
    professionalQualification: null,
    politicalTheoryLevel: 'none',
    employmentCategory: 'public-employee',
    jobTitle: null,
    partyMember: false,
    partyJoinDate: null,
    duesSalary,
    cardNumber: `${admittedOn.slice(0, 4)}000001`,
    joinDate: admittedOn,
    applicationDate: admittedOn,
    admission: { decisionNumber: '01/QĐ-CĐCS', decisionDate: admittedOn },
    suspension: null,
    exit: null,
    accountSubject: null,
    version: 2,
    createdAt: at,
    updatedAt: at,
  };
  const events: BusEvent[] = [membershipEvent('MemberAdmitted', { member: state }, morningOf(admittedOn))];
  /** The member after `changes`, one version on, published as `detailType` with `extra` data. */
  const change = (
    detailType: string,
    changes: Partial<MemberState>,
    extra: Record<string, unknown>,
    occurredAt: string,
  ) => {
    state = { ...state, ...changes, version: state.version + 1 };
    events.push(membershipEvent(detailType, { member: state, ...extra }, occurredAt));
    return api;
  };
  const api = {
    get id() {
      return state.id;
    },
    get events() {
      return [...events];
    },
    salary: (recordedAt: string, salary: number) =>
      change('MemberUpdated', { duesSalary: salary }, { changed: ['duesSalary'] }, recordedAt),
    transfer: (date: string, toUnitId: string) =>
      change('MemberTransferred', { unitId: toUnitId }, { fromUnitId: state.unitId, toUnitId, date }, morningOf(date)),
    suspend: (from: string) =>
      change(
        'MemberSuspended',
        { status: 'suspended', suspension: { from, reason: 'nghỉ dài hạn' } },
        {},
        morningOf(from),
      ),
    reinstate: (date: string) =>
      change('MemberReinstated', { status: 'active', suspension: null }, { date }, morningOf(date)),
    exit: (date: string) =>
      change('MemberExited', { status: 'exited', exit: { date, reason: 'retired', note: null } }, {}, morningOf(date)),
    readmit: (date: string, unitId: string) =>
      change(
        'MemberReadmitted',
        {
          status: 'active',
          unitId,
          exit: null,
          admission: { decisionNumber: '02/QĐ-CĐCS', decisionDate: date },
        },
        { date },
        morningOf(date),
      ),
  };
  return api;
}
